'use strict';

/**
 * Loyalty-WhoAmI: who owns this session, for the token-exchange proxy's session lookup
 * (README, "Other platforms: a worked example"; server/proxy/examples/session-lookup.ts). The proxy
 * calls it server to server with only the shopper's session cookies and the shared key
 * (X-Omneo-Proxy-Key = the omneoProxyKey site preference), and mints for the customer number it answers.
 *
 *   200 {"customerId": "<customerNo>"}   a signed-in customer
 *   401 {"customerId": null}             a guest (or a remembered customer who has not signed in)
 *   403 {"customerId": null}             not the proxy: the key is missing, wrong, or not configured
 *
 * It never takes an id as input, and is never cached (no cache middleware).
 */

var server = require('server');
var omneoWidgets = require('*/cartridge/scripts/omneo/omneoWidgets');

server.get('WhoAmI', server.middleware.https, function (req, res, next) {
    var Site = require('dw/system/Site');
    var answer = omneoWidgets.whoAmI({
        expectedKey: Site.getCurrent().getCustomPreferenceValue('omneoProxyKey'),
        givenKey: request.httpHeaders.get('x-omneo-proxy-key'),
        customer: req.currentCustomer.raw
    });
    res.setStatusCode(answer.status);
    res.json(answer.body);
    next();
});

module.exports = server.exports();
