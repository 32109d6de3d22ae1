/**
 * The development app shared by the demo (`npm start`) and the browser tests, on one origin:
 *   /id/api/v1/*            the demo's mock Omneo ID API
 *   /omneo/token            the demo's token-exchange proxy (signed-assertion cookie → token)
 *   /omneo/tiers            the proxy's tier ladder (admin API of the mock)
 *   /omneo/api/me/*         the proxy's pass-through to the mock (on in the demo, to try it)
 *   /demo/*                 persona login/logout, persona list, fault switch
 *   /demo/states/{state}/*  the states gallery's token route, tier ladder and ID API, one set per state
 *                           (GALLERY_STATES), on mocks of its own: the demo's faults and data never reach it
 *   /__scopes/*             isolated mock + proxy instances for concurrent browser test files
 *                           (`POST /__scopes {"passThroughOnly": true}`: a proxy in production
 *                           pass-through configuration, see CreateScopeOptions)
 *
 * Everything here is a built-in development default: the mock's admin token, its JWT key and
 * DEV_ASSERTION_SECRET are public constants, not secrets, and nothing needs configuring.
 */
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  createMockOmneo,
  faultRuleFromJson,
  inProcessFetch,
  ID_API_PREFIX,
  MOCK_ADMIN_TOKEN,
  PERSONAS,
  personaInfo,
  type FaultRule,
  type MockOmneo,
  type QuirksMode,
} from '../mock-omneo/index.js';
import { createProxy, signAssertion, signedAssertionAdapter, type IdentityAdapter } from '../proxy/index.js';

/** Development default, not a secret: signs the demo's identity cookie. Real storefronts use their own. */
export const DEV_ASSERTION_SECRET = 'omneo-widgets-dev-assertion-secret-development-default-not-a-secret';
export const DEMO_IDENTITY_COOKIE = 'omneo_identity';
/** Readable by the demo page (not HttpOnly) so its persona switcher can show who is signed in. */
export const DEMO_PERSONA_COOKIE = 'omneo_demo_persona';
export const DEMO_SESSION_SECONDS = 3600;
export const SCOPE_IDLE_MS = 10 * 60 * 1000;
const MAX_SCOPES = 500;

/** A persona key for scope token routes that resolves to a customer Omneo does not know (mint → 404 → proxy 503). */
export const UNSYNCED_PERSONA = 'unsynced';
export const GUEST_PERSONA = 'guest';

/**
 * The states gallery (demo/states.html) shows every element in every state at once, each state from its own
 * routes under `/demo/states/{state}/`: `token` (the proxy's token route), `tiers` (its tier ladder) and
 * `id/api/v1/*` (the ID API). `shopper`: whom the token route mints for (`guest`: nobody, 401); `'hold'`: it never
 * answers. `api`: the gallery's mock answers, fails (500 on every profile and tier-ladder route; tokens still
 * mint), or never answers. A held request ends only when the client hangs up: the widgets' own token endpoint
 * and API calls time out after 10 s and show their error state, so the gallery's loading tiles reach the held
 * token route through `getToken`, which has no timeout of ours.
 */
export const GALLERY_PREFIX = '/demo/states';
export const GALLERY_STATES = {
  loaded: { shopper: 'ava', api: 'answers' },
  // Zoe, a new member without a tier (see withoutTier).
  empty: { shopper: 'zoe', api: 'answers' },
  guest: { shopper: GUEST_PERSONA, api: 'answers' },
  error: { shopper: 'ava', api: 'fails' },
  loading: { shopper: 'hold', api: 'holds' },
  // The two stale states differ in the browser, not here: cached data (tenant and customer shared with the
  // loaded tiles), then a refresh that never ends ("Updating…") or fails ("May be out of date").
  updating: { shopper: 'hold', api: 'holds' },
  outdated: { shopper: 'ava', api: 'fails' },
} as const satisfies Record<string, { shopper: string; api: 'answers' | 'fails' | 'holds' }>;
export type GalleryState = keyof typeof GALLERY_STATES;

const DEV_APP_DEMO_ROUTES = new Set(['/demo/login', '/demo/logout', '/demo/personas', '/demo/faults', '/demo/reset']);

