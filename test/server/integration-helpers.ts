/**
 * Stand-ins for the platforms the integrations run on, shared by the integration tests and packaging.test.ts:
 * BigCommerce's Current Customer JWT (signed as BigCommerce signs it), and enough of Salesforce Commerce
 * Cloud (SFRA's `server` module, the dw.* calls the cartridge makes, ISML rendering) to run the int_omneo
 * cartridge's controllers and templates.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ── BigCommerce ─────────────────────────────────────────────────────────────────────────────────────

export const BC_CLIENT_ID = 'bc-client-id-6sv16tfx3j5gsopm42ss5dd67g2srvq';
export const BC_CLIENT_SECRET = 'BC-CLIENT-SECRET-9a8b7c6d5e4f3a2b1c0d';
export const BC_STORE_HASH = 'abc123';
export const OTHER_APP_SECRET = 'OTHER-APP-SECRET-0011223344556677';
export const AVA_BC_ID = 4927;

export const encoder = new TextEncoder();
export const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const b64json = (value: unknown) => b64url(encoder.encode(JSON.stringify(value)));

/** Signs a JWT as BigCommerce does (HS256 with the app's client secret). */
export async function signHs256(secret: string, payload: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT', alg: 'HS256' }) {
  return signParts(secret, b64json(header), b64json(payload));
}

export async function signParts(secret: string, header: string, payload: string) {
  const signingInput = `${header}.${payload}`;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `${signingInput}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput))))}`;
}

/** The payload of BigCommerce's documented example, for `customerId`, issued at `iat`. */
export function currentCustomerPayload(iat: number, overrides: Record<string, unknown> = {}, customerId: number | string = AVA_BC_ID) {
  return {
    customer: { id: customerId, email: 'ava@example.com', group_id: '6' },
    iss: 'bc/apps',
    sub: BC_STORE_HASH,
    iat,
    exp: iat + 900,
    version: 1,
    aud: BC_CLIENT_ID,
    application_id: BC_CLIENT_ID,
    store_hash: BC_STORE_HASH,
    operation: 'current_customer',
    ...overrides,
  };
}

// ── Salesforce Commerce Cloud ───────────────────────────────────────────────────────────────────────

export const CARTRIDGE = path.join(REPO_ROOT, 'integrations/sfcc/cartridges/int_omneo/cartridge');

export interface OmneoWidgetsScript {
  localeTag(requestLocale: string | null, siteDefaultLocale: string | null): string | null;
  customerHint(customer: unknown): string;
  pageConfig(options: Record<string, unknown>): Record<string, string>;
  scriptJson(value: unknown): string;
  constantTimeEquals(a: string, b: string): boolean;
  whoAmI(options: Record<string, unknown>): { status: number; body: { customerId: string | null } };
}

export const script = createRequire(import.meta.url)(path.join(CARTRIDGE, 'scripts/omneo/omneoWidgets.js')) as OmneoWidgetsScript;

export interface FakeCustomer {
  authenticated: boolean;
  registered: boolean;
  profile: { customerNo: string } | null;
}
export const signedIn = (customerNo: string): FakeCustomer => ({ authenticated: true, registered: true, profile: { customerNo } });
export const GUEST: FakeCustomer = { authenticated: false, registered: false, profile: null };
/** "Remember me": registered, known to the session, but not signed in. */
export const REMEMBERED: FakeCustomer = { authenticated: false, registered: true, profile: { customerNo: '00099999' } };

/** Where the URLUtils stand-in puts static files (Commerce Cloud: /on/demandware.static/Sites-<site>/-/<locale>/<version>). */
export const STATIC_URL_PREFIX = '/on/demandware.static/Sites-Example-Site/-/default/v1700000000000';

/** dw.web.URLUtils: URL objects (not strings), as on Commerce Cloud, so the cartridge must convert them itself. */
const urlObject = (text: string) => ({ toString: () => text });
const urlUtils = {
  staticURL: (file: string) => urlObject(`${STATIC_URL_PREFIX}/${file.replace(/^\//, '')}`),
  url: (action: string) => urlObject(`/on/demandware.store/Sites-Example-Site/default/${action}`),
};

/** dw.util.Bytes: bytes from a string in a named encoding (the cartridge uses UTF-8 only). */
class Bytes {
  readonly buffer: Buffer;
  constructor(value: string | Buffer, encoding = 'UTF-8') {
    if (typeof value !== 'string') {
      this.buffer = value;
      return;
    }
    assert.equal(encoding, 'UTF-8', 'the cartridge encodes text as UTF-8');
    this.buffer = Buffer.from(value, 'utf8');
  }
  getLength() {
    return this.buffer.length;
  }
}

