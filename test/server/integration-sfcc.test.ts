/**
 * Salesforce Commerce Cloud cartridge (integrations/sfcc/cartridges/int_omneo): the controllers run on a
 * small stand-in for SFRA's `server` module and the dw.* APIs they call, their templates are rendered the
 * way ISML renders them, and the who-am-I route is driven by the real token-exchange proxy's session lookup.
 *
 * What Commerce Cloud itself does (page caching around a remote include, session cookies) is not emulated
 * beyond what the cartridge relies on; see the README's "verify on your instance" notes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyAssertion } from '../../server/proxy/assertion.js';
import { sessionLookupAdapter } from '../../server/proxy/examples/session-lookup.js';
import { AVA_PROFILE_ID, AVA_SHOPIFY_ID, decodePayload } from './helpers.js';
import {
  CARTRIDGE,
  REPO_ROOT,
  fixedService,
  syncProxy,
  type ServiceStandIn,
  GUEST,
  REMEMBERED,
  renderConfigInclude,
  runController,
  script,
  signedIn,
  STATIC_URL_PREFIX,
  type ControllerCall,
  type FakeCustomer,
  type SitePreferences,
} from './integration-helpers.js';
import { harness } from './proxy-harness.js';

/** What a browser reads: the script element's text runs to the first `</script`, whatever is inside the JSON. */
function browserReadsConfig(html: string): unknown {
  const match = /<script type="application\/json" id="omneo-config">([\s\S]*?)<\/script/i.exec(html);
  assert.ok(match, html);
  return JSON.parse(match[1]!);
}

/** What the URLUtils stand-in answers for URLUtils.url('Loyalty-Token'). */
const LOYALTY_TOKEN_URL = '/on/demandware.store/Sites-Example-Site/default/Loyalty-Token';

