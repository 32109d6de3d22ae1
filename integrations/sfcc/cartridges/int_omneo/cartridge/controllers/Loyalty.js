'use strict';

/**
 * Loyalty-WhoAmI: who owns this session, for the token-exchange proxy's session lookup
 * (README, "Other platforms: a worked example"; server/proxy/examples/session-lookup.ts). The proxy
 * calls it server to server with only the shopper's session cookies and the shared key
 * (X-Omneo-Proxy-Key = the omneoProxyKey site preference, or omneoProxyKeyPrevious while a rotation is
 * under way: README, "Rotating secrets"), and mints for the customer number it answers.
 *
 *   200 {"customerId": "<customerNo>"}   a signed-in customer
 *   401 {"customerId": null}             a guest (or a remembered customer who has not signed in)
 *   403 {"customerId": null}             not the proxy: the key is missing, wrong, or not configured
 *                                        (omneoProxyKeyPrevious alone is not a configured key)
 *
 * It never takes an id as input, and is never cached (no cache middleware).
 */

var server = require('server');
var omneoWidgets = require('*/cartridge/scripts/omneo/omneoWidgets');

server.get('WhoAmI', server.middleware.https, function (req, res, next) {
    var Site = require('dw/system/Site');
    var answer = omneoWidgets.whoAmI({
        expectedKey: Site.getCurrent().getCustomPreferenceValue('omneoProxyKey'),
        previousKey: Site.getCurrent().getCustomPreferenceValue('omneoProxyKeyPrevious'),
        givenKey: request.httpHeaders.get('x-omneo-proxy-key'),
        customer: req.currentCustomer.raw
    });
    res.setStatusCode(answer.status);
    res.json(answer.body);
    next();
});

/**
 * Loyalty-Token: the widgets' token endpoint on the storefront's own host (the default tokenEndpoint that
 * Omneo-Config writes), for storefronts whose CDN cannot route a path to the proxy (Salesforce's eCDN
 * routes only to Managed Runtime; sandboxes have none). For a signed-in customer it calls the proxy server
 * to server (the omneo.proxy.token service) with a signed assertion (scripts/omneo/omneoToken.js) and
 * answers with the proxy's {token, exp}:
 *
 *   200 {"token", "exp"}   a signed-in customer
 *   401                    a guest or a remembered customer: no call out
 *   403                    a request from another site (Origin or Sec-Fetch-Site): no call out
 *   429, 503               the proxy's, with its Retry-After
 *   502                    anything else from the proxy or no answer (logged, no detail in the answer)
 *   500                    omneoAssertionSecret not set (logged)
 *
 * POST only, over https, never cached (no cache middleware, Cache-Control: no-store).
 */
server.post('Token', server.middleware.https, function (req, res, next) {
    var Site = require('dw/system/Site');
    var omneoToken = require('*/cartridge/scripts/omneo/omneoToken');
    var answer = omneoToken.token({
        customer: req.currentCustomer.raw,
        secret: Site.getCurrent().getCustomPreferenceValue('omneoAssertionSecret'),
        origin: request.httpHeaders.get('origin'),
        fetchSite: request.httpHeaders.get('sec-fetch-site'),
        ownOrigin: 'https://' + request.httpHost,
        nowSeconds: Math.floor(Date.now() / 1000)
    });
    res.setHttpHeader('Cache-Control', 'no-store');
    Object.keys(answer.headers).forEach(function (name) {
        res.setHttpHeader(name, answer.headers[name]);
    });
    res.setStatusCode(answer.status);
    res.json(answer.body);
    next();
});

module.exports = server.exports();