/** dw.crypto.Mac and dw.crypto.Encoding, on Node's crypto: digest(input, key) takes both strings as UTF-8. */
class Mac {
  static readonly HMAC_SHA_256 = 'HmacSHA256';
  constructor(private readonly algorithm: string) {}
  digest(input: string | Bytes, key: string | Bytes) {
    assert.equal(this.algorithm, 'HmacSHA256');
    const bytes = (value: string | Bytes) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value.buffer);
    return new Bytes(createHmac('sha256', bytes(key)).update(bytes(input)).digest());
  }
}
const encoding = {
  toHex: (bytes: Bytes) => bytes.buffer.toString('hex'),
  toBase64: (bytes: Bytes) => bytes.buffer.toString('base64'),
};

/** What the service stand-in was asked to send, and what the far end answered. */
export interface ServiceExchange {
  serviceId: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  answer: ServiceAnswer;
}
/** The far end's answer to a service call, or why no call was made / it did not complete. */
export type ServiceAnswer =
  | { status: number; text: string; headers?: Record<string, string>; log?: Record<string, unknown>; minted?: number }
  | { unavailable: 'TIMEOUT' | 'CIRCUIT_BROKEN' | 'CONFIG_PROBLEM' | 'DISABLED' };

export interface ServiceStandIn {
  /** The credential's URL (Business Manager: Services → Credentials). */
  url: string;
  send(request: ServiceExchange['request']): ServiceAnswer;
  exchanges: ServiceExchange[];
}

/**
 * dw.svc.LocalServiceRegistry for HTTP services, synchronous as on Commerce Cloud: createRequest(svc, params)
 * configures the request, a 2xx answer goes through parseResponse(svc, client) into an OK Result, any other
 * status is an ERROR Result whose `error` is the HTTP status, and no answer is SERVICE_UNAVAILABLE.
 */
function localServiceRegistry(service: ServiceStandIn | undefined) {
  return {
    createService(serviceId: string, callbacks: { createRequest(svc: unknown, params: unknown): unknown; parseResponse(svc: unknown, client: unknown): unknown }) {
      assert.ok(service, `the test configured no service for ${serviceId}`);
      let lastClient: { statusCode: number; text: string; getResponseHeader(name: string): string | null } | null = null;
      const svc = {
        method: 'POST',
        url: service.url,
        headers: {} as Record<string, string>,
        setRequestMethod(method: string) {
          svc.method = method;
        },
        addHeader(name: string, value: string) {
          svc.headers[name] = String(value);
        },
        setURL(url: string) {
          svc.url = url;
        },
        getURL: () => svc.url,
        getClient: () => lastClient,
        call(params?: unknown) {
          const body = callbacks.createRequest(svc, params);
          const request = { method: svc.method, url: svc.url, headers: { ...svc.headers }, body: body === null || body === undefined ? null : String(body) };
          const answer = service.send(request);
          service.exchanges.push({ serviceId, request, answer });
          if ('unavailable' in answer) {
            return { ok: false, status: 'SERVICE_UNAVAILABLE', error: 0, errorMessage: null, unavailableReason: answer.unavailable, object: null };
          }
          const headers = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
          lastClient = { statusCode: answer.status, text: answer.text, getResponseHeader: (name: string) => headers.get(name.toLowerCase()) ?? null };
          if (answer.status >= 200 && answer.status < 300) return { ok: true, status: 'OK', error: 0, errorMessage: null, object: callbacks.parseResponse(svc, lastClient) };
          return { ok: false, status: 'ERROR', error: answer.status, errorMessage: answer.text, object: null };
        },
      };
      return svc;
    },
  };
}

/**
 * A service stand-in whose far end is the real token-exchange proxy (signed-assertion adapter with
 * `secret`, mock Omneo) on a worker thread: the synchronous call blocks until the proxy has answered.
 */
export function syncProxy(secret: string, url = 'https://loyalty.example.com/omneo/token'): ServiceStandIn & { close(): Promise<number> } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./sfcc-proxy-worker-boot.mjs', import.meta.url), { workerData: { secret, signal, port: port2 }, transferList: [port2] });
  return {
    url,
    exchanges: [],
    send(request) {
      Atomics.store(signal, 0, 0);
      port1.postMessage(request);
      if (Atomics.wait(signal, 0, 0, 15_000) === 'timed-out') return { unavailable: 'TIMEOUT' };
      const reply = receiveMessageOnPort(port1)?.message as ServiceAnswer & { failed?: string };
      assert.ok(reply && !reply.failed, `the proxy worker failed: ${reply?.failed}`);
      return reply;
    },
    close: () => worker.terminate(),
  };
}

