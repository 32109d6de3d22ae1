'use strict';

/**
 * Omneo-Config: the widgets' page config (`<script type="application/json" id="omneo-config">`) for the
 * current shopper, rendered as a remote include from omneo/omneoWidgets.isml:
 *
 *   <isinclude url="${URLUtils.url('Omneo-Config')}"/>
 *
 * SFRA caches whole pages (product, category and content pages set an expiry), so a config written into
 * the page itself would be cached once, by whoever came first: with a guest's `"customer": ""` in the
 * cache every signed-in shopper would look like a guest. A remote include is fetched and cached on its
 * own, and this one is never cached: no cache middleware here (cache.applyDefaultCache & co. set
 * res.cachePeriod, which SFRA turns into response.setExpires) and no <iscache> in its template, so
 * Commerce Cloud renders it for every request, inside cached pages too.
 *
 * It also writes the widgets' script element: from the cartridge's static folder, or from the URL in the
 * omneoScriptUrl site preference (a CDN), so switching needs no template override.
 */

var server = require('server');
var omneoWidgets = require('*/cartridge/scripts/omneo/omneoWidgets');

server.get('Config', server.middleware.include, function (req, res, next) {
    var Site = require('dw/system/Site');
    var URLUtils = require('dw/web/URLUtils');
    var site = Site.getCurrent();
    var config = omneoWidgets.pageConfig({
        tenant: site.getCustomPreferenceValue('omneoTenant'),
        apiBase: site.getCustomPreferenceValue('omneoApiBase'),
        tokenEndpoint: site.getCustomPreferenceValue('omneoTokenEndpoint'),
        defaultTokenEndpoint: URLUtils.url('Loyalty-Token').toString(),
        requestLocale: req.locale.id,
        siteDefaultLocale: site.getDefaultLocale(),
        customer: req.currentCustomer.raw
    });
    res.render('omneo/config', {
        omneoConfigJson: omneoWidgets.scriptJson(config),
        omneoScriptUrl: omneoWidgets.scriptUrl(
            site.getCustomPreferenceValue('omneoScriptUrl'),
            URLUtils.staticURL('/js/omneo/omneo-widgets.js').toString()
        )
    });
    next();
});

module.exports = server.exports();
