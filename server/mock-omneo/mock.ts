import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SEED_NOW, formatOmneoDate, parseFilterDate, parseOmneoDate } from './dates.js';
import { createFaultController, type FaultController } from './faults.js';
import { signJwt, verifyJwt } from './jwt.js';
import { PERSONAS, seedPersona, tierLadder, type PersonaInfo, type PersonaKey, type PersonaSeed } from './personas.js';
import { lookupVariant } from './catalogue.js';
import {
  UNAUTHENTICATED,
  bool,
  defaultFaultBody,
  laravelError,
  num,
  renderData,
  writeBoolLike,
  writeLike,
  type QuirksMode,
} from './responses.js';
import type { Row } from './types.js';

/** Development default: the mock's admin token. Not a secret; never use it outside the mock. */
export const MOCK_ADMIN_TOKEN = 'mock-admin-token-not-a-secret';
/** Development default: the key the mock signs its shopper tokens with. Not a secret. */
export const MOCK_JWT_SECRET = 'mock-jwt-secret-dev-default-not-a-secret';
/** The ID API prefix every shopper route lives under. */
export const ID_API_PREFIX = '/id/api/v1';

export interface MockOmneoOptions {
  /** Admin token accepted by `POST /auth/token` and the admin routes; default MOCK_ADMIN_TOKEN. */
  adminToken?: string;
  /** HS256 key for shopper tokens; default MOCK_JWT_SECRET. */
  jwtSecret?: string;
  /** The mock clock; default the real one. Seeded dates are shifted by (clock − SEED_NOW). */
  now?: () => Date;
  /** 'default' = as seeded (mixed quirks); 'strings' = every number a numeric string, booleans "1"/"0"; 'plain' = clean JSON types. */
  quirks?: QuirksMode;
  /** Shopper token lifetime; default 900 s (15 min). */
  tokenTtlSeconds?: number;
  /**
   * `Access-Control-Max-Age` on preflight answers; default null, none sent. Omneo's CORS is undocumented
   * (omneo-api.md §6), so the mock assumes it sends nothing: a browser then keeps a preflight 5 s (the Fetch
   * standard's default, Chromium's), and every page of a visit pays its own. Chromium caps what it is told at 2 h.
   */
  corsMaxAgeSeconds?: number | null;
}

export interface MockRequestLogEntry {
  method: string;
  /** Path after `/id/api/v1` (the whole path for routes outside it), without the query string. */
  path: string;
  /** The query string, with its `?`, or ''. */
  search: string;
  /** Mock clock time, ms since the epoch. */
  at: number;
}

export interface PersonaState extends PersonaSeed {
  info: PersonaInfo;
  /** Redemptions made through the mock (benefit redeems and balance redeems). */
  redemptions: Row[];
}

export interface MockOmneo {
  /** Routes start at `/id/api/v1/...` (plus the admin `/api/v3/tiers/definitions` and `/api/health`). */
  app: Hono;
  /** Mutable per-persona data, in the seed's frame of time. */
  state: Record<PersonaKey, PersonaState>;
  faults: FaultController;
  /** Every request received (except CORS preflights), oldest first. */
  requests: MockRequestLogEntry[];
  /** Reseeds every persona and clears faults, latency and the request log. */
  reset(): void;
  /** The mock clock. */
  now(): Date;
  /**
   * Sets the mock clock (a fixed instant, a function, or null for the real clock) and re-anchors the
   * seeded dates to it, so the data looks as it did at SEED_NOW relative to the new "now".
   */
  setNow(now: Date | (() => Date) | null): void;
  /** Mints a shopper token directly (tests): a persona, or null for an anonymous token. */
  mintToken(persona: PersonaKey | null, options?: { ttlSeconds?: number }): Promise<string>;
  readonly options: Readonly<Required<Omit<MockOmneoOptions, 'now'>>>;
}

type MeEnv = { Variables: { persona: PersonaState } };