/** A service stand-in with a fixed answer, for what the proxy cannot easily be made to do. */
export function fixedService(answer: ServiceAnswer, url = 'https://loyalty.example.com/omneo/token'): ServiceStandIn {
  return { url, exchanges: [], send: () => answer };
}

export interface SitePreferences {
  omneoTenant?: string | null;
  omneoScriptUrl?: string | null;
  omneoAssertionSecret?: string | null;
  omneoApiBase?: string | null;
  omneoTokenEndpoint?: string | null;
  omneoProxyKey?: string | null;
  omneoProxyKeyPrevious?: string | null;
}

export interface ControllerCall {
  preferences?: SitePreferences;
  siteDefaultLocale?: string;
  requestLocale?: string;
  customer?: FakeCustomer;
  headers?: Record<string, string>;
  /** The storefront's host (dw.system.Request httpHost), default www.example.com. */
  host?: string;
  /** The HTTP service the route may call (dw.svc.LocalServiceRegistry). */
  service?: ServiceStandIn;
}

export interface ControllerResult {
  /** How the route was registered: server.get or server.post. */
  method: 'GET' | 'POST';
  /** Lines written through dw.system.Logger, as `level: message`. */
  logs: string[];
  middleware: string[];
  status: number;
  rendered?: { template: string; data: Record<string, unknown> };
  json?: Record<string, unknown>;
  cachePeriod?: unknown;
  headers: Record<string, string>;
}

/**
 * Runs `<Controller>-<route>` as SFRA would for one request: the route's middleware, then its handler.
 * `server.middleware.include` and `.https` are recorded by name (their checks are SFRA's own).
 */
