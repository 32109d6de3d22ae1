/**
 * Serves the *built* widgets the way a storefront gets them, for the end-to-end suite and the benchmarks:
 *
 *   /dist/*                the build output (dist/), compressed like a CDN would (br, else gzip) and cacheable
 *   /e2e/*.html            fixture pages from test/e2e/pages/
 *   /bench/*.html          fixture pages from bench/pages/
 *   /__scopes, /id/api/v1, /omneo/token, /demo/*   the dev app: mock Omneo + token proxy (server/dev/app.ts)
 *
 * Fixture pages are templates: `{{config}}` becomes the omneo-config JSON for the scope and persona named in
 * the page's query string (`?scope=<id>&persona=ava&customer=…`), so every test drives an isolated mock;
 * `?preload=on` adds a modulepreload of the chunk the loader imports (its hashed name read from the build) before
 * the loader's script tag (README, Performance → Lighthouse).
 * `?api-origin=http://host:port` puts the scoped API base on another origin (a `createSlowConnectFront` in front of
 * this server), as Omneo's ID API is for a real storefront. `?api=passthrough` points it at the proxy's pass-through
 * route instead, on the page's own origin (for a scope made with `passThroughOnly`, the production configuration).
 * `?cdn-origin=http://host:port` loads the script from another origin (a `createSlowConnectFront` in front of this
 * server), as a merchant's own CDN serves it.
 * `?csp=strict` sends a strict Content-Security-Policy header with the page (no unsafe-inline, no unsafe-eval);
 * `?sri` puts what `omneo-widgets-sri` prints for this server's (or `cdn-origin`'s) /dist/cdn/ in place of the loader
 * tag and `preload`'s links (with `csp=strict`, its import map's hash joins script-src); `&sri-wrong-hash=<file name
 * prefix>` gives that file another file's hash, as if the CDN served changed bytes.
 * `?widgets=off` drops every `<!-- widgets -->…<!-- /widgets -->` region (the page as it was before the widgets).
 *
 * Run alone to look at the fixtures in a browser: `npx tsx bench/serve.ts` (PORT, default 8790).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { createDevApp, isDevAppPath, nodeListener } from '../server/dev/app.js';
import { loaderImports } from '../scripts/loader-imports.js';
import { sriSnippet } from '../bin/omneo-widgets-sri.mjs';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST_DIR = join(REPO_ROOT, 'dist');
export const CDN_ENTRY = join(DIST_DIR, 'cdn', 'omneo-widgets.js');

/**
 * Strict in the sense of the issue and of https://csp.withgoogle.com: scripts only from our origin, no inline
 * script or style, no eval, no plugins, no <base> hijack. Styles from our origin only: Lit's constructable
 * stylesheets must keep working without 'unsafe-inline'.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The page with its loader tag replaced by what `omneo-widgets-sri` prints for `folder` (README, Install: Subresource
 * Integrity), from the build's dist/cdn/integrity.json. `wrongHashFor`: the built file whose name starts with it gets
 * the hash of other bytes in the import map, as if the CDN served a changed file. Null when the page has no loader tag.
 */
