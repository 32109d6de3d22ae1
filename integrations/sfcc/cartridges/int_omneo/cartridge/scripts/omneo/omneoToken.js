'use strict';

/**
 * Loyalty-Token's work (controllers/Loyalty.js): for a signed-in customer, ask the token-exchange proxy for a
 * token, server to server, with a signed assertion of who the customer is, and hand the widget the answer.
 *
 * The assertion is the one server/proxy/assertion.ts verifies (its signed-assertion adapter,
 * OMNEO_ASSERTION_SECRET): `v1.<base64url(customer number, UTF-8), no padding>.<exp>.<hex HMAC-SHA256>`,
 * sent as the `omneo_identity` cookie of the service call, with exp 120 s ahead. It never reaches a
 * browser, and neither the assertion nor the token is written to the service log.
 */

var omneoWidgets = require('*/cartridge/scripts/omneo/omneoWidgets');

/** The HTTP service (metadata/services.xml): its credential holds the proxy's token URL. */
var SERVICE_ID = 'omneo.proxy.token';
var ASSERTION_SECONDS = 120;
var UNAVAILABLE = { message: 'Loyalty is unavailable. Try again shortly.' };

function logger() {
    return require('dw/system/Logger').getLogger('omneo', 'omneo');
}

/**
 * @param {dw.util.Bytes} bytes the bytes
 * @returns {string} base64url without padding, as the proxy's encoding.ts writes it
 */
function base64Url(bytes) {
    var Encoding = require('dw/crypto/Encoding');
    return Encoding.toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The proxy's signed assertion (server/proxy/assertion.ts signAssertion) for a customer.
 * @param {string} secret the omneoAssertionSecret site preference (the proxy's OMNEO_ASSERTION_SECRET)
 * @param {string} customerId the customer number
 * @param {number} expSeconds unix seconds
 * @returns {string} the assertion
 */
function signAssertion(secret, customerId, expSeconds) {
    var Bytes = require('dw/util/Bytes');
    var Encoding = require('dw/crypto/Encoding');
    var Mac = require('dw/crypto/Mac');
    var payload = 'v1.' + base64Url(new Bytes(String(customerId), 'UTF-8')) + '.' + expSeconds;
    var signature = new Mac(Mac.HMAC_SHA_256).digest(payload, new Bytes(String(secret), 'UTF-8'));
    return payload + '.' + Encoding.toHex(signature).toLowerCase();
}

/**
 * A browser request from another site (its Origin is not this storefront's, or it says cross-site):
 * refused before anything is signed, so another site's page cannot spend the customer's limits.
 * @param {Object} options origin, fetchSite (request headers), ownOrigin (https://<this host>)
 * @returns {boolean} refused
 */
function fromAnotherSite(options) {
    if (options.fetchSite === 'cross-site') return true;
    return Boolean(options.origin) && options.origin !== options.ownOrigin;
}

/**
 * Calls the proxy. Synchronous, like every Commerce Cloud service call; the profile's timeout (5 s) bounds it.
 * @param {string} assertion the signed assertion
 * @returns {Object} {status, text, retryAfter} when the proxy answered, {unavailable: reason} when not
 */
function callProxy(assertion) {
    var LocalServiceRegistry = require('dw/svc/LocalServiceRegistry');
    var service = LocalServiceRegistry.createService(SERVICE_ID, {
        createRequest: function (svc) {
            svc.setRequestMethod('POST');
            svc.addHeader('Accept', 'application/json');
            svc.addHeader('Cookie', 'omneo_identity=' + assertion);
            return '';
        },
        parseResponse: function (svc, client) {
            return { status: client.statusCode, text: client.text };
        },
        // The request carries the assertion and the answer a token: neither belongs in a log.
        getRequestLogMessage: function () {
            return 'POST omneo_identity=(not logged)';
        },
        getResponseLogMessage: function () {
            return '(token not logged)';
        }
    });
    var result = service.call();
    var client = service.getClient();
    var retryAfter = client ? client.getResponseHeader('Retry-After') : null;
    if (result.ok) return { status: result.object.status, text: result.object.text, retryAfter: retryAfter };
    if (result.status === 'ERROR' && result.error) return { status: result.error, text: '', retryAfter: retryAfter };
    return { unavailable: result.unavailableReason || result.status };
}

/**
 * The widget's answer from the proxy's: the token and its expiry, the proxy's 429 or 503 with its
 * Retry-After, and 502 (with a log line, no detail in the answer) for anything else.
 * @param {Object} proxied what callProxy returned
 * @returns {{status: number, body: Object, headers: Object}} the answer
 */
function fromProxy(proxied) {
    var failed = { status: 502, body: UNAVAILABLE, headers: {} };
    if (proxied.unavailable) {
        logger().error('Loyalty-Token: no answer from the token proxy ({0}); check the {1} service and the proxy', proxied.unavailable, SERVICE_ID);
        return failed;
    }
    var status = proxied.status;
    if (status === 200) {
        var parsed = null;
        try {
            parsed = JSON.parse(proxied.text);
        } catch (e) {
            parsed = null;
        }
        var data = parsed && parsed.data ? parsed.data : parsed;
        if (data && typeof data.token === 'string' && data.token && typeof data.exp === 'number' && isFinite(data.exp)) {
            return { status: 200, body: { token: data.token, exp: data.exp }, headers: {} };
        }
        logger().error('Loyalty-Token: the token proxy answered 200 without a token and an exp');
        return failed;
    }
    if (status === 429 || status === 503) {
        var headers = {};
        if (proxied.retryAfter && /^\d{1,5}$/.test(String(proxied.retryAfter))) headers['Retry-After'] = String(proxied.retryAfter);
        return { status: status, body: UNAVAILABLE, headers: headers };
    }
    if (status === 401 || status === 403) {
        // We signed for a signed-in customer: a refusal is a configuration fault, never a guest.
        logger().error(
            'Loyalty-Token: the token proxy refused the assertion ({0}): the omneoAssertionSecret site preference must equal the proxy\'s OMNEO_ASSERTION_SECRET, and Commerce Cloud\'s clock must be less than 2 minutes behind the proxy\'s and at most 4 minutes ahead (OMNEO_ASSERTION_MAX_AGE at 300)',
            status
        );
        return failed;
    }
    logger().error('Loyalty-Token: the token proxy answered {0}', status);
    return failed;
}

/**
 * Loyalty-Token's answer for the current request.
 * @param {Object} options customer, secret (omneoAssertionSecret), origin, fetchSite, ownOrigin, nowSeconds
 * @returns {{status: number, body: Object, headers: Object}} the answer
 */
function token(options) {
    if (fromAnotherSite(options)) return { status: 403, body: { message: 'Not allowed from another site.' }, headers: {} };
    var customerId = omneoWidgets.customerHint(options.customer);
    if (!customerId) return { status: 401, body: { message: 'No signed-in customer.' }, headers: {} };
    if (!options.secret || !String(options.secret).trim()) {
        logger().error('Loyalty-Token: the omneoAssertionSecret site preference (the proxy\'s OMNEO_ASSERTION_SECRET) is not set');
        return { status: 500, body: UNAVAILABLE, headers: {} };
    }
    return fromProxy(callProxy(signAssertion(options.secret, customerId, options.nowSeconds + ASSERTION_SECONDS)));
}

module.exports = {
    SERVICE_ID: SERVICE_ID,
    signAssertion: signAssertion,
    fromProxy: fromProxy,
    token: token
};