export function runController(controller: string, route: string, call: ControllerCall = {}): ControllerResult {
  const source = readFileSync(path.join(CARTRIDGE, 'controllers', `${controller}.js`), 'utf8');
  type Step = (req: unknown, res: unknown, next: () => void) => void;
  const routes: Record<string, { method: 'GET' | 'POST'; chain: Step[] }> = {};
  const named = (name: string) => Object.assign((_req: unknown, _res: unknown, next: () => void) => next(), { middlewareName: name });
  const register = (method: 'GET' | 'POST') => (name: string, ...chain: Step[]) => {
    assert.equal(routes[name], undefined, `${controller}-${name} is registered twice`);
    routes[name] = { method, chain };
  };
  const server = {
    middleware: { include: named('include'), https: named('https'), get: named('get'), post: named('post') },
    get: register('GET'),
    post: register('POST'),
    exports: () => routes,
  };
  const preferences: Record<string, unknown> = { ...call.preferences };
  const site = { getCustomPreferenceValue: (name: string) => preferences[name] ?? null, getDefaultLocale: () => call.siteDefaultLocale ?? 'default' };
  const logs: string[] = [];
  const logger = Object.fromEntries(['debug', 'info', 'warn', 'error', 'fatal'].map((level) => [level, (message: string, ...args: unknown[]) => void logs.push(`${level}: ${String(message).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]))}`)]));
  const modules = new Map<string, unknown>();
  const requireInCartridge = (id: string): unknown => {
    if (id === 'server') return server;
    if (id === 'dw/system/Site') return { getCurrent: () => site };
    if (id === 'dw/system/Logger') return { getLogger: () => logger, ...logger };
    if (id === 'dw/web/URLUtils') return urlUtils;
    if (id === 'dw/svc/LocalServiceRegistry') return localServiceRegistry(call.service);
    if (id === 'dw/crypto/Mac') return Mac;
    if (id === 'dw/crypto/Encoding') return encoding;
    if (id === 'dw/util/Bytes') return Bytes;
    if (id === '*/cartridge/scripts/omneo/omneoWidgets') return script;
    const cartridgeScript = /^\*\/cartridge\/(scripts\/[\w/]+)$/.exec(id);
    if (cartridgeScript) {
      // Another of the cartridge's scripts: run with these same stand-ins, once per request.
      if (!modules.has(id)) modules.set(id, loadCartridgeModule(readFileSync(path.join(CARTRIDGE, `${cartridgeScript[1]}.js`), 'utf8')));
      return modules.get(id);
    }
    throw new Error(`the test has no stand-in for require('${id}')`);
  };
  const headers = new Map(Object.entries(call.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const globalRequest = { httpHeaders: { get: (name: string) => headers.get(name) ?? null }, httpHost: call.host ?? 'www.example.com', httpProtocol: 'https' };
  const loadCartridgeModule = (text: string) => {
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', 'request', text)(requireInCartridge, module, module.exports, globalRequest);
    return module.exports;
  };
  const registered = (loadCartridgeModule(source) as typeof routes)[route];
  assert.ok(registered, `${controller}-${route} is not registered`);
  const { chain } = registered;

  const result: ControllerResult = { method: registered.method, logs, middleware: [], status: 200, headers: {} };
  const res = {
    cachePeriod: undefined as unknown,
    render: (template: string, data: Record<string, unknown>) => void (result.rendered = { template, data }),
    json: (data: Record<string, unknown>) => void (result.json = data),
    setStatusCode: (status: number) => void (result.status = status),
    setHttpHeader: (name: string, value: string) => void (result.headers[name] = value),
  };
  const req = { locale: { id: call.requestLocale ?? 'default' }, currentCustomer: { raw: call.customer ?? GUEST } };
  let index = 0;
  const next = () => {
    const step = chain[index++];
    if (!step) return;
    const name = (step as { middlewareName?: string }).middlewareName;
    if (name) result.middleware.push(name);
    step(req, res, next);
  };
  next();
  result.cachePeriod = res.cachePeriod;
  return result;
}

/** ISML as the cartridge's templates use it: iscontent and iscomment dropped, `<isprint … encoding="off"/>`, `${pdict.x}` HTML-encoded. */
export function renderIsml(template: string, pdict: Record<string, unknown>): string {
  const source = readFileSync(path.join(CARTRIDGE, 'templates/default', `${template}.isml`), 'utf8');
  const value = (expression: string) => {
    const match = /^pdict\.(\w+)$/.exec(expression.trim());
    assert.ok(match, `the test cannot evaluate \${${expression}}`);
    return String(pdict[match[1]!] ?? '');
  };
  const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const rendered = source
    .replace(/<iscomment>[\s\S]*?<\/iscomment>/g, '')
    .replace(/<iscontent[^>]*\/>/g, '')
    .replace(/<isprint value="\$\{([^}]*)\}" encoding="off"\s*\/>/g, (_, expression: string) => value(expression))
    .replace(/\$\{([^}]*)\}/g, (_, expression: string) => html(value(expression)));
  assert.doesNotMatch(rendered, /<is|\$\{/, 'ISML the test does not know how to render');
  return rendered.trim();
}

/** The remote include's output for a request, as the page receives it. */
export function renderConfigInclude(call: ControllerCall): string {
  const result = runController('Omneo', 'Config', call);
  assert.equal(result.rendered?.template, 'omneo/config');
  return renderIsml('omneo/config', result.rendered!.data);
}


// ── Shopify theme app extension ─────────────────────────────────────────────────────────────────────

export const SHOPIFY_EXTENSION = path.join(REPO_ROOT, 'integrations/shopify/extensions/omneo-loyalty');

/** The app embed's storefront glue: the inline `<script data-omneo-shopify>`, which holds no Liquid. */
export function shopifyGlueScript(): string {
  const embed = readFileSync(path.join(SHOPIFY_EXTENSION, 'blocks/omneo-embed.liquid'), 'utf8');
  const match = /<script data-omneo-shopify>([\s\S]*?)<\/script>/.exec(embed);
  assert.ok(match, 'the app embed has no <script data-omneo-shopify>');
  assert.doesNotMatch(match[1]!, /\{\{|\{%/, 'the glue must not depend on Liquid: its settings come from the omneo-shopify block');
  return match[1]!;
}

export interface ShopifyGlueSettings {
  tiersEndpoint?: string;
  cartAddUrl?: string;
  cartUrl?: string;
  addToCart?: boolean;
  afterAdd?: 'cart' | 'stay';
}

/** The app embed's head output for these settings (what its Liquid renders), without the loader. */
export function shopifyEmbedHead(settings: ShopifyGlueSettings = {}): string {
  const rendered = { tiersEndpoint: '/apps/omneo/tiers', cartAddUrl: '/cart/add.js', cartUrl: '/cart', addToCart: true, afterAdd: 'cart', ...settings };
  return `<script type="application/json" id="omneo-shopify">${JSON.stringify(rendered)}</script><script data-omneo-shopify>${shopifyGlueScript()}</script>`;
}