function withIntegrity(html: string, folder: string, wrongHashFor: string | null): { html: string; cspHash: string } | null {
  const loaderTag = /<script type="module" src="[^"]*\/dist\/cdn\/omneo-widgets\.js"><\/script>/;
  if (!loaderTag.test(html)) return null;
  const integrity = JSON.parse(readFileSync(join(DIST_DIR, 'cdn', 'integrity.json'), 'utf8')) as { version: string; files: Record<string, string> };
  if (wrongHashFor) {
    const file = Object.keys(integrity.files).find((name) => name.startsWith(wrongHashFor));
    if (!file) throw new Error(`sri-wrong-hash: no built file starts with ${wrongHashFor}`);
    integrity.files[file] = `sha384-${createHash('sha384').update('other bytes').digest('base64')}`;
  }
  const snippet = sriSnippet(integrity, folder);
  // In place of the loader tag and of the preload `?preload=on` put before it: the tool's tags preload it with its hash.
  const preloads = /<link rel="modulepreload" href="[^"]*\/dist\/cdn\/[^"]*" \/>\s*/g;
  return { html: html.replace(preloads, '').replace(loaderTag, () => snippet.html), cspHash: snippet.cspHash };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg']);

export interface BuildServerOptions {
  /** Map of URL prefix → directory of fixture pages. */
  pages?: Record<string, string>;
  port?: number;
  /** Compress text responses when the client accepts it (default true, as any CDN does). */
  compress?: boolean;
}

export interface BuildServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** The omneo-config JSON for a page, from its query string; safe inside `<script type="application/json">`. */
export function pageConfigJson(query: URLSearchParams): string {
  const scope = query.get('scope');
  const persona = query.get('persona') ?? 'ava';
  const config: Record<string, string> = scope
    ? {
        tokenEndpoint: `/__scopes/${scope}/as/${persona}/omneo/token`,
        apiBase: query.get('api') === 'passthrough' ? `/__scopes/${scope}/as/${persona}/omneo/api` : `${query.get('api-origin') ?? ''}/__scopes/${scope}/id/api/v1`,
      }
    : // Unscoped: the demo's proxy and mock, the shopper signed in by the /demo/login cookie; `api=passthrough`
      // sends the API calls through the proxy's pass-through route instead of to the mock directly.
      { tokenEndpoint: '/omneo/token', apiBase: query.get('api') === 'passthrough' ? '/omneo/api' : '/id/api/v1' };
  config.locale = query.get('locale') ?? 'en-AU';
  const customer = query.get('customer');
  if (customer !== null) config.customer = customer;
  // `<` escaped so that no value can close the script element.
  return JSON.stringify(config).replace(/</g, '\\u003c');
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Resolves `relative` inside `root`, refusing anything that climbs out of it. */
function inside(root: string, relative: string): string | null {
  const target = normalize(join(root, decodeURIComponent(relative)));
  return target === root || target.startsWith(root + sep) ? target : null;
}

interface Encoded {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  mtimeMs: number;
}

export function createBuildServer(options: BuildServerOptions = {}): Promise<BuildServer> {
  const pages = options.pages ?? {
    '/e2e/': join(REPO_ROOT, 'test', 'e2e', 'pages'),
    '/bench/': join(REPO_ROOT, 'bench', 'pages'),
  };
  const compress = options.compress ?? true;
  const devListener = nodeListener(createDevApp().app);
  const encodedCache = new Map<string, Encoded>();

  function encoded(file: string): Encoded {
    const { mtimeMs } = statSync(file);
    const cached = encodedCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const identity = readFileSync(file);
    const entry: Encoded = {
      identity,
      br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(identity, { level: 9 }),
      mtimeMs,
    };
    encodedCache.set(file, entry);
    return entry;
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>, body?: string) {
    const ext = extname(file);
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    if (body === undefined && !(compress && COMPRESSIBLE.has(ext))) {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(statSync(file).size), ...headers });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    let payload: Buffer;
    let encoding: string | null = null;
    if (body !== undefined) {
      payload = Buffer.from(body);
      if (compress && /\bbr\b/.test(accept)) [payload, encoding] = [brotliCompressSync(payload), 'br'];
      else if (compress && /\bgzip\b/.test(accept)) [payload, encoding] = [gzipSync(payload), 'gzip'];
    } else {
      const entry = encoded(file);
      if (/\bbr\b/.test(accept)) [payload, encoding] = [entry.br, 'br'];
      else if (/\bgzip\b/.test(accept)) [payload, encoding] = [entry.gzip, 'gzip'];
      else payload = entry.identity;
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(payload.length),
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isDevAppPath(url.pathname)) {
      void devListener(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (url.pathname === '/favicon.ico') return send(res, 204, '');

    if (url.pathname.startsWith('/dist/')) {
      const file = inside(DIST_DIR, url.pathname.slice('/dist/'.length));
      if (!file || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'Not in the build. Run `npm run build`.');
      // Like a CDN serving an unversioned entry: cacheable for a while, so the second page of a visit reuses it.
      return serveFile(req, res, file, { 'Cache-Control': 'public, max-age=600', 'Access-Control-Allow-Origin': '*' });
    }

    for (const [prefix, dir] of Object.entries(pages)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = inside(dir, url.pathname.slice(prefix.length));
      if (!file || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, `No fixture page ${url.pathname}`);
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (url.searchParams.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
      if (extname(file) !== '.html') return serveFile(req, res, file, { 'Cache-Control': 'public, max-age=600' });
      let html = readFileSync(file, 'utf8').replaceAll('{{config}}', pageConfigJson(url.searchParams));
      if (url.searchParams.get('preload') === 'on') {
        const loaderTag = /<script type="module" src="\/dist\/cdn\/omneo-widgets\.js"><\/script>/;
        if (!loaderTag.test(html)) return send(res, 400, `${url.pathname} has no loader script tag to preload for`);
        const preloads = loaderImports(join(DIST_DIR, 'cdn')).map((file) => `<link rel="modulepreload" href="/dist/cdn/${file}" />\n    `);
        html = html.replace(loaderTag, (tag) => `${preloads.join('')}${tag}`);
      }
      const cdnOrigin = url.searchParams.get('cdn-origin');
      if (cdnOrigin) html = html.replaceAll('"/dist/cdn/', `"${cdnOrigin}/dist/cdn/`);
      if (url.searchParams.has('sri')) {
        const withSri = withIntegrity(html, `${cdnOrigin ?? `http://${req.headers.host}`}/dist/cdn/`, url.searchParams.get('sri-wrong-hash'));
        if (!withSri) return send(res, 400, `${url.pathname} has no loader script tag to give integrity`);
        html = withSri.html;
        if (headers['Content-Security-Policy']) headers['Content-Security-Policy'] = headers['Content-Security-Policy'].replace("script-src 'self'", `script-src 'self' ${withSri.cspHash}`);
      }
      // The same page without the widgets, for before/after comparisons (Lighthouse).
      if (url.searchParams.get('widgets') === 'off') html = html.replace(/<!-- widgets -->[\s\S]*?<!-- \/widgets -->/g, '');
      return serveFile(req, res, file, headers, html);
    }
    send(res, 404, 'Not found');
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        origin: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            // Mock latency can hold requests open; they must not keep the process alive.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Another origin for the same server (another port), where every new connection waits `connectMs` before its first
 * byte passes either way: what DNS, TCP and TLS cost a phone reaching a new host (round trips that localhost has
 * not). The bench puts the ID API behind it to measure what the widgets do about that cost.
 */
export function createSlowConnectFront(target: BuildServer, connectMs: number): Promise<{ origin: string; connections: () => number; close(): Promise<void> }> {
  const targetPort = Number(new URL(target.origin).port);
  const sockets = new Set<Socket>();
  let connections = 0;
  const front = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.pause(); // what the browser sends meanwhile waits in the socket, as it would behind a handshake
    const timer = setTimeout(() => {
      const upstream = connect(targetPort, '127.0.0.1', () => {
        socket.pipe(upstream).pipe(socket);
        socket.resume();
      });
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
    }, connectMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      sockets.delete(socket);
    });
  });
  return new Promise((resolvePromise, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', () => {
      const { port } = front.address() as AddressInfo;
      resolvePromise({
        origin: `http://127.0.0.1:${port}`,
        connections: () => connections,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            front.close(() => done());
          }),
      });
    });
  });
}

/** Fails early with the fix when there is no build to serve. */
export function assertBuilt(): void {
  if (!existsSync(CDN_ENTRY)) throw new Error(`${CDN_ENTRY} is missing: run \`npm run build\` first.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  assertBuilt();
  const served = await createBuildServer({ port: Number(process.env.PORT ?? 8790) });
  console.log(`Serving the build on ${served.origin}: /dist/cdn/omneo-widgets.js, /e2e/*.html, /bench/*.html`);
}