/** True for the paths the dev app answers; everything else is static files (demo pages, /src). */
export function isDevAppPath(pathname: string): boolean {
  return (
    pathname === '/__scopes' ||
    pathname.startsWith('/__scopes/') ||
    pathname === ID_API_PREFIX ||
    pathname.startsWith(`${ID_API_PREFIX}/`) ||
    pathname === '/omneo/token' ||
    pathname === '/omneo/tiers' ||
    pathname.startsWith('/omneo/api/') ||
    pathname.startsWith(`${GALLERY_PREFIX}/`) ||
    DEV_APP_DEMO_ROUTES.has(pathname)
  );
}

export interface DevAppOptions {
  now?: () => Date;
}

export interface ScopeLogEntry {
  method: string;
  /** Path relative to /id/api/v1, or the proxy's own path (`/omneo/token`, `/omneo/tiers`, `/omneo/api/...`). */
  path: string;
  /** Query string with its `?`, or ''. */
  search: string;
  /**
   * `'proxy'`: a request the scope's proxy sent to the scope's mock (a mint, a forwarded pass-through
   * call), logged only in pass-through-only scopes. Absent: a request from outside (the page, a test).
   */
  via?: 'proxy';
}

/** The JSON body of `POST /__scopes`; every key is optional. */
export interface CreateScopeOptions {
  quirks?: QuirksMode;
  tokenTtlSeconds?: number;
  /** ISO date: the scope's mock clock stands still at it. */
  now?: string;
  /**
   * The production pass-through configuration (`passThrough: true`, token cache on): the scope's token
   * route answers the proxy's stand-in, which the scope's mock refuses, so the widgets work only with
   * `apiBase` at the pass-through route (`passThroughApiBaseFor`). Its log also records what the proxy
   * sends to the mock (`via: 'proxy'`), the upstream traffic a page causes. Default false: the mixed
   * mode of the demo (`handOutOmneoTokens`), where one scope serves direct and pass-through pages.
   */
  passThroughOnly?: boolean;
}

interface Scope {
  id: string;
  mock: MockOmneo;
  passThroughOnly: boolean;
  proxies: Map<string, Hono>;
  log: ScopeLogEntry[];
  lastUsed: number;
}

const json = (c: Context, body: unknown, status: 200 | 201 | 400 | 404 = 200) =>
  c.json(body as object, status, { 'Cache-Control': 'no-store' });

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return undefined;
  return JSON.parse(text) as unknown;
}

function parseRules(input: unknown): FaultRule[] {
  return (Array.isArray(input) ? input : [input]).map(faultRuleFromJson);
}

/** Adds the rules; answers how many took effect (a rule for `times: 0` affects nothing and is not kept). */
function addRules(mock: MockOmneo, rules: FaultRule[]): number {
  const before = mock.faults.list().length;
  rules.forEach((rule) => mock.faults.add(rule));
  return mock.faults.list().length - before;
}

/** Re-issues a request under another URL (body buffered, so it works however the body arrived). */
async function rewrite(request: Request, url: string, headers: Record<string, string> = {}): Promise<Request> {
  const init: RequestInit = { method: request.method, headers: new Headers(request.headers), signal: request.signal };
  for (const [name, value] of Object.entries(headers)) (init.headers as Headers).set(name, value);
  if (request.method !== 'GET' && request.method !== 'HEAD') init.body = await request.arrayBuffer();
  return new Request(url, init);
}

/** Back to a same-origin page: the Referer's path when it is on this origin, else `/`. */
function safeReturnPath(c: Context): string {
  const referer = c.req.header('referer');
  if (!referer) return '/';
  try {
    const target = new URL(referer);
    const self = new URL(c.req.url);
    return target.origin === self.origin && !target.pathname.startsWith('/demo/') ? `${target.pathname}${target.search}` : '/';
  } catch {
    return '/';
  }
}

