'use strict';

/**
 * The widgets' page config and the who-am-I answer, as plain functions of their inputs (no dw.* imports),
 * so that the controllers stay thin and these rules are tested outside Commerce Cloud
 * (test/server/integration-sfcc.test.ts).
 */

/**
 * The page's BCP 47 locale: the request's locale, or the site's default locale when the request's is
 * `default` (a site without localised URLs). `null` when neither names a language: the config then leaves
 * `locale` out and the widgets follow `<html lang>`.
 * @param {string|null} requestLocale e.g. `en_AU` or `default`
 * @param {string|null} siteDefaultLocale e.g. `en_AU` or `default`
 * @returns {string|null} e.g. `en-AU`
 */
function localeTag(requestLocale, siteDefaultLocale) {
    var locale = requestLocale && requestLocale !== 'default' ? requestLocale : siteDefaultLocale;
    if (!locale || locale === 'default') return null;
    return String(locale).replace(/_/g, '-');
}

/**
 * The `customer` hint: the customer number of a signed-in shopper, `''` for everyone else (a guest, or a
 * remembered but not signed-in customer, whom the who-am-I route answers as a guest too). Not a
 * credential: the token endpoint decides who is signed in.
 * @param {dw.customer.Customer|null} customer the session's customer
 * @returns {string} the hint
 */
function customerHint(customer) {
    if (!customer || !customer.authenticated || !customer.registered || !customer.profile) return '';
    return String(customer.profile.customerNo);
}

/**
 * The page config for the current request.
 * @param {Object} options tenant, apiBase, tokenEndpoint (site preferences), defaultTokenEndpoint (this
 *   cartridge's Loyalty-Token URL, used when the preference is empty), requestLocale, siteDefaultLocale, customer
 * @returns {Object} the omneo-config object
 */
function pageConfig(options) {
    var config = { tokenEndpoint: String(options.tokenEndpoint || options.defaultTokenEndpoint) };
    if (options.apiBase) config.apiBase = String(options.apiBase);
    else if (options.tenant) config.tenant = String(options.tenant);
    var locale = localeTag(options.requestLocale, options.siteDefaultLocale);
    if (locale) config.locale = locale;
    config.customer = customerHint(options.customer);
    return config;
}

/**
 * The widgets' script URL: the omneoScriptUrl site preference when it is an https URL or a path on this
 * host, else the cartridge's own static file. Anything else (http, which a https page blocks as mixed
 * content; protocol-relative `//host`; `javascript:`; a relative name that would resolve per page) falls
 * back to the cartridge's file rather than leave the page without widgets.
 * @param {string|null} preference the omneoScriptUrl site preference
 * @param {string} cartridgeUrl URLUtils.staticURL('/js/omneo/omneo-widgets.js'), as a string
 * @returns {string} the script's src
 */
function scriptUrl(preference, cartridgeUrl) {
    var url = preference ? String(preference).trim() : '';
    if (/^https:\/\/[^\s/?#\\]+\/\S*$/i.test(url) || /^\/(?![/\\])\S*$/.test(url)) return url;
    return cartridgeUrl;
}

/**
 * JSON safe to print unencoded inside `<script type="application/json">`: `<`, `>` and `&` are written as
 * \u escapes (still the same JSON), so no value can close the script element (`</script>`) or open a
 * comment, and U+2028/U+2029 are escaped for older JavaScript parsers.
 * @param {Object} value the config
 * @returns {string} JSON text
 */
function scriptJson(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

/**
 * Compares two strings without an early exit, so the time taken does not tell how much of a guess matched.
 * @param {string} a one
 * @param {string} b the other
 * @returns {boolean} equal
 */
function constantTimeEquals(a, b) {
    var left = String(a);
    var right = String(b);
    var difference = left.length ^ right.length;
    for (var i = 0; i < left.length; i++) {
        difference |= left.charCodeAt(i) ^ right.charCodeAt(i % Math.max(right.length, 1));
    }
    return difference === 0;
}

/**
 * Whether a key preference holds a key: unset, empty and blank (only spaces) hold none, and so accept nothing.
 * @param {string|null} key a site preference
 * @returns {boolean} set
 */
function isSetKey(key) {
    return !!key && String(key).trim() !== '';
}

/**
 * The who-am-I answer for the token-exchange proxy's session lookup (server/proxy/examples/session-lookup.ts):
 * 200 `{customerId}` for a signed-in customer, 401 for a guest, 403 when the caller is not the proxy (the
 * shared key is missing or wrong, or none is configured: fail closed). Never takes an id as input.
 * During a rotation of the key (README, "Rotating secrets") the previous key is accepted as well, so proxy
 * instances still on it keep working; it is compared even when the current key matches, so the time taken
 * does not tell which of the two a guess came near. Without a current key, a previous one opens nothing.
 * @param {Object} options expectedKey (omneoProxyKey), previousKey (omneoProxyKeyPrevious, optional),
 *   givenKey (X-Omneo-Proxy-Key header), customer
 * @returns {{status: number, body: Object}} the answer
 */
function whoAmI(options) {
    var accepted = false;
    if (isSetKey(options.expectedKey) && options.givenKey) {
        var current = constantTimeEquals(options.givenKey, options.expectedKey);
        var previous = isSetKey(options.previousKey) && constantTimeEquals(options.givenKey, options.previousKey);
        accepted = current || previous;
    }
    if (!accepted) return { status: 403, body: { customerId: null } };
    var customerId = customerHint(options.customer);
    return customerId ? { status: 200, body: { customerId: customerId } } : { status: 401, body: { customerId: null } };
}

module.exports = {
    localeTag: localeTag,
    customerHint: customerHint,
    pageConfig: pageConfig,
    scriptUrl: scriptUrl,
    scriptJson: scriptJson,
    constantTimeEquals: constantTimeEquals,
    whoAmI: whoAmI
};