describe('SFCC: Omneo-Config, the page config as a never-cached remote include', () => {
  it('is included by URL from the head template, not written into the cacheable page', () => {
    const head = readFileSync(path.join(CARTRIDGE, 'templates/default/omneo/omneoWidgets.isml'), 'utf8').replace(/<iscomment>[\s\S]*?<\/iscomment>/g, '');
    assert.match(head, /<isinclude url="\$\{URLUtils\.url\('Omneo-Config'\)\}"\s*\/>/);
    assert.doesNotMatch(head, /customer|omneo-config/, 'the cacheable template must not name the shopper or hold the config');
  });

  it('loads the script from the cartridge by default, or from the omneoScriptUrl site preference (https or a path on this host)', () => {
    const scriptSrc = (preferences: SitePreferences) =>
      /<script type="module" src="([^"]*)"><\/script>/.exec(renderConfigInclude({ preferences: { omneoTenant: 't', ...preferences } }))?.[1];
    const cartridgeFile = `${STATIC_URL_PREFIX}/js/omneo/omneo-widgets.js`;
    assert.equal(scriptSrc({}), cartridgeFile);
    assert.equal(scriptSrc({ omneoScriptUrl: '  ' }), cartridgeFile);
    assert.equal(scriptSrc({ omneoScriptUrl: 'https://cdn.example.com/omneo/1.4.0/omneo-widgets.js' }), 'https://cdn.example.com/omneo/1.4.0/omneo-widgets.js');
    assert.equal(scriptSrc({ omneoScriptUrl: '/omneo/omneo-widgets.js' }), '/omneo/omneo-widgets.js');
    // Not https (mixed content, or not a URL to load a script from), or protocol-relative: the cartridge's file.
    for (const refused of ['http://cdn.example.com/omneo-widgets.js', 'javascript:alert(1)', '//cdn.example.com/omneo-widgets.js', 'omneo-widgets.js']) {
      assert.equal(scriptSrc({ omneoScriptUrl: refused }), cartridgeFile, refused);
    }
    assert.equal(scriptSrc({ omneoScriptUrl: 'https://cdn.example.com/a.js?v="><script>' }), 'https://cdn.example.com/a.js?v=&quot;&gt;&lt;script&gt;', 'HTML-encoded');
    const head = readFileSync(path.join(CARTRIDGE, 'templates/default/omneo/omneoWidgets.isml'), 'utf8');
    assert.doesNotMatch(head.replace(/<iscomment>[\s\S]*?<\/iscomment>/g, ''), /<script/, 'one script element, from the include');
  });

  it("the head template's comment names every CSP directive the widgets need, and where SFRA sets them", () => {
    const comment = /<iscomment>([\s\S]*?)<\/iscomment>/.exec(readFileSync(path.join(CARTRIDGE, 'templates/default/omneo/omneoWidgets.isml'), 'utf8'))?.[1] ?? '';
    for (const needed of ['script-src', 'connect-src', 'img-src', 'getomneo.com', 'config/httpHeadersConf.json']) assert.ok(comment.includes(needed), needed);
  });

  it('is only an include, sets no cache period, and its template has no iscache', () => {
    const result = runController('Omneo', 'Config', { customer: signedIn('00012345') });
    assert.deepEqual(result.middleware, ['include']);
    assert.equal(result.cachePeriod, undefined);
    assert.doesNotMatch(readFileSync(path.join(CARTRIDGE, 'templates/default/omneo/config.isml'), 'utf8'), /<iscache/);
    assert.doesNotMatch(readFileSync(path.join(CARTRIDGE, 'controllers/Omneo.js'), 'utf8'), /require\('\*\/cartridge\/scripts\/middleware\/cache'\)|setExpires\(/);
  });

  it('names the signed-in customer, and nobody else, per request', () => {
    const preferences = { omneoTenant: 'example-tenant' };
    assert.deepEqual(browserReadsConfig(renderConfigInclude({ preferences, customer: signedIn('00012345'), requestLocale: 'en_AU' })), {
      tokenEndpoint: LOYALTY_TOKEN_URL,
      tenant: 'example-tenant',
      locale: 'en-AU',
      customer: '00012345',
    });
    for (const customer of [GUEST, REMEMBERED]) {
      assert.equal((browserReadsConfig(renderConfigInclude({ preferences, customer, requestLocale: 'en_AU' })) as { customer: string }).customer, '');
    }
  });

  it("maps the locale 'default' to the site's default locale, and leaves it out when that is 'default' too", () => {
    const read = (call: ControllerCall) => browserReadsConfig(renderConfigInclude({ preferences: { omneoTenant: 't' }, ...call })) as { locale?: string };
    assert.equal(read({ requestLocale: 'default', siteDefaultLocale: 'fr_FR' }).locale, 'fr-FR');
    assert.equal(read({ requestLocale: 'de_DE', siteDefaultLocale: 'fr_FR' }).locale, 'de-DE');
    assert.equal(read({ requestLocale: 'en', siteDefaultLocale: 'fr_FR' }).locale, 'en');
    assert.equal('locale' in read({ requestLocale: 'default', siteDefaultLocale: 'default' }), false, '<html lang> applies');
  });

  it('takes the API base and token endpoint from site preferences (the API base wins over the tenant)', () => {
    const config = browserReadsConfig(
      renderConfigInclude({ preferences: { omneoTenant: 't', omneoApiBase: '/omneo/api', omneoTokenEndpoint: 'https://www.example.com/loyalty/token' } }),
    );
    assert.deepEqual(config, { tokenEndpoint: 'https://www.example.com/loyalty/token', apiBase: '/omneo/api', customer: '' });
  });

  it('cannot be broken out of: customer data with </script>, comments, quotes and line separators stays inside the JSON', () => {
    for (const customerNo of ['</script><script>alert(1)</script>', '<!--<script>', '"\\\u2028\u2029&amp;', '</SCRIPT >']) {
      const html = renderConfigInclude({ preferences: { omneoTenant: 't', omneoTokenEndpoint: '/x</script>' }, customer: signedIn(customerNo) });
      assert.equal(html.match(/<\/script/gi)?.length, 2, `the config's end tag and the module script's, no other: ${html}`);
      assert.doesNotMatch(html, /<!--|\u2028|\u2029/);
      assert.deepEqual(browserReadsConfig(html), { tokenEndpoint: '/x</script>', tenant: 't', customer: customerNo });
    }
  });
});