export function createDevApp(opts: DevAppOptions = {}): { app: Hono; demoMock: MockOmneo } {
  const clock = opts.now ?? (() => new Date());
  const nowMs = () => clock().getTime();
  const app = new Hono();

  // ── the demo: mock + proxy + persona login ────────────────────────────────────────────────
  const demoMock = createMockOmneo({ now: opts.now });
  // The production proxy with production defaults (rate limits, token cache), pointed at the mock.
  const demoProxy = createProxy({
    idApiBase: `http://demo-mock.internal${ID_API_PREFIX}`,
    adminApiBase: 'http://demo-mock.internal/api/v3',
    adminToken: MOCK_ADMIN_TOKEN,
    identity: [signedAssertionAdapter({ secret: DEV_ASSERTION_SECRET, cookieName: DEMO_IDENTITY_COOKIE, maxAgeSeconds: DEMO_SESSION_SECONDS, now: nowMs })],
    idHandle: 'shopify',
    // The demo serves pages that call the mock directly and pages that use pass-through, through one
    // proxy, so its token route must keep handing out real (mock) Omneo tokens.
    passThrough: { handOutOmneoTokens: true },
    fetch: inProcessFetch(demoMock.app),
    now: nowMs,
  });

  app.all(`${ID_API_PREFIX}/*`, (c) => demoMock.app.fetch(c.req.raw));
  app.all('/omneo/token', (c) => demoProxy.fetch(c.req.raw, c.env));
  app.all('/omneo/tiers', (c) => demoProxy.fetch(c.req.raw, c.env));
  app.all('/omneo/api/*', (c) => demoProxy.fetch(c.req.raw, c.env));

  app.get('/demo/personas', (c) => json(c, PERSONAS.map(({ key, label, covers }) => ({ key, label, covers }))));
  const signOut = (c: Context) => {
    deleteCookie(c, DEMO_IDENTITY_COOKIE, { path: '/' });
    deleteCookie(c, DEMO_PERSONA_COOKIE, { path: '/' });
    c.header('Cache-Control', 'no-store');
    return c.redirect(safeReturnPath(c), 302);
  };
  app.get('/demo/login', async (c) => {
    // The switcher's Guest choice submitted without JavaScript (the form's Switch button) is `persona=` and signs out.
    if (c.req.query('persona') === '') return signOut(c);
    const info = personaInfo(c.req.query('persona') ?? '');
    if (!info) return json(c, { message: 'Unknown persona.', personas: PERSONAS.map((p) => p.key) }, 400);
    const exp = Math.floor(nowMs() / 1000) + DEMO_SESSION_SECONDS;
    const assertion = await signAssertion(DEV_ASSERTION_SECRET, info.shopifyCustomerId, exp);
    setCookie(c, DEMO_IDENTITY_COOKIE, assertion, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: DEMO_SESSION_SECONDS });
    setCookie(c, DEMO_PERSONA_COOKIE, info.key, { path: '/', sameSite: 'Lax', maxAge: DEMO_SESSION_SECONDS });
    c.header('Cache-Control', 'no-store');
    return c.redirect(safeReturnPath(c), 302);
  });
  app.get('/demo/logout', signOut);
  app.get('/demo/faults', (c) => json(c, demoMock.faults.list().map((rule) => ({ ...rule, path: String(rule.path ?? '') }))));
  app.post('/demo/faults', async (c) => {
    try {
      return json(c, { added: addRules(demoMock, parseRules(await readJson(c))) }, 201);
    } catch (error) {
      return json(c, { message: error instanceof Error ? error.message : 'Invalid fault rule.' }, 400);
    }
  });
  app.delete('/demo/faults', (c) => {
    demoMock.faults.clear();
    return c.body(null, 204);
  });
  app.post('/demo/reset', (c) => {
    demoMock.reset();
    return c.body(null, 204);
  });

  // ── the states gallery (GALLERY_STATES) ─────────────────────────────────────────────────────
  const galleryMock = createMockOmneo({ now: opts.now });
  // The mock's new member, Zoe, is on the floor tier with Silver next; the tier card's empty state is a member with
  // no tier at all (a programme that assigns none at sign-up): the gallery's Zoe has none.
  const withoutTier = () => {
    galleryMock.state.zoe.tiers = { ...galleryMock.state.zoe.tiers, is_floor: false, current_tier: null, next_tier: null, current_remain: null, next_remain: null };
  };
  withoutTier();
  // Every profile route and the admin tier ladder answer 500; the mint route does not, so a token is handed out
  // and the failure is the API's, as the error state shows it.
  const failingMock = createMockOmneo({ now: opts.now });
  failingMock.faults.add({ path: '^/(profiles/|api/v3/tiers)', status: 500, times: Infinity });
  const galleryProxies = new Map<GalleryState, Hono>();

  function galleryState(c: Context): GalleryState | undefined {
    const state = c.req.param('state') ?? '';
    return Object.hasOwn(GALLERY_STATES, state) ? (state as GalleryState) : undefined;
  }

  function galleryProxy(state: GalleryState): Hono {
    let proxy = galleryProxies.get(state);
    if (!proxy) {
      const mock = GALLERY_STATES[state].api === 'fails' ? failingMock : galleryMock;
      proxy = createProxy({
        idApiBase: `http://gallery-${state}.internal${ID_API_PREFIX}`,
        adminApiBase: `http://gallery-${state}.internal/api/v3`,
        adminToken: MOCK_ADMIN_TOKEN,
        identity: [personaAdapter(GALLERY_STATES[state].shopper)],
        idHandle: 'shopify',
        basePath: `${GALLERY_PREFIX}/${state}`,
        // A designer reloading the gallery again and again is not an attack; every reload mints afresh.
        rateLimits: false,
        tokenCache: false,
        tiersCacheSeconds: 0,
        fetch: inProcessFetch(mock.app),
        now: nowMs,
      });
      galleryProxies.set(state, proxy);
    }
    return proxy;
  }

  /** Never answers; ends when the client hangs up (a page left or reloaded, a request aborted). */
  const holdUntilHangUp = (c: Context) =>
    new Promise<Response>((resolve) => {
      const { signal } = c.req.raw;
      const hungUp = () => resolve(new Response(null, { status: 503 }));
      if (signal.aborted) hungUp();
      else signal.addEventListener('abort', hungUp, { once: true });
    });

  app.all(`${GALLERY_PREFIX}/:state${ID_API_PREFIX}/*`, async (c) => {
    const state = galleryState(c);
    if (!state) return json(c, { message: 'Unknown state.', states: Object.keys(GALLERY_STATES) }, 404);
    const { api } = GALLERY_STATES[state];
    if (api === 'holds') return holdUntilHangUp(c);
    const url = new URL(c.req.url);
    const inner = url.pathname.slice(`${GALLERY_PREFIX}/${state}`.length);
    const mock = api === 'fails' ? failingMock : galleryMock;
    return mock.app.fetch(await rewrite(c.req.raw, `${url.origin}${inner}${url.search}`));
  });
  app.all(`${GALLERY_PREFIX}/:state/:route{token|tiers}`, (c) => {
    const state = galleryState(c);
    if (!state) return json(c, { message: 'Unknown state.', states: Object.keys(GALLERY_STATES) }, 404);
    if (GALLERY_STATES[state].shopper === 'hold') return holdUntilHangUp(c);
    return galleryProxy(state).fetch(c.req.raw, c.env);
  });
  /** The gallery's data as seeded again (a wishlist item removed or a benefit redeemed in a loaded tile). */
  app.post(`${GALLERY_PREFIX}/reset`, (c) => {
    galleryMock.reset();
    withoutTier();
    return c.body(null, 204);
  });

  // ── test scopes ───────────────────────────────────────────────────────────────────────────
  const scopes = new Map<string, Scope>();

  function sweep() {
    const cutoff = Date.now() - SCOPE_IDLE_MS;
    for (const [id, scope] of scopes) if (scope.lastUsed < cutoff) scopes.delete(id);
    while (scopes.size >= MAX_SCOPES) {
      const oldest = [...scopes.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) break;
      scopes.delete(oldest.id);
    }
  }

  function touch(c: Context): Scope | undefined {
    const scope = scopes.get(c.req.param('scope') ?? '');
    if (scope) scope.lastUsed = Date.now();
    return scope;
  }

  const unknownScope = (c: Context) => json(c, { message: 'Unknown or expired scope.' }, 404);

  function personaAdapter(persona: string): IdentityAdapter {
    return {
      name: 'test-persona',
      async verify() {
        if (persona === GUEST_PERSONA) return null;
        if (persona === UNSYNCED_PERSONA) return { customerId: '7321980000000' };
        const info = personaInfo(persona);
        return info ? { customerId: info.shopifyCustomerId } : { refuse: 'unknown-persona' };
      },
    };
  }

  /** The scope's mock as the proxy's upstream; in a pass-through-only scope each request is logged. */
  function upstreamFetch(scope: Scope): typeof fetch {
    const direct = inProcessFetch(scope.mock.app);
    if (!scope.passThroughOnly) return direct;
    return (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const path = url.pathname.startsWith(`${ID_API_PREFIX}/`) ? url.pathname.slice(ID_API_PREFIX.length) : url.pathname;
      scope.log.push({ method: request.method, path, search: url.search, via: 'proxy' });
      return direct(request);
    };
  }

  function proxyFor(scope: Scope, persona: string): Hono {
    let proxy = scope.proxies.get(persona);
    if (!proxy) {
      proxy = createProxy({
        idApiBase: `http://scope-${scope.id}.internal${ID_API_PREFIX}`,
        adminApiBase: `http://scope-${scope.id}.internal/api/v3`,
        adminToken: MOCK_ADMIN_TOKEN,
        identity: [personaAdapter(persona)],
        idHandle: 'shopify',
        // Element tests use both modes against one scope, as the demo does, unless the scope asked
        // for the production pass-through configuration (the browser gets only the stand-in).
        passThrough: scope.passThroughOnly ? true : { handOutOmneoTokens: true },
        // Scopes test the widgets, which may ask for many tokens in a burst; the proxy's own limits
        // and cache are tested in test/server/proxy*.test.ts. Each token request mints, as the
        // widget tests (token expiry, 401 re-mint) expect, except in pass-through-only scopes: there
        // every forwarded call takes the server-held token from the cache, as in production; without
        // it each call would mint first.
        rateLimits: false,
        tokenCache: scope.passThroughOnly,
        fetch: upstreamFetch(scope),
        now: () => scope.mock.now().getTime(),
      });
      scope.proxies.set(persona, proxy);
    }
    return proxy;
  }

  app.post('/__scopes', async (c) => {
    sweep();
    let body: { [K in keyof CreateScopeOptions]?: unknown } = {};
    try {
      const parsed = await readJson(c);
      if (parsed && typeof parsed === 'object') body = parsed as typeof body;
    } catch {
      return json(c, { message: 'Body must be JSON.' }, 400);
    }
    const quirks = body.quirks;
    if (quirks !== undefined && quirks !== 'default' && quirks !== 'strings' && quirks !== 'plain') {
      return json(c, { message: 'quirks must be default, strings or plain.' }, 400);
    }
    const ttl = body.tokenTtlSeconds;
    if (ttl !== undefined && !(typeof ttl === 'number' && ttl > 0)) return json(c, { message: 'tokenTtlSeconds must be a positive number.' }, 400);
    const fixedNow = typeof body.now === 'string' ? new Date(body.now) : undefined;
    if (fixedNow && Number.isNaN(fixedNow.getTime())) return json(c, { message: 'now must be an ISO date.' }, 400);
    const passThroughOnly = body.passThroughOnly ?? false;
    if (typeof passThroughOnly !== 'boolean') return json(c, { message: 'passThroughOnly must be true or false.' }, 400);

    const id = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
    const mock = createMockOmneo({
      // Each scope signs with its own key, so a token from one scope is rejected by every other.
      jwtSecret: `scope-${id}-${crypto.randomUUID()}`,
      quirks: quirks as QuirksMode | undefined,
      tokenTtlSeconds: ttl as number | undefined,
      now: fixedNow ? () => new Date(fixedNow.getTime()) : opts.now,
    });
    scopes.set(id, { id, mock, passThroughOnly, proxies: new Map(), log: [], lastUsed: Date.now() });
    return json(
      c,
      {
        scope: id,
        apiBase: `/__scopes/${id}${ID_API_PREFIX}`,
        tokenEndpointFor: `/__scopes/${id}/as/{persona}/omneo/token`,
        tiersEndpoint: `/__scopes/${id}/as/guest/omneo/tiers`,
        passThroughApiBaseFor: `/__scopes/${id}/as/{persona}/omneo/api`,
        personas: [...PERSONAS.map((p) => p.key), GUEST_PERSONA, UNSYNCED_PERSONA],
        passThroughOnly,
      },
      201,
    );
  });

  app.delete('/__scopes/:scope', (c) => {
    scopes.delete(c.req.param('scope'));
    return c.body(null, 204);
  });

  app.all(`/__scopes/:scope${ID_API_PREFIX}/*`, async (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    const url = new URL(c.req.url);
    const prefix = `/__scopes/${scope.id}`;
    const inner = url.pathname.slice(prefix.length);
    if (c.req.method !== 'OPTIONS') {
      scope.log.push({ method: c.req.method, path: inner.slice(ID_API_PREFIX.length) || '/', search: url.search });
    }
    return scope.mock.app.fetch(await rewrite(c.req.raw, `${url.origin}${inner}${url.search}`, { 'X-Forwarded-Prefix': prefix }));
  });

  app.on(['GET', 'POST'], '/__scopes/:scope/as/:persona/omneo/token', async (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    scope.log.push({ method: c.req.method, path: '/omneo/token', search: '' });
    const url = new URL(c.req.url);
    return proxyFor(scope, c.req.param('persona')).fetch(await rewrite(c.req.raw, `${url.origin}/omneo/token`));
  });
  // The proxy's tier ladder and pass-through, per scope (logged as `/omneo/tiers`, `/omneo/api/...`);
  // the proxy reaches the scope's mock in-process.
  app.all('/__scopes/:scope/as/:persona/omneo/*', async (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    const url = new URL(c.req.url);
    const inner = url.pathname.slice(`/__scopes/${scope.id}/as/${c.req.param('persona')}`.length);
    if (inner === '/omneo/token') return json(c, { message: 'Not Found.' }, 404);
    if (c.req.method !== 'OPTIONS') scope.log.push({ method: c.req.method, path: inner, search: url.search });
    return proxyFor(scope, c.req.param('persona')).fetch(await rewrite(c.req.raw, `${url.origin}${inner}${url.search}`));
  });

  app.post('/__scopes/:scope/faults', async (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    try {
      return json(c, { added: addRules(scope.mock, parseRules(await readJson(c))) }, 201);
    } catch (error) {
      return json(c, { message: error instanceof Error ? error.message : 'Invalid fault rule.' }, 400);
    }
  });
  app.delete('/__scopes/:scope/faults', (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    scope.mock.faults.clear();
    return c.body(null, 204);
  });

  app.get('/__scopes/:scope/requests', (c) => {
    const scope = touch(c);
    return scope ? json(c, scope.log) : unknownScope(c);
  });
  app.delete('/__scopes/:scope/requests', (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    scope.log.length = 0;
    return c.body(null, 204);
  });

  app.post('/__scopes/:scope/clock', async (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    let body: unknown;
    try {
      body = await readJson(c);
    } catch {
      return json(c, { message: 'Body must be JSON.' }, 400);
    }
    const value = (body as { now?: unknown } | undefined)?.now;
    if (value === null || value === undefined) {
      scope.mock.setNow(opts.now ?? null);
    } else {
      const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
      if (Number.isNaN(date.getTime())) return json(c, { message: 'now must be an ISO date or null.' }, 400);
      scope.mock.setNow(date);
    }
    return json(c, { now: scope.mock.now().toISOString() });
  });

  app.post('/__scopes/:scope/reset', (c) => {
    const scope = touch(c);
    if (!scope) return unknownScope(c);
    scope.mock.reset();
    scope.log.length = 0;
    return c.body(null, 204);
  });

  app.notFound((c) => json(c, { message: 'Not Found.' }, 404));
  return { app, demoMock };
}

/**
 * A Node `(req, res)` listener for the dev app, for mounting inside another server's middleware
 * (Vite's connect, @web/test-runner's koa: `ctx.respond = false; await listener(ctx.req, ctx.res)`).
 * Pass only requests for which `isDevAppPath` is true. Bodies are read from the raw stream, or from
 * `req.rawBody` when an earlier middleware already consumed it.
 */
export function nodeListener(app: Hono = createDevApp().app): ReturnType<typeof getRequestListener> {
  return getRequestListener(app.fetch);
}