/** A fault rule's headers onto `headers`: each set, or removed where the rule says null. */
function setHeaders(headers: Headers, rule: Record<string, string | null> | undefined): Headers {
  for (const [name, value] of Object.entries(rule ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The same answer, but only its first bytes go out with the headers; the rest follows after `ms` (or the
 * stream ends early when the client hangs up). A client's timeout must cover reading the body too.
 */
function stallBody(response: Response, ms: number, signal: AbortSignal): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const whole = response.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const bytes = await whole;
      const cut = Math.min(8, Math.floor(bytes.length / 2));
      controller.enqueue(bytes.slice(0, cut));
      // Not awaited: start() must return so that the first bytes (and the headers) go out now.
      void sleep(ms, signal).then(() => {
        if (cancelled) return; // the client hung up: the stream is already closed
        if (!signal.aborted) controller.enqueue(bytes.slice(cut));
        controller.close();
      });
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(body, { status: response.status, headers });
}

async function readJsonBody(c: Context): Promise<Row | undefined> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : undefined;
  } catch {
    return undefined;
  }
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'list';

export function createMockOmneo(options: MockOmneoOptions = {}): MockOmneo {
  const adminToken = options.adminToken ?? MOCK_ADMIN_TOKEN;
  const jwtSecret = options.jwtSecret ?? MOCK_JWT_SECRET;
  const quirks: QuirksMode = options.quirks ?? 'default';
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 900;
  const corsMaxAgeSeconds = options.corsMaxAgeSeconds ?? null;

  let clock: () => Date = options.now ?? (() => new Date());
  /** Mock clock − SEED_NOW, fixed when the clock is set so data stays put while time passes. */
  let offsetMs = clock().getTime() - SEED_NOW.getTime();
  const now = () => clock();
  /** "Now" in the seed's frame of time, for comparisons with stored dates. */
  const seedNow = () => new Date(clock().getTime() - offsetMs);
  const stamp = () => formatOmneoDate(seedNow(), 'laravel');

  const state = {} as Record<PersonaKey, PersonaState>;
  const faults = createFaultController();
  const requests: MockRequestLogEntry[] = [];
  let nextId = 200000;
  const newId = () => ++nextId;

  function seedAll() {
    for (const info of PERSONAS) state[info.key] = { ...seedPersona(info.key), info, redemptions: [] };
    nextId = 200000;
  }
  seedAll();

  const findByProfileId = (pid: string) => Object.values(state).find((p) => p.info.profileId === pid);

  // ── response helpers ──────────────────────────────────────────────────────────────────────

  const send = (c: Context, body: unknown, status: ContentfulStatusCode = 200) =>
    c.json(body as object, status);
  const sendData = (c: Context, data: unknown, status: ContentfulStatusCode = 200) =>
    send(c, { data: renderData(data, offsetMs, quirks) }, status);
  const fail = (c: Context, status: ContentfulStatusCode, message: string, errors?: Record<string, string[]>) =>
    send(c, laravelError(message, errors), status);
  const notFound = (c: Context) => fail(c, 404, 'Not Found.');
  const invalid = (c: Context, field: string, message: string) =>
    fail(c, 422, 'The given data was invalid.', { [field]: [message] });

  /** Laravel's resource paginator (omneo-api.md §3.1), honouring page[size] and page[number]. */
  function paginate(c: Context, items: Row[]) {
    const url = new URL(c.req.url);
    const prefix = c.req.header('x-forwarded-prefix') ?? '';
    const base = `${url.origin}${prefix}${url.pathname}`;
    const readInt = (name: string, fallback: number) => {
      const raw = url.searchParams.get(name);
      const n = raw === null ? NaN : Number(raw);
      return Number.isInteger(n) && n > 0 ? n : fallback;
    };
    const perPage = Math.min(readInt('page[size]', 15), 1000);
    const total = items.length;
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const page = readInt('page[number]', 1);
    const start = (page - 1) * perPage;
    const slice = items.slice(start, start + perPage);
    const sizeParam = url.searchParams.has('page[size]') ? `&page%5Bsize%5D=${perPage}` : '';
    const pageUrl = (n: number) => `${base}?page%5Bnumber%5D=${n}${sizeParam}`;
    const links = {
      first: pageUrl(1),
      last: pageUrl(lastPage),
      prev: page > 1 ? pageUrl(Math.min(page - 1, lastPage)) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
    };
    const metaLinks = [
      { url: links.prev, label: '&laquo; Previous', active: false },
      ...Array.from({ length: lastPage }, (_, i) => ({ url: pageUrl(i + 1), label: String(i + 1), active: i + 1 === page })),
      { url: links.next, label: 'Next &raquo;', active: false },
    ];
    return send(c, {
      data: renderData(slice, offsetMs, quirks),
      links,
      meta: {
        current_page: page,
        from: slice.length ? start + 1 : null,
        last_page: lastPage,
        links: metaLinks,
        path: base,
        per_page: perPage,
        to: slice.length ? start + slice.length : null,
        total,
      },
    });
  }

  /** Compares stored values: dates as instants, numbers as numbers, else as strings; nulls last. */
  function compareValues(a: unknown, b: unknown): number {
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
    if (b === null || b === undefined) return -1;
    const da = typeof a === 'string' ? parseOmneoDate(a) : null;
    const db = typeof b === 'string' ? parseOmneoDate(b) : null;
    if (da && db) return da.getTime() - db.getTime();
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return String(a).localeCompare(String(b));
  }

  /**
   * Applies `filter[field]=v` / `filter[field][op]=v` and `sort=field,-other` generically. Date
   * filter values are read in the client's (shifted) frame and moved into the seed frame.
   */
  function query(c: Context, items: Row[]): Row[] {
    const url = new URL(c.req.url);
    let result = items;
    for (const [key, raw] of url.searchParams) {
      const m = /^filter\[([a-z_]+)\](?:\[(eq|ne|gt|gte|lt|lte|in)\])?$/.exec(key);
      if (!m) continue;
      const field = m[1]!;
      const op = m[2] ?? 'eq';
      if (!items.some((item) => field in item)) continue; // unknown filters are ignored, as Omneo's are undocumented
      const filterDate = parseFilterDate(raw);
      result = result.filter((item) => {
        const value: unknown = item[field];
        if (op === 'in') return raw.split(',').includes(String(value));
        if (value === null || value === undefined) return op === 'ne';
        let cmp: number;
        const valueDate = typeof value === 'string' ? parseOmneoDate(value) : null;
        if (valueDate && filterDate) cmp = valueDate.getTime() - (filterDate.getTime() - offsetMs);
        else if (typeof value === 'boolean' || value === '1' || value === '0') cmp = bool(value) === bool(raw) ? 0 : 1;
        else cmp = compareValues(value, raw);
        switch (op) {
          case 'eq': return cmp === 0;
          case 'ne': return cmp !== 0;
          case 'gt': return cmp > 0;
          case 'gte': return cmp >= 0;
          case 'lt': return cmp < 0;
          default: return cmp <= 0;
        }
      });
    }
    const sort = url.searchParams.get('sort');
    if (sort) {
      const keys = sort.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('-') ? { field: s.slice(1), dir: -1 } : { field: s, dir: 1 }));
      result = [...result].sort((a, b) => {
        for (const { field, dir } of keys) {
          const av: unknown = a[field];
          const bv: unknown = b[field];
          // nulls stay last in either direction
          if (av === null || av === undefined || bv === null || bv === undefined) {
            const n = compareValues(av, bv);
            if (n !== 0) return n;
            continue;
          }
          const n = compareValues(av, bv) * dir;
          if (n !== 0) return n;
        }
        return 0;
      });
    }
    return result;
  }

  // ── app ───────────────────────────────────────────────────────────────────────────────────

  const app = new Hono();

  /** Path after `/id/api/v1` (the whole path for routes outside it): what fault rules match and the log records. */
  const ruledPath = (url: URL) => (url.pathname.startsWith(ID_API_PREFIX) ? url.pathname.slice(ID_API_PREFIX.length) || '/' : url.pathname);

  // A preflight is a round trip like any other: the fixed latency applies to it, and so does a rule that names OPTIONS
  // (never one for any method: that is the actual request's). Not logged: the log is what the widgets asked for.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const signal = c.req.raw.signal;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs, signal);
    const rule = faults.take('OPTIONS', ruledPath(new URL(c.req.url)));
    if (rule?.latencyMs) await sleep(rule.latencyMs, signal);
    if (rule?.status !== undefined) {
      const body = rule.body === undefined ? defaultFaultBody(rule.status) : rule.body;
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: rule.status, headers: setHeaders(new Headers(), rule.headers) });
    }
    await next();
    setHeaders(c.res.headers, rule?.headers);
  });

  // Browsers call the ID API cross-origin with a bearer token, never with cookies.
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Accept'],
      exposeHeaders: ['Retry-After'],
      ...(corsMaxAgeSeconds === null ? {} : { maxAge: corsMaxAgeSeconds }),
    }),
  );

  // Every answer says what Omneo's clock reads (an HTTP server's Date header): the mock clock, which need not be the
  // caller's. The proxy reads it to judge a token's `exp`, which is on Omneo's clock.
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Date', now().toUTCString());
  });

  const faultMiddleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const url = new URL(c.req.url);
    const path = ruledPath(url);
    requests.push({ method: c.req.method, path, search: url.search, at: now().getTime() });
    const signal = c.req.raw.signal;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs, signal);
    const rule = faults.take(c.req.method, path);
    if (!rule) return next();
    if (rule.latencyMs) await sleep(rule.latencyMs, signal);
    // For an answer of the rule's own (null, a removal, leaves nothing to set); the real answer's come after it.
    const headers = Object.fromEntries(Object.entries(rule.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== null));
    if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
    if (rule.expireToken) return c.json(UNAUTHENTICATED, 401, headers);
    if (rule.malformed) {
      return c.body('{"data": {"id": 1, "point_balance": 12', 200, { ...headers, 'Content-Type': 'application/json' });
    }
    if (rule.status !== undefined) {
      const status = rule.status;
      const faulted = () => {
        if (status === 204 || status === 304) return c.body(null, status, headers);
        const body = rule.body === undefined ? defaultFaultBody(status) : rule.body;
        if (typeof body === 'string') return c.body(body, status as ContentfulStatusCode, headers);
        return c.json(body as object, status as ContentfulStatusCode, headers);
      };
      if (!rule.afterProcessing) return faulted();
      await next();
      // Hono keeps the handler's response unless it is replaced on the context.
      c.res = undefined;
      c.res = faulted();
      return;
    }
    await next();
    setHeaders(c.res.headers, rule.headers);
    if (rule.stallBodyMs) c.res = stallBody(c.res, rule.stallBodyMs, signal);
  };
  app.use('*', faultMiddleware);

  const isAdmin = (c: Context) => c.req.header('authorization') === `Bearer ${adminToken}`;

  async function mint(pid: string, ttlSeconds = tokenTtlSeconds) {
    const iat = Math.floor(now().getTime() / 1000);
    const exp = iat + ttlSeconds;
    const token = await signJwt(jwtSecret, { pid, iat, exp, jti: crypto.randomUUID() });
    return { token, exp };
  }

  // §1.2: minting, admin only
  app.post(`${ID_API_PREFIX}/auth/token`, async (c) => {
    if (!isAdmin(c)) return send(c, UNAUTHENTICATED, 401);
    const body = await readJsonBody(c);
    if (body === undefined) return fail(c, 400, 'Malformed JSON.');
    const id: unknown = body.id;
    if (id === undefined || id === null || id === '') return sendData(c, await mint('null'));
    if (typeof id !== 'string' && typeof id !== 'number') return invalid(c, 'id', 'The id must be a string.');
    const handle: unknown = body.id_handle;
    let persona: PersonaState | undefined;
    if (typeof handle === 'string' && handle !== '') {
      persona = Object.values(state).find((p) =>
        (p.profile.identities as Row[] | undefined)?.some((identity) => identity.handle === handle && String(identity.identifier) === String(id)),
      );
    } else {
      persona = findByProfileId(String(id));
    }
    if (!persona) return fail(c, 404, 'Profile not found.');
    // Tokens carry no data, so render them untouched by quirks.
    return c.json({ data: await mint(persona.info.profileId) });
  });

  // §2.7: the admin tier ladder (for the proxy's tiers route)
  app.get('/api/v3/tiers/definitions', (c) => {
    if (!isAdmin(c)) return send(c, UNAUTHENTICATED, 401);
    return paginate(c, tierLadder());
  });
  app.get('/api/health', (c) => (isAdmin(c) ? c.json({ status: 'ok' }) : send(c, UNAUTHENTICATED, 401)));

  // ── /profiles/me ──────────────────────────────────────────────────────────────────────────

  const me = new Hono<MeEnv>();
  me.use('*', async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const claims = match ? await verifyJwt(jwtSecret, match[1]!) : null;
    if (!claims || claims.exp <= Math.floor(now().getTime() / 1000)) return send(c, UNAUTHENTICATED, 401);
    const persona = claims.pid === 'null' ? undefined : findByProfileId(claims.pid);
    if (!persona) return fail(c, 404, 'Profile not found.');
    c.set('persona', persona);
    return next();
  });

  me.get('/', (c) => sendData(c, c.var.persona.profile));
  me.get('/balances', (c) => sendData(c, c.var.persona.balances));
  me.get('/tiers', (c) => sendData(c, c.var.persona.tiers));

  const collections = ['points', 'rewards', 'benefits', 'transactions'] as const;
  for (const name of collections) {
    me.get(`/${name}`, (c) => paginate(c, query(c, c.var.persona[name])));
    me.get(`/${name}/:id`, (c) => {
      const item = c.var.persona[name].find((row) => String(row.id) === c.req.param('id'));
      return item ? sendData(c, item) : notFound(c);
    });
  }

  // §2.5: redeem a benefit
  me.post('/benefits/:id/redeem', async (c) => {
    const persona = c.var.persona;
    const benefit = persona.benefits.find((row) => String(row.id) === c.req.param('id'));
    if (!benefit) return notFound(c);
    const body = await readJsonBody(c);
    if (body === undefined) return fail(c, 400, 'Malformed JSON.');
    if (!bool(benefit.definition?.allow_user_redeem)) return fail(c, 403, 'This action is unauthorized.');
    const count = body.count === undefined || body.count === null ? 1 : Number(body.count);
    if (!Number.isInteger(count) || count < 1) return invalid(c, 'count', 'The count must be at least 1.');
    const expiresAt = typeof benefit.expires_at === 'string' ? parseOmneoDate(benefit.expires_at) : null;
    if (bool(benefit.is_expired) || (expiresAt && expiresAt <= seedNow())) return invalid(c, 'benefit', 'This benefit has expired.');
    if (!bool(benefit.is_redeemable)) return invalid(c, 'benefit', 'This benefit cannot be redeemed.');
    const remaining = benefit.redemptions_remaining;
    if (remaining !== null && remaining !== undefined) {
      if (num(remaining) <= 0) return invalid(c, 'benefit', 'This benefit has no redemptions remaining.');
      if (count > num(remaining)) return invalid(c, 'count', `The count may not be greater than ${num(remaining)}.`);
      const left = num(remaining) - count;
      benefit.redemptions_remaining = writeLike(remaining, left);
      if (left === 0) benefit.is_redeemable = writeBoolLike(benefit.is_redeemable, false);
    }
    benefit.updated_at = stamp();
    const redemption: Row = {
      id: newId(),
      profile_id: persona.info.profileId,
      type: 'benefit',
      total: '0.00',
      total_localised: 0,
      location_id: null,
      transaction_id: null,
      meta: body.meta ?? null,
      created_at: stamp(),
      updated_at: stamp(),
      items: [
        {
          id: newId(),
          type: 'benefit',
          value: benefit.value ?? null,
          count,
          type_attributes: { id: benefit.id, redemptions_remaining: benefit.redemptions_remaining ?? null },
        },
      ],
    };
    persona.redemptions.push(redemption);
    return sendData(c, redemption);
  });

  // §2.10: spend balance
  me.post('/redeem', async (c) => {
    const persona = c.var.persona;
    const body = await readJsonBody(c);
    if (body === undefined) return fail(c, 400, 'Malformed JSON.');
    if (body.amount === undefined || body.amount === null || body.amount === '') return invalid(c, 'amount', 'The amount field is required.');
    const amount = Number(body.amount);
    if (!Number.isFinite(amount)) return invalid(c, 'amount', 'The amount must be a number.');
    const amountCents = Math.round(amount * 100);
    if (amountCents < 1) return invalid(c, 'amount', 'The amount must be at least 0.01.');
    const balances = persona.balances;
    const rewardCents = Math.round(num(balances.reward_balance) * 100);
    const points = Math.round(num(balances.point_balance));
    const combinedCents = Math.round(num(balances.combined_balance_dollars) * 100);
    if (amountCents > combinedCents) {
      return invalid(c, 'amount', `The amount may not be greater than ${combinedCents / 100}.`);
    }
    // Tenant default strategy: rewards first (nearest expiry), then points (100 points = $1).
    const fromRewards = Math.min(amountCents, rewardCents);
    const pointsUsed = amountCents - fromRewards;
    spendRewards(persona, fromRewards);
    spendPoints(persona, pointsUsed);
    const newRewardCents = rewardCents - fromRewards;
    const newPoints = points - pointsUsed;
    const newCombinedCents = newRewardCents + newPoints;
    const set = (target: Row, field: string, value: number) => {
      if (field in target) target[field] = writeLike(target[field], value);
    };
    for (const target of [balances, persona.profile]) {
      set(target, 'reward_balance', newRewardCents / 100);
      set(target, 'point_balance', newPoints);
      set(target, 'point_balance_dollars', newPoints / 100);
      set(target, 'combined_balance_dollars', newCombinedCents / 100);
    }
    if (balances.localised && typeof balances.localised === 'object') {
      balances.localised = { reward_balance: newRewardCents / 100, point_balance_dollars: newPoints / 100, combined_balance_dollars: newCombinedCents / 100 };
    }
    const redemption: Row = {
      id: newId(),
      profile_id: persona.info.profileId,
      type: 'balance',
      total: (amountCents / 100).toFixed(2),
      total_localised: amountCents / 100,
      meta: body.meta ?? null,
      balances: {
        reward_balance: newRewardCents / 100,
        point_balance: newPoints,
        point_balance_dollars: newPoints / 100,
        benefit_balance: num(balances.benefit_balance),
        combined_balance_dollars: newCombinedCents / 100,
      },
      created_at: stamp(),
      updated_at: stamp(),
    };
    persona.redemptions.push(redemption);
    return sendData(c, redemption);
  });

  function spendRewards(persona: PersonaState, cents: number) {
    let left = cents;
    const current = seedNow();
    const spendable = persona.rewards
      .filter((r) => {
        const expires = typeof r.expires_at === 'string' ? parseOmneoDate(r.expires_at) : null;
        return bool(r.is_active) && !bool(r.is_expired) && num(r.value_remaining) > 0 && (!expires || expires > current);
      })
      .sort((a, b) => compareValues(a.expires_at, b.expires_at));
    for (const reward of spendable) {
      if (left <= 0) break;
      const remaining = Math.round(num(reward.value_remaining) * 100);
      const take = Math.min(remaining, left);
      left -= take;
      reward.value_remaining = writeLike(reward.value_remaining, (remaining - take) / 100);
      reward.updated_at = stamp();
    }
  }

  function spendPoints(persona: PersonaState, pointsToSpend: number) {
    let left = pointsToSpend;
    const current = seedNow();
    const usable = persona.points
      .filter((p) => {
        const accrued = typeof p.accrued_at === 'string' ? parseOmneoDate(p.accrued_at) : null;
        const status = String(p.status ?? '').toLowerCase();
        return num(p.value_remaining) > 0 && (!accrued || accrued <= current) && !status.includes('pending') && !status.includes('expired');
      })
      .sort((a, b) => compareValues(a.expires_at, b.expires_at));
    for (const instance of usable) {
      if (left <= 0) break;
      const remaining = num(instance.value_remaining);
      const take = Math.min(remaining, left);
      left -= take;
      instance.value_remaining = writeLike(instance.value_remaining, remaining - take);
    }
  }

  // §2.8: lists and the wishlist
  const findList = (persona: PersonaState, ref: string) =>
    persona.lists.find((list) => String(list.id) === ref) ?? persona.lists.find((list) => list.handle === ref);

  me.get('/lists', (c) => sendData(c, c.var.persona.lists));
  me.post('/lists', async (c) => {
    const body = await readJsonBody(c);
    if (body === undefined) return fail(c, 400, 'Malformed JSON.');
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) return invalid(c, 'name', 'The name field is required.');
    const handle = typeof body.handle === 'string' && body.handle.trim() ? body.handle.trim() : slugify(name);
    const isWishlist = handle === 'wishlist';
    const list: Row = {
      id: newId(),
      name,
      handle,
      description: typeof body.description === 'string' ? body.description : null,
      is_shared: false,
      shares: [],
      tags: [],
      definition: isWishlist
        ? { id: 1, name: 'Wishlist', handle: 'wishlist', type: 'wishlist', allow_quantity: false, allow_share: true, allow_delete: true }
        : { id: 2, name: 'List', handle: 'list', type: 'list', allow_quantity: true, allow_share: true, allow_delete: true },
      items: [],
      created_at: stamp(),
      updated_at: stamp(),
    };
    if (Array.isArray(body.items)) {
      for (const raw of body.items as unknown[]) {
        const sku = (raw as Row | null)?.product_variant_sku;
        if (typeof sku === 'string' && sku.trim()) list.items.push(newItem(list, sku, Number((raw as Row).quantity ?? 1) || 1));
      }
    }
    c.var.persona.lists.push(list);
    return sendData(c, list, 201);
  });
  me.get('/lists/:list', (c) => {
    const list = findList(c.var.persona, c.req.param('list'));
    return list ? sendData(c, list) : notFound(c);
  });
  me.delete('/lists/:list', (c) => {
    const persona = c.var.persona;
    const list = findList(persona, c.req.param('list'));
    if (!list) return notFound(c);
    persona.lists = persona.lists.filter((l) => l !== list);
    return c.body(null, 204);
  });
  me.get('/lists/:list/items', (c) => {
    const list = findList(c.var.persona, c.req.param('list'));
    return list ? sendData(c, list.items) : notFound(c);
  });

  function newItem(list: Row, sku: string, quantity: number): Row {
    const { product_variant, product } = lookupVariant(sku);
    return {
      id: newId(),
      product_list_id: list.id,
      quantity,
      position: (list.items as Row[]).length,
      status: null,
      meta: null,
      created_at: stamp(),
      updated_at: stamp(),
      custom_product: null,
      product_variant,
      product,
    };
  }

  me.post('/lists/:list/items', async (c) => {
    const list = findList(c.var.persona, c.req.param('list'));
    if (!list) return notFound(c);
    const body = await readJsonBody(c);
    if (body === undefined) return fail(c, 400, 'Malformed JSON.');
    const sku: unknown = body.product_variant_sku;
    if (typeof sku !== 'string' || sku.trim() === '') return invalid(c, 'product_variant_sku', 'The product variant sku field is required.');
    const quantity = body.quantity === undefined || body.quantity === null ? 1 : Number(body.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) return invalid(c, 'quantity', 'The quantity must be at least 1.');
    // Adding a SKU that is already there returns the existing item rather than a duplicate.
    const existing = (list.items as Row[]).find((item) => item.product_variant?.sku === sku);
    if (existing) return sendData(c, existing, 200);
    const item = newItem(list, sku, quantity);
    list.items.push(item);
    list.updated_at = stamp();
    return sendData(c, item, 201);
  });
  me.get('/lists/:list/items/:item', (c) => {
    const list = findList(c.var.persona, c.req.param('list'));
    const item = list && (list.items as Row[]).find((row) => String(row.id) === c.req.param('item'));
    return item ? sendData(c, item) : notFound(c);
  });
  me.delete('/lists/:list/items/:item', (c) => {
    const list = findList(c.var.persona, c.req.param('list'));
    const items = list ? (list.items as Row[]) : [];
    const index = items.findIndex((row) => String(row.id) === c.req.param('item'));
    if (!list || index < 0) return notFound(c);
    items.splice(index, 1);
    list.updated_at = stamp();
    return c.body(null, 204);
  });

  app.route(`${ID_API_PREFIX}/profiles/me`, me);

  app.notFound((c) => c.json({ message: 'Not Found.' }, 404));
  app.onError((error, c) => {
    // The client left before its request's body was read (a test's proxy stopped mid-mint while a wrapper held the
    // request back): from Node 24 on the read fails with `aborted`, where earlier releases had the body buffered.
    // Nobody waits for the answer and the mock did nothing wrong: no stack trace for it. (The request's signal does
    // not say so: a request made after its client left is never aborted. ECONNRESET can only be the client's: the
    // mock makes no connection of its own.)
    if ((error as { code?: unknown }).code === 'ECONNRESET' || c.req.raw.signal.aborted) return c.body(null, 499 as ContentfulStatusCode);
    console.error('[mock-omneo] handler error', error);
    return c.json({ message: 'Server Error' }, 500);
  });

  return {
    app,
    state,
    faults,
    requests,
    reset() {
      seedAll();
      faults.clear();
      faults.setLatency(0);
      requests.length = 0;
      offsetMs = clock().getTime() - SEED_NOW.getTime();
    },
    now,
    setNow(value) {
      clock = value === null ? () => new Date() : typeof value === 'function' ? value : () => new Date(value.getTime());
      offsetMs = clock().getTime() - SEED_NOW.getTime();
    },
    mintToken: async (persona, opts) => (await mint(persona === null ? 'null' : state[persona].info.profileId, opts?.ttlSeconds)).token,
    options: { adminToken, jwtSecret, quirks, tokenTtlSeconds, corsMaxAgeSeconds },
  };
}

/**
 * A `fetch` that answers from an in-process Hono app (no network), honouring the request's abort
 * signal the way a real fetch does. Any origin works; the path is kept.
 */
export function inProcessFetch(app: { fetch: (request: Request) => Response | Promise<Response> }): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) return Promise.reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(app.fetch(request))
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
