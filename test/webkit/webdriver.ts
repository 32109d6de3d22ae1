/**
 * WebKit (Safari's engine) for the test suites in this folder: Debian's WebKitGTK, its WebDriver (W3C WebDriver
 * classic, `WebKitWebDriver`) driving its MiniBrowser under an Xvfb display of our own, over fetch. No client
 * library and no browser download: what `apt-get install -y webkit2gtk-driver xvfb` installs.
 *
 * WebDriver classic has no script that runs before the page's own (Playwright's init scripts, puppeteer's
 * evaluateOnNewDocument): `recorderFront()` puts a small server in front of the fixture server that adds the e2e
 * recorder (test/e2e/harness.ts, PAGE_RECORDER) to each fixture page as the first script in its head, loaded from
 * the page's own origin (so a strict `script-src 'self'` allows it), and nothing else changes. It also records what
 * WebDriver classic does not report: uncaught errors and rejections, and console.error calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'vite';
import { PAGE_RECORDER, type FixtureServer, type PageRecord } from '../e2e/harness.js';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const XVFB_PATH = process.env.XVFB_PATH || '/usr/bin/Xvfb';

/** MiniBrowser lives in an architecture's lib folder (`/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser`). */
export function miniBrowserPath(): string | null {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    for (const dir of readdirSync(lib)) {
      const candidate = `${lib}/${dir}/webkit2gtk-4.1/MiniBrowser`;
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** What is missing, with the command that installs it; null when everything is there. */
export function missingWebKit(): string | null {
  const missing = [
    !existsSync(WEBKIT_DRIVER_PATH) && `WebKitWebDriver (${WEBKIT_DRIVER_PATH}${process.env.WEBKIT_DRIVER_PATH ? ', WEBKIT_DRIVER_PATH' : ''})`,
    !(miniBrowserPath() && existsSync(miniBrowserPath()!)) && 'MiniBrowser (webkit2gtk-4.1; MINIBROWSER_PATH)',
    !existsSync(XVFB_PATH) && `Xvfb (${XVFB_PATH}${process.env.XVFB_PATH ? ', XVFB_PATH' : ''})`,
  ].filter(Boolean);
  return missing.length ? `WebKit not found: ${missing.join(', ')}. Install with: sudo apt-get install -y webkit2gtk-driver xvfb` : null;
}

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementRef = { [ELEMENT_KEY]: string };

/** What the recorder front adds to the e2e recorder's `window.__e2e`. */
export interface WebKitRecord extends PageRecord {
  pageErrors: string[];
  consoleErrors: string[];
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A free TCP port on 127.0.0.1 (WebKitWebDriver does not accept port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A WebKitWebDriver on `display`, answering /status. In the run's own process group, as Xvfb is: a Ctrl-C (or a
 * cancelled CI job) that signals the group ends it and its MiniBrowsers too, where a group of its own would outlive
 * the run, holding its port.
 */
async function startDriver(display: string, env: NodeJS.ProcessEnv = {}): Promise<{ driver: ChildProcess; base: string }> {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], { env: { ...process.env, ...env, DISPLAY: `:${display}` }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10_000;
  try {
    for (;;) {
      if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
      // Bounded whatever the answer: refused (not listening yet), not OK, or none at all.
      const ready = await fetch(`${base}/status`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.ok, () => false);
      if (ready) return { driver, base };
      if (Date.now() > until) throw new Error('WebKitWebDriver did not answer in 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stopDriver(driver);
    throw error;
  }
}

/**
 * The driver and every MiniBrowser it started: its child processes, found in /proc (the suite is Linux's:
 * WebKitGTK, Xvfb). A MiniBrowser's web and network processes end with it.
 */
async function stopDriver(driver: ChildProcess): Promise<void> {
  killChildren(driver);
  await stop(driver);
}

/** The driver's child processes (its MiniBrowsers), killed outright; synchronous, so that it also works on exit. */
function killChildren(driver: ChildProcess): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // `pid (name) state ppid …`: the name may hold spaces and parentheses, so read after its last `)`.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === driver.pid) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/**
 * Every WebKit launched and not closed, killed as the process ends without closing them. A signal to the run's
 * process group (a terminal's Ctrl-C) reaches them too, but one to the run's process alone did not: SIGTERM from
 * `timeout`, a process manager or `kill <pid>` (no listener: Node ends at once), and @web/test-runner's SIGINT
 * handler (it calls process.exit() without waiting for the launcher's stop), left Xvfb, WebKitWebDriver (its port)
 * and MiniBrowser running, orphaned. On exit they are killed; on SIGTERM, SIGINT or SIGHUP too, and where nothing
 * else listens to that signal it is raised again, so that the process still ends by it.
 */
const unclosed = new Set<{ kill(): void }>();
let exitHooked = false;
function killOnExit(webkit: { kill(): void }): void {
  unclosed.add(webkit);
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const each of unclosed) each.kill();
    unclosed.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll();
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** An Xvfb display and a WebKitWebDriver on it; `session()` opens a MiniBrowser window (its own process and data). */
export class WebKit {
  private readonly sessions = new Set<Session>();

  private constructor(
    private readonly xvfb: ChildProcess,
    private readonly display: string,
    private driver: ChildProcess,
    private base: string,
    private readonly miniBrowser: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** `env`: more environment for the driver and its MiniBrowsers (the language, for one). */
  static async launch(env: NodeJS.ProcessEnv = {}): Promise<WebKit> {
    const missing = missingWebKit();
    if (missing) throw new Error(missing);
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
    const xvfb = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    try {
      const display = await new Promise<string>((resolve, reject) => {
        let out = '';
        xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.trim());
        });
        xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
        setTimeout(() => reject(new Error('Xvfb gave no display in 10 s')), 10_000);
      });
      const { driver, base } = await startDriver(display, env);
      const webkit = new WebKit(xvfb, display, driver, base, miniBrowserPath()!, env);
      killOnExit(webkit);
      return webkit;
    } catch (error) {
      await stop(xvfb);
      throw error;
    }
  }

  /**
   * A new MiniBrowser window, `width` × `height` outside (the viewport is 38 px shorter: MiniBrowser's toolbar).
   * WebKitWebDriver holds one session at a time: one a failed test left open is closed first.
   *
   * Now and then (once in our CI runs so far, on a busy machine) a MiniBrowser starts but never reports to the driver, and the new
   * session gets no answer at all. That is the test browser's start-up, not anything a page does: the driver and its
   * MiniBrowsers are killed, a new driver started, and the session asked for once more. A second silence fails.
   */
  async session(width = 1280, height = 938): Promise<Session> {
    await Promise.all([...this.sessions].map((session) => session.close().catch(() => {})));
    let sessionId: string;
    let browserVersion: string;
    try {
      ({ sessionId, browserVersion } = await this.newSession(20_000));
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      console.warn(`WebKit: ${error.message}; starting WebKitWebDriver again and asking once more`);
      this.sessions.clear();
      await stopDriver(this.driver);
      ({ driver: this.driver, base: this.base } = await startDriver(this.display, this.env));
      ({ sessionId, browserVersion } = await this.newSession(45_000));
    }
    const session = new Session(`${this.base}/session/${sessionId}`, browserVersion, () => this.sessions.delete(session));
    this.sessions.add(session);
    // A page that never finishes loading fails its test in 30 s, not WebDriver's default 300.
    await webdriver(`${this.base}/session/${sessionId}`, 'POST', '/timeouts', { pageLoad: 30_000, script: 30_000 });
    await session.resize(width, height);
    return session;
  }

  private async newSession(timeout: number): Promise<{ sessionId: string; browserVersion: string }> {
    const { sessionId, capabilities } = await webdriver<{ sessionId: string; capabilities: { browserVersion: string } }>(
      this.base,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: this.miniBrowser, args: ['--automation'] } } } },
      timeout,
    );
    return { sessionId, browserVersion: capabilities.browserVersion };
  }

  /** Every window closed, then the driver and the display: called from `after`, whatever failed. */
  async close(): Promise<void> {
    await Promise.all([...this.sessions].map((session) => session.close().catch(() => {})));
    await stopDriver(this.driver);
    await stop(this.xvfb);
    unclosed.delete(this);
  }

  /** At once (synchronously: the process is ending, see killOnExit): its MiniBrowsers, the driver and the display. */
  kill(): void {
    killChildren(this.driver);
    this.driver.kill('SIGKILL');
    this.xvfb.kill('SIGKILL');
  }
}

/** WebDriver said nothing in time (as opposed to answering with an error). */
class NoAnswer extends Error {}

async function webdriver<T>(base: string, method: string, path: string, body?: unknown, timeout = 45_000): Promise<T> {
  const started = Date.now();
  // Longer than any WebDriver timeout set in session() (30 s), so that those answer first.
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  }).catch((error: unknown) => {
    throw new NoAnswer(`WebDriver ${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body).slice(0, 200)}`}: no answer after ${Date.now() - started} ms (${String(error)})`);
  });
  const json = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}

/** One MiniBrowser window. */
export class Session {
  constructor(
    private readonly base: string,
    readonly browserVersion: string,
    private readonly onClose: () => void,
  ) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return webdriver<T>(this.base, method, path, body);
  }

  async resize(width: number, height: number): Promise<void> {
    await this.call('POST', '/window/rect', { width, height });
  }

  /** Navigates and waits for the load event (WebDriver's normal page load strategy). */
  async goto(url: string): Promise<void> {
    await this.call('POST', '/url', { url });
  }

  /**
   * Runs `fn` in the page with `args` (JSON values or element references) and returns its result, awaited when it
   * is a promise. `fn` travels as its source text: it must not use anything from the module it is written in.
   */
  async run<T, A extends unknown[] = []>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> {
    // tsx compiles this file with esbuild's keepNames, which wraps named inner functions in `__name(...)`.
    const script = `const __name = (fn) => fn; const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn.toString()})(...Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) + (error && error.stack ? ' at ' + error.stack : '') }));`;
    const outcome = await this.call<{ value?: T; error?: string }>('POST', '/execute/async', { script, args });
    if (outcome.error !== undefined) throw new Error(`in the page: ${outcome.error}`);
    return outcome.value as T;
  }

  /** Polls `fn` in the page until it returns something truthy (returned), or throws after `timeout` ms. */
  async waitFor<T, A extends unknown[] = []>(what: string, fn: (...args: A) => T, args: A = [] as unknown as A, timeout = 15_000): Promise<T> {
    const until = Date.now() + timeout;
    for (;;) {
      const value = await this.run(fn, ...args);
      if (value) return value;
      if (Date.now() > until) throw new Error(`waited ${timeout} ms for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Navigates to `url` as a phone-wide page: in an iframe `width` × `height` in a blank page, which is a viewport of
   * its own (media and container queries, scrolling, `innerWidth`); scripts and clicks go to the frame from then on.
   * MiniBrowser's window is at least 447 px wide (its toolbar: WebKitGTK's test browser only, not Safari's).
   */
  async gotoAtWidth(url: string, width: number, height = 844): Promise<void> {
    await this.goto('about:blank');
    const frame = (await this.run(
      (src: string, frameWidth: number, frameHeight: number) => {
        const iframe = document.createElement('iframe');
        iframe.style.cssText = `width: ${frameWidth}px; height: ${frameHeight}px; border: 0; display: block`;
        document.body.style.margin = '0';
        document.body.append(iframe);
        return new Promise<HTMLIFrameElement>((resolve) => {
          iframe.onload = () => resolve(iframe);
          iframe.src = src;
        });
      },
      url,
      width,
      height,
    )) as unknown as ElementRef;
    await this.switchToFrame(frame);
  }

  /** A real click (WebDriver's Element Click: scrolled into view, at its centre, refused when covered) on `element`. */
  async click(element: ElementRef): Promise<void> {
    // WebKitWebDriver has called a button in a wishlist row that had just rendered (`content-visibility: auto`)
    // "not interactable", about one time in three, and clicked it 50 ms later: asked again, as Playwright waits for
    // an element to be actionable. WebDriver's check only: a shopper cannot tap a row before it is painted.
    const until = Date.now() + 2000;
    for (;;) {
      try {
        return void (await this.call('POST', `/element/${element[ELEMENT_KEY]}/click`, {}));
      } catch (error) {
        if (!/element not interactable/.test(String(error)) || Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Presses keys one after the other (WebDriver key actions: `\uE007` Enter, `\uE004` Tab), to whatever has focus. */
  async press(...keys: string[]): Promise<void> {
    const actions = keys.flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.call('DELETE', '/actions');
  }

  /**
   * Key actions as they are (`keyDown` and `keyUp` of WebDriver key values), with nothing released after: a key
   * pressed down here stays down, as a shopper's held key, until a later `keyUp` (its repeats: `keyDown` again).
   */
  async keyActions(actions: { type: 'keyDown' | 'keyUp'; value: string }[]): Promise<void> {
    await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** The current top-level page's URL. */
  url(): Promise<string> {
    return this.call<string>('GET', '/url');
  }

  /** Every key still held down released (WebDriver's Release Actions). */
  async releaseActions(): Promise<void> {
    await this.call('DELETE', '/actions');
  }

  /** The current window's handle. */
  windowHandle(): Promise<string> {
    return this.call<string>('GET', '/window');
  }

  /** Opens another tab of this browser (the same cookies and storage) and returns its handle; the current one stays current. */
  async newTab(): Promise<string> {
    return (await this.call<{ handle: string }>('POST', '/window/new', { type: 'tab' })).handle;
  }

  /** Closes the current tab (the session's other tabs stay); switch to one of them before the next command. */
  async closeTab(): Promise<void> {
    await this.call('DELETE', '/window');
  }

  /** Scripts, navigation and clicks from now on in the window `handle`. */
  async switchToWindow(handle: string): Promise<void> {
    await this.call('POST', '/window', { handle });
  }

  /** History back (WebDriver's Back: returns once the page shown is loaded, or restored from the back-forward cache). */
  async back(): Promise<void> {
    await this.call('POST', '/back', {});
  }

  /** Scripts and clicks from now on in `frame`'s document (an iframe's element), or the top document's again (null). */
  async switchToFrame(frame: ElementRef | null): Promise<void> {
    await this.call('POST', '/frame', { id: frame });
  }

  /** The recorder's `window.__e2e` (only on pages served through `recorderFront()`). */
  record(): Promise<WebKitRecord> {
    return this.run(() => (window as unknown as { __e2e: WebKitRecord }).__e2e);
  }

  async close(): Promise<void> {
    this.onClose();
    await this.call('DELETE', '');
  }
}

/** Runs in the page after the e2e recorder: what WebDriver classic does not report. */
const ERROR_RECORDER = () => {
  const record = (window as unknown as { __e2e: { pageErrors: string[]; consoleErrors: string[] } }).__e2e;
  record.pageErrors = [];
  record.consoleErrors = [];
  addEventListener('error', (event) => record.pageErrors.push(event.message));
  addEventListener('unhandledrejection', (event) => record.pageErrors.push(`unhandled rejection: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`));
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    record.consoleErrors.push(args.map(String).join(' '));
    consoleError.apply(console, args);
  };
};

const RECORDER_PATH = '/__webkit/recorder.js';
const RECORDER_SCRIPT = `Object.defineProperty(window, '__name', { value: (fn) => fn });\n(${PAGE_RECORDER.toString()})();\n(${ERROR_RECORDER.toString()})();\n`;

export interface RecorderFront {
  origin: string;
  pageUrl: FixtureServer['pageUrl'];
  /** Fixture pages sent cacheable (`private, max-age=0`): the fixture server's `no-store` keeps a page out of the back-forward cache. */
  cacheablePages: boolean;
  /** Every token route answers 401 (nobody signed in), as after a sign-out on the storefront. */
  signedOut: boolean;
  /** Requests whose path matches have their connection reset unanswered (the network gone, as WebKit's fetch sees it: "Load failed"). */
  resetPaths: RegExp | null;
  close(): Promise<void>;
}

/**
 * A server in front of `fixtures` (another port of 127.0.0.1) that passes everything through and adds
 * `<script src="/__webkit/recorder.js">` as the first element of each fixture page's head.
 */
export async function recorderFront(fixtures: FixtureServer): Promise<RecorderFront> {
  const target = new URL(fixtures.origin);
  const server: Server = createServer((req, res) => {
    if (req.url === RECORDER_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(RECORDER_SCRIPT);
    }
    if (front.signedOut && req.method === 'POST' && /\/omneo\/token$/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
      res.writeHead(401, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void res.end('{"message":"No signed-in customer."}');
    }
    if (front.resetPaths?.test(new URL(req.url ?? '/', 'http://x').pathname)) return void req.socket.destroy();
    const page = /^\/e2e\/[\w-]+\.html(\?|$)/.test(req.url ?? '');
    // The Host header stays the front's: the proxy takes the page's origin from it (same-origin token requests).
    const headers = { ...req.headers };
    // A page is rewritten, so it is asked for without compression.
    if (page) headers['accept-encoding'] = 'identity';
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (response) => {
      if (!page) {
        res.writeHead(response.statusCode!, response.headers);
        return void response.pipe(res);
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8').replace(/<head>/, `<head><script src="${RECORDER_PATH}"></script>`);
        const { 'content-length': _length, ...rest } = response.headers;
        if (front.cacheablePages) rest['cache-control'] = 'private, max-age=0';
        res.writeHead(response.statusCode!, { ...rest, 'content-length': Buffer.byteLength(html) });
        res.end(html);
      });
    });
    upstream.on('error', () => res.destroy());
    // The browser hung up before the end (an aborted fetch): so does the front, or a stalled answer would hold the
    // fixture server open until it ends.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const front: RecorderFront = {
    origin,
    pageUrl: (page, scope, options) => fixtures.pageUrl(page, scope, options).replace(fixtures.origin, origin),
    cacheablePages: false,
    signedOut: false,
    resetPaths: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return front;
}

/** For a page Vite serves (the states gallery): the same recorder, first in its head. */
export function recorderPlugin(): Plugin {
  return {
    name: 'webkit-recorder',
    transformIndexHtml: () => [{ tag: 'script', children: RECORDER_SCRIPT, injectTo: 'head-prepend' }],
  };
}
