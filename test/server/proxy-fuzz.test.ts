/**
 * Generated pass-through fuzz: the production-configured proxy (proxy-harness.ts) in front of the mock Omneo,
 * sent thousands of `/omneo/api/...` requests built from the allowlisted paths with encodings spliced in
 * (`%2f`, `%252f`, `%5c`, overlong and fullwidth solidi, `;` matrix parameters, encoded `?` and `#`, dot
 * segments plain and encoded, trailing dots, percent-escapes in either case, NUL, CR/LF, other profile ids),
 * odd queries (duplicates, `_method`, `profile_id` filters, control characters, over-long values) and every
 * method. Whatever the proxy answers, what reaches Omneo must be an allowlisted canonical `/profiles/me/...`
 * path with only listing parameters, the method the rule allows, and Ava's own server-held token; and no
 * answer is a 500 or leaks a secret. A second, smaller batch goes over a real socket to the Node server, so
 * raw bytes (`\`, `#`, non-ASCII, `//`) meet @hono/node-server's own URL building. Seeded: a failure replays.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { PASS_THROUGH_RULES } from '../../server/proxy/passthrough.js';
import { LISTING_PARAM_NAME } from '../../server/proxy/query-names.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { AVA_PROFILE_ID, decodePayload } from './helpers.js';
import { harness, ID_API, PROXY_ORIGIN, ZOE_PROFILE_ID, type Harness } from './proxy-harness.js';
import { freePort } from './proxy-process.js';

const SEED = 0x5eed_2026;
const IN_PROCESS_CASES = 10_000;
const SOCKET_CASES = 1000;

const CANONICAL = [
  '',
  '/balances',
  '/tiers',
  '/points',
  '/points/12',
  '/rewards/7',
  '/benefits',
  '/benefits/3/redeem',
  '/transactions/44',
  '/lists',
  '/lists/5',
  '/lists/wishlist/items',
  '/lists/5/items',
  '/lists/5/items/9',
  '/redeem',
  '/purge',
];
const PREFIXES = ['/omneo/api/me', '/omneo/api/profiles/me', `/omneo/api/profiles/${ZOE_PROFILE_ID}`, '/omneo/api', '/omneo/api/ME', '/omneo/api/me/..'];
const SPLICES = [
  '%2f', '%2F', '%252f', '%252F', '%5c', '%5C', '\\', '%c0%af', '%e0%80%af', '%ef%bc%8f', '／', '%EF%BC%8F',
  ';', ';x=1', ';jsessionid=1', '%3b', '%3f', '%3F', '%3Fprofile_id%3D1', '%23', '%23x', '.', '..', '/.', '/..',
  '/%2e', '/%2E%2E', '/%2e%2e/%2e%2e', '%2e', '%00', '%0d%0a', '%0a', '%20', '+', '%u002f', '//', '/./', '/../',
  `/${ZOE_PROFILE_ID}`, '/../profiles/' + ZOE_PROFILE_ID, '/%2e%2e/%2e%2e/auth/token', 'İ', 'ſ', 'K', '%C4%B0', '~', '*',
];
const QUERIES = [
  '', 'page[size]=5', 'page%5Bnumber%5D=2', 'page[number]=1&page[number]=2', 'page[size]=0', 'page[size]=05', 'page[size]=1e3',
  'include=profile', 'include=profile&include=lists', 'sort=-created_at', 'tags[]=a&tags[]=b', 'filter[status]=active',
  'filter[type][in]=a,b', '_method=DELETE', '%5Fmethod=DELETE', `profile_id=${ZOE_PROFILE_ID}`, `filter[profile_id]=${ZOE_PROFILE_ID}`,
  `filter%5Bprofile_id%5D%5Beq%5D=${ZOE_PROFILE_ID}`, 'sort=%00', 'sort=a%0d%0aX-Injected:1', `sort=${'x'.repeat(300)}`, 'x=1',
  'shop=evil.myshopify.com&signature=00', 'page[size]=5#frag', 'sort=a&sort=b', 'include=..%2F..%2Fprofiles',
];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'DELETE', 'DELETE', 'PATCH', 'OPTIONS'];

/** Where in a path a splice goes: before, after or inside a segment, or at the end. */
function splice(random: () => number, path: string): string {
  const text = SPLICES[Math.floor(random() * SPLICES.length)]!;
  const at = Math.floor(random() * (path.length + 1));
  return path.slice(0, at) + text + path.slice(at);
}

/** Percent-escapes in the other case, a segment's letters in another case, or a trailing dot: spellings of an allowed path. */
function respell(random: () => number, path: string): string {
  const roll = random();
  if (roll < 0.33) return path.replace(/[a-z]/, (c) => c.toUpperCase());
  if (roll < 0.66) return `${path}.`;
  return path.replace(/%[0-9a-f]{2}/gi, (e) => (random() < 0.5 ? e.toLowerCase() : e.toUpperCase()));
}

interface Case {
  method: string;
  target: string;
  body?: string;
}

function generate(random: () => number, count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    // Most cases are one splice away from a call the widget makes (its prefix, a method the path allows, no
    // query), where a lax check would forward; the rest mix prefixes, several mutations, queries and methods.
    const near = random() < 0.6;
    let path = (near || random() < 0.5 ? '/omneo/api/me' : pick(PREFIXES)) + pick(CANONICAL);
    const mutations = near ? 1 : Math.floor(random() * 3);
    for (let m = 0; m < mutations; m++) path = near || random() < 0.8 ? splice(random, path) : respell(random, path);
    const query = near || random() < 0.4 ? '' : pick(QUERIES);
    const method = near ? pick(['GET', 'GET', 'HEAD', 'POST', 'DELETE']) : pick(METHODS);
    const body = method === 'POST' || method === 'PUT' ? pick(['{"name":"x"}', '{"_method":"DELETE"}', '', '[1]', '{"a":{"b":1}}']) : undefined;
    cases.push({ method, target: query ? `${path}?${query}` : path, body });
  }
  return cases;
}

