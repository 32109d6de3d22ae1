/**
 * A @web/test-runner BrowserLauncher for WebKit (Safari's engine): WebKitGTK's MiniBrowser on an Xvfb display,
 * driven by our WebDriver classic client (./webdriver.ts), for `npm run test:browser:webkit`
 * (web-test-runner.webkit.config.mjs). No client library and no browser or driver download: @web/test-runner-webdriver
 * needs webdriverio, whose dependency tree installs packages that download drivers.
 *
 * One MiniBrowser window, one test file at a time (the config's concurrency is 1): a file's page is opened in it,
 * and about:blank replaces it when the file is done. The test page reports its results over the test server's web
 * socket, as in Chromium; nothing is read back over WebDriver.
 *
 * `type` is 'puppeteer' on purpose: @web/test-runner-commands picks what to do by the launcher's type, and its
 * 'webdriver' branch has no key down or up (the tests hold Enter down) and throws for setViewport, while its
 * 'puppeteer' branch calls a page's `keyboard.press/down/up`. `getPage()` returns a page of that shape over
 * WebDriver (WebDriver's key actions, which WebKit turns into trusted key events, as a shopper's keyboard), and
 * whatever the tests do not use, or WebDriver classic cannot do, throws saying so rather than pretending.
 */
import type { BrowserLauncher, TestRunnerCoreConfig } from '@web/test-runner-core';
import { WebKit, type Session } from './webdriver.js';

/** Puppeteer's key names (what the tests pass to sendKeys) as WebDriver key values. */
const KEYS: Record<string, string> = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  ' ': ' ',
  Space: ' ',
  Backspace: '\uE003',
  Delete: '\uE017',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Home: '\uE011',
  End: '\uE010',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  Shift: '\uE008',
};

function keyValue(key: string): string {
  const value = KEYS[key] ?? ([...key].length === 1 ? key : undefined);
  if (value === undefined) throw new Error(`WebKit launcher: no WebDriver key value for "${key}" (add it to KEYS in test/webkit/wtr-launcher.ts)`);
  return value;
}

/** What the command plugins and the config's own commands call on a page, over WebDriver. */
export class WebKitPage {
  constructor(private readonly session: Session) {}

  readonly keyboard = {
    press: (key: string) => this.session.press(keyValue(key)),
    down: (key: string) => this.session.keyActions([{ type: 'keyDown', value: keyValue(key) }]),
    up: (key: string) => this.session.keyActions([{ type: 'keyUp', value: keyValue(key) }]),
    type: (text: string) => this.session.press(...[...text].map(keyValue)),
  };

  /** One window, so it is always in front (the config's bring-to-front command). */
  async bringToFront(): Promise<void> {}

  /**
   * WebDriver classic has no time zone override: the tests that need one are skipped in WebKit by name (the config).
   * Going back to the machine's zone (no zone: an afterEach's restore, which runs after a skipped test too) is
   * where the page already is.
   */
  async emulateTimezone(zone?: string): Promise<void> {
    if (zone) throw new Error(`WebKit launcher: WebDriver classic cannot put the page in another time zone (${zone})`);
  }
}

export class WebKitLauncher implements BrowserLauncher {
  readonly name = 'WebKit';
  readonly type = 'puppeteer';
  private webkit?: WebKit;
  private session?: Session;
  private starting?: Promise<Session>;
  private readonly urls = new Map<string, string>();
  private readonly pages = new Map<string, WebKitPage>();

  async initialize(_config: TestRunnerCoreConfig): Promise<void> {}

  private open(): Promise<Session> {
    this.starting ??= (async () => {
      // MiniBrowser takes navigator.language from LANG, and a machine in the C locale (C.UTF-8: CI's, Debian's
      // containers') gave "C", which no Safari says and Intl refuses (config.test.ts's browser-language case threw
      // "invalid language tag: C"). There it runs in en_US, as Chromium says en-US there; a real locale is kept.
      const lang = process.env.LC_ALL || process.env.LANG || '';
      this.webkit = await WebKit.launch(/^(C|POSIX)?([.@]|$)/.test(lang) ? { LANG: 'en_US.UTF-8', LC_ALL: '' } : {});
      this.session = await this.webkit.session(1280, 938);
      return this.session;
    })();
    return this.starting;
  }

  async startSession(sessionId: string, url: string): Promise<void> {
    const session = await this.open();
    this.urls.set(sessionId, url);
    this.pages.set(sessionId, new WebKitPage(session));
    await session.goto(url);
  }

  isActive(sessionId: string): boolean {
    return this.urls.has(sessionId);
  }

  /** Asked when a file's page stops reporting: a page that navigated away is then named as such. */
  async getBrowserUrl(sessionId: string): Promise<string | undefined> {
    if (!this.urls.has(sessionId)) return undefined;
    return this.session!.url().catch(() => undefined);
  }

  getPage(sessionId: string): WebKitPage {
    const page = this.pages.get(sessionId);
    if (!page) throw new Error(`WebKit launcher: no page for session ${sessionId}`);
    return page;
  }

  async stopSession(sessionId: string): Promise<{ errors?: { message: string }[] }> {
    this.urls.delete(sessionId);
    this.pages.delete(sessionId);
    // Keys held down by a failed test are released, and the file's page (its timers, its requests) ends.
    try {
      await this.session!.releaseActions();
      await this.session!.goto('about:blank');
      return {};
    } catch (error) {
      return { errors: [{ message: `WebKit launcher: could not leave the test page: ${String(error)}` }] };
    }
  }

  startDebugSession(): Promise<void> {
    throw new Error('WebKit launcher: no debug session (run the file in Chromium with --manual instead)');
  }

  async stop(): Promise<void> {
    await this.webkit?.close();
  }
}

export function webkitLauncher(): WebKitLauncher {
  return new WebKitLauncher();
}