describe('SFCC: Loyalty-WhoAmI, the session lookup for the proxy', () => {
  const KEY = 'whoami-key-0123456789abcdef0123456789abcdef';
  const whoAmI = (customer: FakeCustomer, key: string | null = KEY, configured: string | null = KEY) =>
    runController('Loyalty', 'WhoAmI', {
      preferences: { omneoProxyKey: configured },
      customer,
      headers: key === null ? {} : { 'X-Omneo-Proxy-Key': key },
    });

  it('answers the signed-in customer number over https only, 401 for guests and remembered customers', () => {
    const ava = whoAmI(signedIn('00012345'));
    assert.deepEqual(ava.middleware, ['https']);
    assert.equal(ava.status, 200);
    assert.equal(ava.json?.customerId, '00012345');
    for (const customer of [GUEST, REMEMBERED]) assert.deepEqual([whoAmI(customer).status, whoAmI(customer).json?.customerId], [401, null]);
  });

  it('answers 403, naming nobody, without the proxy key, with a wrong one, or when none is configured', () => {
    for (const [given, configured] of [[null, KEY], ['wrong', KEY], [KEY.slice(0, -1), KEY], [`${KEY}x`, KEY], ['', ''], [KEY, null]] as const) {
      const answer = whoAmI(signedIn('00012345'), given, configured);
      assert.deepEqual([answer.status, answer.json?.customerId], [403, null], `given ${given}, configured ${configured}`);
    }
  });

  describe('rotating the proxy key (README: Rotating secrets, SFCC X-Omneo-Proxy-Key)', () => {
    const OLD_KEY = 'whoami-old-key-fedcba9876543210fedcba9876543210';
    const answer = (given: string | null, preferences: { omneoProxyKey?: string | null; omneoProxyKeyPrevious?: string | null }) => {
      const result = runController('Loyalty', 'WhoAmI', {
        preferences,
        customer: signedIn('00012345'),
        headers: given === null ? {} : { 'X-Omneo-Proxy-Key': given },
      });
      return [result.status, result.json?.customerId];
    };
    const ACCEPTED = [200, '00012345'];
    const REFUSED = [403, null];

    it('accepts the previous key (omneoProxyKeyPrevious) beside the current one while it is set, and no near miss of either', () => {
      const overlap = { omneoProxyKey: KEY, omneoProxyKeyPrevious: OLD_KEY };
      assert.deepEqual(answer(KEY, overlap), ACCEPTED, 'the new key');
      assert.deepEqual(answer(OLD_KEY, overlap), ACCEPTED, 'the old key, while it is the previous one');
      for (const given of [null, '', 'wrong', OLD_KEY.slice(0, -1), `${OLD_KEY}x`, KEY.slice(0, -1), `${OLD_KEY}${KEY}`]) {
        assert.deepEqual(answer(given, overlap), REFUSED, String(given));
      }
    });

    it('refuses the old key once omneoProxyKeyPrevious is cleared', () => {
      for (const cleared of [null, '']) {
        assert.deepEqual(answer(OLD_KEY, { omneoProxyKey: KEY, omneoProxyKeyPrevious: cleared }), REFUSED, JSON.stringify(cleared));
        assert.deepEqual(answer(KEY, { omneoProxyKey: KEY, omneoProxyKeyPrevious: cleared }), ACCEPTED, JSON.stringify(cleared));
      }
    });

    it('a previous key alone opens nothing: without omneoProxyKey every call is 403 (fail closed)', () => {
      for (const current of [null, '', '   ']) {
        for (const given of [OLD_KEY, KEY, current, null]) {
          assert.deepEqual(answer(given, { omneoProxyKey: current, omneoProxyKeyPrevious: OLD_KEY }), REFUSED, `current ${JSON.stringify(current)}, given ${given}`);
        }
      }
    });

    it('a blank previous key accepts nothing (not an empty, a blank or a missing header)', () => {
      for (const blank of ['', ' ', '\t ']) {
        for (const given of [null, '', ' ', '\t ', OLD_KEY]) {
          assert.deepEqual(answer(given, { omneoProxyKey: KEY, omneoProxyKeyPrevious: blank }), REFUSED, `previous ${JSON.stringify(blank)}, given ${JSON.stringify(given)}`);
        }
        assert.deepEqual(answer(KEY, { omneoProxyKey: KEY, omneoProxyKeyPrevious: blank }), ACCEPTED);
      }
    });

    it('end to end, in the README order: a proxy with the old key and one with the new both mint during the overlap, and nobody sees the guest state', async () => {
      const preferences: { omneoProxyKey: string; omneoProxyKeyPrevious?: string | null } = { omneoProxyKey: OLD_KEY };
      const storefront: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        const sid = /(?:^|; )dwsid=([^;]*)/.exec(request.headers.get('cookie') ?? '')?.[1];
        const result = runController('Loyalty', 'WhoAmI', {
          preferences: { ...preferences },
          customer: sid === 'ava-sid' ? signedIn(AVA_SHOPIFY_ID) : GUEST,
          headers: Object.fromEntries(request.headers),
        });
        return Response.json(result.json, { status: result.status });
      };
      const logged: Array<Record<string, unknown>> = [];
      const proxyWith = (proxyKey: string) =>
        harness({
          identity: [
            sessionLookupAdapter({
              whoAmIUrl: 'https://www.example.com/on/demandware.store/Sites-Example-Site/default/Loyalty-WhoAmI',
              cookieNames: ['dwsid'],
              idHandle: 'shopify',
              proxyKey,
              fetch: storefront,
              logger: (entry) => logged.push(entry),
            }),
          ],
        });
      const oldProxy = proxyWith(OLD_KEY);
      const newProxy = proxyWith(KEY);
      const mints = async (proxy: ReturnType<typeof harness>) => {
        const sent = await proxy.send('/omneo/token', { cookie: 'dwsid=ava-sid' });
        if (sent.status === 200) assert.equal(decodePayload(sent.json.token).pid, AVA_PROFILE_ID);
        return sent.status;
      };

      assert.equal(await mints(oldProxy), 200, 'before the rotation');
      // The other order (the proxy first) is the outage the README warns of: 403, "proxy key refused", a 500.
      assert.equal(await mints(newProxy), 500, 'a proxy with the new key before Business Manager has it');
      assert.match(String(logged.at(-1)?.message), /proxy key refused/);
      logged.length = 0;

      // (1) Business Manager: previous = old, current = new. Old and new proxy instances side by side (a rolling deploy).
      preferences.omneoProxyKey = KEY;
      preferences.omneoProxyKeyPrevious = OLD_KEY;
      assert.deepEqual([await mints(oldProxy), await mints(newProxy)], [200, 200], 'both mint during the overlap');
      // (2) every instance has the new key: (3) clear the previous one.
      preferences.omneoProxyKeyPrevious = '';
      assert.equal(await mints(newProxy), 200, 'after the rotation');
      assert.deepEqual(logged, [], 'no refusal at any step of the rotation');
      assert.equal(await mints(oldProxy), 500, 'the old key opens nothing once cleared');
      assert.equal((await newProxy.send('/omneo/token', { cookie: 'dwsid=guest-sid' })).status, 401, 'a guest is still a guest');
      assert.doesNotMatch(JSON.stringify([logged, oldProxy.logs, newProxy.logs]), /whoami-(old-)?key/, 'neither key in a log line');
    });
  });

  it('compares keys without an early exit', () => {
    assert.equal(script.constantTimeEquals('abc', 'abc'), true);
    for (const other of ['abd', 'ab', 'abcd', '', 'xbc']) assert.equal(script.constantTimeEquals('abc', other), false, other);
  });

  it("drives the proxy's session lookup end to end: both session cookies forwarded, the customer minted, guests refused", async () => {
    // Stand-in for an instance without the "Enforce HTTPS" global preference, the one kind that sets a
    // dwsecuretoken_* cookie and checks it against dwsid: its sessions are keyed by both together (README:
    // forward the secure token if present). An instance with Enforce HTTPS has no such cookie: see the next test.
    const sessions = new Map<string, FakeCustomer>([['ava-sid|ava-secure', signedIn(AVA_SHOPIFY_ID)], ['guest-sid|guest-secure', GUEST]]);
    const seenCookies: string[] = [];
    const storefront: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const cookie = request.headers.get('cookie') ?? '';
      seenCookies.push(cookie);
      const read = (name: string) => new RegExp(`(?:^|; )${name}=([^;]*)`).exec(cookie)?.[1];
      const customer = sessions.get(`${read('dwsid')}|${read('dwsecuretoken_a1b2c3')}`) ?? GUEST;
      const result = runController('Loyalty', 'WhoAmI', {
        preferences: { omneoProxyKey: KEY },
        customer,
        headers: Object.fromEntries(request.headers),
      });
      return Response.json(result.json, { status: result.status });
    };
    const adapter = sessionLookupAdapter({
      whoAmIUrl: 'https://www.example.com/on/demandware.store/Sites-Example-Site/default/Loyalty-WhoAmI',
      cookieNames: ['dwsid', 'dwsecuretoken_a1b2c3'],
      idHandle: 'shopify', // the mock Omneo knows Ava by this handle; a real tenant: the handle its SFCC ids are under
      proxyKey: KEY,
      fetch: storefront,
    });
    const h = harness({ identity: [adapter] });
    const ava = await h.send('/omneo/token', { cookie: 'dwsid=ava-sid; dwsecuretoken_a1b2c3=ava-secure; dwanonymous_x=1; __cq_uuid=abc' });
    assert.equal(ava.status, 200, ava.text);
    assert.equal(decodePayload(ava.json.token).pid, AVA_PROFILE_ID);
    assert.equal(seenCookies[0], 'dwsid=ava-sid; dwsecuretoken_a1b2c3=ava-secure', 'only the session cookies are forwarded');
    assert.equal((await h.send('/omneo/token', { cookie: 'dwsid=guest-sid; dwsecuretoken_a1b2c3=guest-secure' })).status, 401);
    assert.equal((await h.send('/omneo/token', { cookie: 'dwsid=ava-sid' })).status, 401, 'this instance checks the secure token: dwsid alone is no session');

    // A stale or wrong key is the proxy's fault, not the shopper's: a 500 and a log line, not a guest's 401.
    const logged: Array<Record<string, unknown>> = [];
    const wrongKey = sessionLookupAdapter({
      whoAmIUrl: 'https://www.example.com/w',
      cookieNames: ['dwsid', 'dwsecuretoken_a1b2c3'],
      proxyKey: 'not-the-key',
      fetch: storefront,
      logger: (entry) => logged.push(entry),
    });
    const refused = harness({ identity: [wrongKey] });
    assert.equal((await refused.send('/omneo/token', { cookie: 'dwsid=ava-sid; dwsecuretoken_a1b2c3=ava-secure' })).status, 500);
    assert.equal(refused.upstream.length, 0);
    assert.match(String(logged[0]?.message), /proxy key refused/);
    assert.doesNotMatch(JSON.stringify([logged, refused.logs]), /not-the-key|whoami-key/);
  });

  it('on an instance with "Enforce HTTPS" (no dwsecuretoken_* cookie), the same settings forward dwsid alone and mint', async () => {
    const seenCookies: string[] = [];
    const storefront: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const cookie = request.headers.get('cookie') ?? '';
      seenCookies.push(cookie);
      const sid = /(?:^|; )dwsid=([^;]*)/.exec(cookie)?.[1];
      const result = runController('Loyalty', 'WhoAmI', {
        preferences: { omneoProxyKey: KEY },
        customer: sid === 'ava-sid' ? signedIn(AVA_SHOPIFY_ID) : GUEST,
        headers: Object.fromEntries(request.headers),
      });
      return Response.json(result.json, { status: result.status });
    };
    const adapter = sessionLookupAdapter({
      whoAmIUrl: 'https://www.example.com/on/demandware.store/Sites-Example-Site/default/Loyalty-WhoAmI',
      cookieNames: ['dwsid', 'dwsecuretoken_a1b2c3'],
      idHandle: 'shopify',
      proxyKey: KEY,
      fetch: storefront,
    });
    const h = harness({ identity: [adapter] });
    const ava = await h.send('/omneo/token', { cookie: 'dwsid=ava-sid; dwanonymous_x=1' });
    assert.equal(ava.status, 200, ava.text);
    assert.equal(decodePayload(ava.json.token).pid, AVA_PROFILE_ID);
    assert.deepEqual(seenCookies, ['dwsid=ava-sid']);
    assert.equal((await h.send('/omneo/token', { cookie: 'dwsid=guest-sid' })).status, 401);
  });
});