/** The rule a forwarded call must satisfy: `/profiles/me` + a rest some enabled rule allows for that method. */
function assertAllowlisted(h: Harness, index: number, sentFrom: string) {
  for (const call of h.upstream.slice(index)) {
    const url = new URL(call.url);
    if (call.method === 'POST' && url.pathname === '/id/api/v1/auth/token') continue; // a mint, by the admin token
    const where = `${call.method} ${call.url} (sent ${sentFrom})`;
    assert.ok(call.url.startsWith(`${ID_API}/profiles/me`), `off the allowlist: ${where}`);
    const rest = url.pathname.slice(new URL(ID_API).pathname.length + '/profiles/me'.length);
    const rule = PASS_THROUGH_RULES.find((r) => !r.extra && r.method === call.method && r.path.test(rest));
    assert.ok(rule, `no default rule allows ${where}`);
    // Canonical: exactly what the rule matched, nothing percent-encoded, no fragment.
    assert.equal(url.pathname, `/id/api/v1/profiles/me${rest}`, where);
    assert.ok(!call.url.includes('#'), where);
    assert.doesNotMatch(url.pathname, /%/, where);
    for (const [name, value] of url.searchParams) {
      assert.match(name, LISTING_PARAM_NAME, `parameter ${name} forwarded: ${where}`);
      assert.ok(!name.startsWith('filter[profile_id]'), where);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(value, /[\u0000-\u001f\u007f]/, where);
    }
    assert.ok(call.authorization?.startsWith('Bearer '), where);
    assert.equal(decodePayload(call.authorization!.slice(7)).pid, AVA_PROFILE_ID, `not Ava's token: ${where}`);
  }
}

function assertOwnAnswer(status: number, text: string, sentFrom: string) {
  assert.notEqual(status, 500, `500 for ${sentFrom}: ${text}`);
  assert.ok(status >= 200 && status < 600, sentFrom);
}

describe('pass-through fuzz (seeded)', () => {
  let inProcess = 0;
  let forwarded = 0;
  let overSocket = 0;
  after(() => console.log(`pass-through fuzz: ${inProcess} in-process cases (${forwarded} forwarded), ${overSocket} over a socket`));

  it(`${IN_PROCESS_CASES} generated requests: Omneo sees only allowlisted /profiles/me calls with Ava's token`, async () => {
    const h = harness({ rateLimits: false });
    const cookie = await h.assertionCookie();
    const random = seededRandom(SEED);
    for (const c of generate(random, IN_PROCESS_CASES)) {
      const sentFrom = `${c.method} ${c.target}`;
      let url: URL;
      try {
        url = new URL(`${PROXY_ORIGIN}${c.target}`);
      } catch {
        continue; // not a URL a server would ever hand the proxy
      }
      const before = h.upstream.length;
      const headers: Record<string, string> = { Accept: 'application/json', Cookie: cookie, Origin: 'https://www.harbour.example' };
      if (c.method !== 'GET' && c.method !== 'HEAD') headers['Content-Type'] = 'application/json';
      const response = await h.proxy.fetch(new Request(url, { method: c.method, headers, body: c.body || undefined }));
      const text = await response.text();
      inProcess += 1;
      assertOwnAnswer(response.status, text, sentFrom);
      assertAllowlisted(h, before, sentFrom);
      if (h.upstream.slice(before).some((call) => !call.url.endsWith('/auth/token'))) forwarded += 1;
    }
    // The corpus reaches Omneo often enough to mean something, and is refused far more often.
    assert.ok(forwarded > IN_PROCESS_CASES / 50, `only ${forwarded} forwarded`);
    assert.ok(forwarded < IN_PROCESS_CASES / 2, `${forwarded} forwarded`);
    h.assertNoLeaks();
  });

  it(`${SOCKET_CASES} raw requests over a socket to the Node server: the same holds for bytes no Request would carry`, async () => {
    const h = harness({ rateLimits: false });
    const cookie = await h.assertionCookie();
    const port = await freePort();
    const server = serve({ fetch: h.proxy.fetch, port, hostname: '127.0.0.1' });
    try {
      const random = seededRandom(SEED + 1);
      const raw = ['\\', '#', '//', 'é', '\u00ff', '/..', '%', '%zz', '?', '&'];
      for (const c of generate(random, SOCKET_CASES)) {
        const target = random() < 0.5 ? c.target : c.target.replace(/\//g, (s) => (random() < 0.15 ? raw[Math.floor(random() * raw.length)]! + s : s));
        const sentFrom = `${c.method} ${target} (socket)`;
        const before = h.upstream.length;
        const status = await rawRequest(port, c.method, target, cookie, c.body);
        overSocket += 1;
        assert.notEqual(status, 500, sentFrom);
        assertAllowlisted(h, before, sentFrom);
      }
    } finally {
      server.close();
    }
  });
});

/** One HTTP/1.1 request written byte for byte (no client-side URL checks); answers the status, or 0 if the server hung up. */
function rawRequest(port: number, method: string, target: string, cookie: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const payload = Buffer.from(body ?? '', 'utf8');
    const head =
      `${method} ${target} HTTP/1.1\r\nHost: loyalty-proxy.harbour.example\r\nCookie: ${cookie}\r\nOrigin: https://www.harbour.example\r\n` +
      `Accept: application/json\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`;
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
  });
}