describe("SFCC: Loyalty-Token, the token endpoint on the storefront's own host", () => {
  const SECRET = 'sfcc-assertion-secret-0123456789abcdef0123456789';
  const ASSERTION_COOKIE = /^omneo_identity=(v1\.[A-Za-z0-9_-]+\.\d+\.[0-9a-f]{64})$/;
  let proxy: ReturnType<typeof syncProxy>;
  before(() => {
    proxy = syncProxy(SECRET);
  });
  after(async () => {
    await proxy.close();
  });
  const token = (customer: FakeCustomer, service: ServiceStandIn, options: { secret?: string | null; headers?: Record<string, string> } = {}) =>
    runController('Loyalty', 'Token', {
      preferences: { omneoAssertionSecret: options.secret === undefined ? SECRET : options.secret },
      customer,
      service,
      headers: options.headers ?? { Origin: 'https://www.example.com', 'Sec-Fetch-Site': 'same-origin' },
    });
  const neverCalled = (): ServiceStandIn => ({ url: 'https://loyalty.example.com/omneo/token', exchanges: [], send: () => assert.fail('no call out expected') });

  it('is POST only, over https, and never cached', () => {
    const guest = token(GUEST, neverCalled());
    assert.equal(guest.method, 'POST');
    assert.deepEqual(guest.middleware, ['https']);
    assert.equal(guest.headers['Cache-Control'], 'no-store');
    assert.equal(guest.cachePeriod, undefined);
    assert.doesNotMatch(readFileSync(path.join(CARTRIDGE, 'controllers/Loyalty.js'), 'utf8'), /scripts\/middleware\/cache|setExpires\(/);
  });

  it('mints for the signed-in customer through the real proxy, which verifies the assertion the cartridge signed', () => {
    const before = Math.floor(Date.now() / 1000);
    const ava = token(signedIn(AVA_SHOPIFY_ID), proxy);
    assert.equal(ava.status, 200, JSON.stringify([ava.json, ava.logs]));
    assert.deepEqual(Object.keys(ava.json!).sort(), ['exp', 'token'], 'the token and its expiry, nothing else');
    assert.equal(decodePayload(String(ava.json!.token)).pid, AVA_PROFILE_ID);
    assert.equal(ava.headers['Cache-Control'], 'no-store');
    const exchange = proxy.exchanges.at(-1)!;
    assert.equal(exchange.serviceId, 'omneo.proxy.token');
    assert.deepEqual([exchange.request.method, exchange.request.url], ['POST', 'https://loyalty.example.com/omneo/token']);
    const assertion = ASSERTION_COOKIE.exec(exchange.request.headers.Cookie ?? '')?.[1];
    assert.ok(assertion, `one omneo_identity cookie, base64url without padding and hex: ${exchange.request.headers.Cookie}`);
    assert.ok('minted' in exchange.answer && exchange.answer.minted === 1);
    assert.doesNotMatch(JSON.stringify(exchange.request), new RegExp(SECRET), 'the secret itself never leaves Commerce Cloud');
    const exp = Number(assertion.split('.')[2]);
    assert.ok(exp >= before + 120 && exp <= Math.floor(Date.now() / 1000) + 120, `exp = now + 120 s (${exp - before})`);
    return verifyAssertion(assertion, { secret: SECRET, maxAgeSeconds: 120 }).then((verified) => assert.deepEqual(verified, { customerId: AVA_SHOPIFY_ID, secret: 'current' }));
  });

  it('signs any customer number exactly as assertion.ts verifies it (UTF-8, base64url without padding)', async () => {
    for (const customerNo of ['0', '00012345', 'Ava+/?~>>', 'é€😀-_', 'x'.repeat(256)]) {
      const service = fixedService({ status: 200, text: JSON.stringify({ token: 't', exp: 1 }) });
      assert.equal(token(signedIn(customerNo), service).status, 200, customerNo);
      const cookie = service.exchanges[0]?.request.headers.Cookie ?? '';
      const assertion = ASSERTION_COOKIE.exec(cookie)?.[1];
      assert.ok(assertion, `${customerNo}: ${cookie}`);
      assert.doesNotMatch(assertion, /=/);
      assert.deepEqual(await verifyAssertion(assertion, { secret: SECRET, maxAgeSeconds: 120 }), { customerId: customerNo, secret: 'current' }, customerNo);
    }
  });

  it("the proxy (OMNEO_ASSERTION_MAX_AGE left at 300) accepts its assertion with Commerce Cloud's clock up to 119 s behind or 240 s ahead (README)", async () => {
    const service = fixedService({ status: 200, text: JSON.stringify({ token: 't', exp: 1 }) });
    assert.equal(token(signedIn(AVA_SHOPIFY_ID), service).status, 200);
    const assertion = ASSERTION_COOKIE.exec(service.exchanges[0]?.request.headers.Cookie ?? '')?.[1];
    assert.ok(assertion);
    const signedAt = Number(assertion.split('.')[2]) - 120;
    /** The proxy's verdict when its clock is `proxyAhead` seconds ahead of Commerce Cloud's. */
    const verdict = (proxyAhead: number) => verifyAssertion(assertion, { secret: SECRET, maxAgeSeconds: 300, now: () => (signedAt + proxyAhead) * 1000 });
    assert.deepEqual(await verdict(119), { customerId: AVA_SHOPIFY_ID, secret: 'current' });
    assert.deepEqual(await verdict(120), { refuse: 'expired' });
    assert.deepEqual(await verdict(-240), { customerId: AVA_SHOPIFY_ID, secret: 'current' });
    assert.deepEqual(await verdict(-241), { refuse: 'exp-too-far' });
  });

  it('answers guests and remembered customers 401 without calling the proxy', () => {
    for (const customer of [GUEST, REMEMBERED, { authenticated: true, registered: false, profile: null }]) {
      const answer = token(customer, neverCalled());
      assert.equal(answer.status, 401);
      assert.equal(answer.json?.token, undefined);
    }
  });

  it("refuses another site's requests before calling the proxy", () => {
    const acrossSites: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }, { Origin: 'http://www.example.com' }];
    for (const headers of acrossSites) {
      assert.equal(token(signedIn(AVA_SHOPIFY_ID), neverCalled(), { headers }).status, 403, JSON.stringify(headers));
    }
    const sameOrigin = fixedService({ status: 200, text: JSON.stringify({ token: 't', exp: 1 }) });
    assert.equal(token(signedIn(AVA_SHOPIFY_ID), sameOrigin, { headers: {} }).status, 200, 'no Origin and no Sec-Fetch-Site: not a browser across sites');
  });

  it('passes the proxy\'s 503 (customer not in Omneo yet) and 429 through with their Retry-After', () => {
    const unknown = token(signedIn('00077777'), proxy);
    assert.deepEqual([unknown.status, unknown.headers['Retry-After']], [503, '5'], JSON.stringify(unknown.json));
    const limited = token(signedIn(AVA_SHOPIFY_ID), fixedService({ status: 429, text: '{"message":"slow down"}', headers: { 'Retry-After': '17' } }));
    assert.deepEqual([limited.status, limited.headers['Retry-After']], [429, '17']);
  });

  it('maps every failure to 502 with no detail in the answer, and logs what to check', () => {
    const detail = 'stack at /srv/proxy.js SECRET-DETAIL';
    const failures: Array<[string, ServiceStandIn]> = [
      ['timeout', fixedService({ unavailable: 'TIMEOUT' })],
      ['circuit broken', fixedService({ unavailable: 'CIRCUIT_BROKEN' })],
      ['500', fixedService({ status: 500, text: detail })],
      ['502', fixedService({ status: 502, text: detail })],
      ['404', fixedService({ status: 404, text: detail })],
      ['not JSON', fixedService({ status: 200, text: `<html>${detail}</html>` })],
      ['no token', fixedService({ status: 200, text: JSON.stringify({ token: 5, exp: 'soon', detail }) })],
    ];
    for (const [what, service] of failures) {
      const answer = token(signedIn(AVA_SHOPIFY_ID), service);
      assert.equal(answer.status, 502, what);
      assert.doesNotMatch(JSON.stringify(answer.json), /SECRET-DETAIL|token/, what);
      assert.equal(answer.headers['Cache-Control'], 'no-store');
      assert.ok(answer.logs.some((line) => line.startsWith('error: ')), `${what}: ${answer.logs.join(' | ')}`);
    }
  });

  it("a secret the proxy does not share is a 502 with a log line naming the preference, not a guest's 401", () => {
    const answer = token(signedIn(AVA_SHOPIFY_ID), proxy, { secret: 'another-secret-0123456789abcdef0123456789' });
    assert.equal(answer.status, 502);
    assert.ok(answer.logs.some((line) => /omneoAssertionSecret/.test(line) && /OMNEO_ASSERTION_SECRET/.test(line)), answer.logs.join(' | '));
    // The clock tolerance it names is the one the proxy applies (the test above: 119 s behind, 240 s ahead).
    assert.ok(answer.logs.some((line) => /less than 2 minutes behind the proxy's and at most 4 minutes ahead/.test(line)), answer.logs.join(' | '));
    assert.doesNotMatch(answer.logs.join('\n'), /another-secret/, 'never the secret itself');
  });

  it('without the omneoAssertionSecret preference: 500 and a log line, no call out', () => {
    for (const secret of [null, '']) {
      const answer = token(signedIn(AVA_SHOPIFY_ID), neverCalled(), { secret });
      assert.equal(answer.status, 500);
      assert.ok(answer.logs.some((line) => line.includes('omneoAssertionSecret')), answer.logs.join(' | '));
    }
  });

  it("is the config's default token endpoint; the omneoTokenEndpoint preference (a CDN route to the proxy) overrides it", () => {
    assert.equal((browserReadsConfig(renderConfigInclude({ preferences: { omneoTenant: 't' } })) as { tokenEndpoint: string }).tokenEndpoint, LOYALTY_TOKEN_URL);
    assert.equal((browserReadsConfig(renderConfigInclude({ preferences: { omneoTenant: 't', omneoTokenEndpoint: '/omneo/token' } })) as { tokenEndpoint: string }).tokenEndpoint, '/omneo/token');
  });
});

describe('SFCC: cartridge files', () => {
  it('the site preferences the controllers read are all defined in the metadata', () => {
    const metadata = readFileSync(path.join(REPO_ROOT, 'integrations/sfcc/metadata/system-objecttype-extensions.xml'), 'utf8');
    const controllers = ['Omneo', 'Loyalty'].map((name) => readFileSync(path.join(CARTRIDGE, 'controllers', `${name}.js`), 'utf8')).join('\n');
    const read = [...controllers.matchAll(/getCustomPreferenceValue\('(\w+)'\)/g)].map((match) => match[1]!);
    assert.ok(read.length >= 4);
    for (const name of read) assert.match(metadata, new RegExp(`attribute-definition attribute-id="${name}"`), name);
    // Secrets are password preferences (masked in Business Manager, never exported in clear).
    for (const secret of ['omneoProxyKey', 'omneoProxyKeyPrevious', 'omneoAssertionSecret']) {
      assert.match(metadata, new RegExp(`attribute-id="${secret}">(?:(?!</attribute-definition>)[\\s\\S])*<type>password</type>`), secret);
    }
    // Every preference read is shown in Business Manager's "Omneo loyalty" group, the rotation-only one too.
    const group = /<attribute-group group-id="Omneo">([\s\S]*?)<\/attribute-group>/.exec(metadata)?.[1] ?? '';
    for (const name of read) assert.match(group, new RegExp(`<attribute attribute-id="${name}"/>`), `${name} in the Omneo group`);
    assert.ok(read.includes('omneoProxyKeyPrevious'), 'Loyalty-WhoAmI reads the rotation key');
    const previous = /attribute-id="omneoProxyKeyPrevious">([\s\S]*?)<\/attribute-definition>/.exec(metadata)?.[1] ?? '';
    assert.match(previous, /<mandatory-flag>false<\/mandatory-flag>/);
    assert.match(previous, /rotation/i, 'its description says it is for a rotation only');
    // No default token endpoint in the metadata: empty means Loyalty-Token.
    assert.doesNotMatch(/attribute-id="omneoTokenEndpoint">[\s\S]*?<\/attribute-definition>/.exec(metadata)![0], /default-value/);
  });

  it('the service Loyalty-Token calls is defined in services.xml, with a credential and a 5 s profile', () => {
    const services = readFileSync(path.join(REPO_ROOT, 'integrations/sfcc/metadata/services.xml'), 'utf8');
    const serviceId = /var SERVICE_ID = '([\w.]+)'/.exec(readFileSync(path.join(CARTRIDGE, 'scripts/omneo/omneoToken.js'), 'utf8'))?.[1];
    assert.equal(serviceId, 'omneo.proxy.token');
    const service = new RegExp(`<service service-id="${serviceId}">([\\s\\S]*?)</service>`).exec(services)?.[1];
    assert.ok(service, 'the service is defined');
    assert.match(service, /<service-type>HTTP<\/service-type>/);
    assert.match(service, /<comm-log-enabled>false<\/comm-log-enabled>/, 'assertions and tokens stay out of the communication log');
    const profileId = /<profile-id>([\w.]+)<\/profile-id>/.exec(service)?.[1];
    const credentialId = /<credential-id>([\w.]+)<\/credential-id>/.exec(service)?.[1];
    assert.match(services, new RegExp(`<service-profile service-profile-id="${profileId}">\\s*<timeout-millis>5000</timeout-millis>`));
    assert.match(services, new RegExp(`<service-credential service-credential-id="${credentialId}">\\s*<url>https://[^<]+/omneo/token</url>`));
    // The circuit breaker the README and the file's comment describe (it counts the proxy's 503s) is the one shipped.
    const profile = new RegExp(`<service-profile service-profile-id="${profileId}">([\\s\\S]*?)</service-profile>`).exec(services)?.[1] ?? '';
    const breaker = [/<cb-enabled>(\w+)</, /<cb-calls>(\d+)</, /<cb-millis>(\d+)</].map((pattern) => pattern.exec(profile)?.[1]);
    assert.deepEqual(breaker, ['true', '20', '10000']);
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.match(readme, /circuit breaker \(20 failures in 10 s\)\s+counts the proxy's `503`s/);
    assert.match(services, /20 failed calls in 10 s/);
  });
});
