<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Block;

use Magento\Framework\View\Element\Template;
use Omneo\Loyalty\Model\CustomerHintCookie;
use Omneo\Loyalty\Model\Settings;

/**
 * The page config and the widgets' script, in every storefront page's head (view/frontend/layout/default.xml).
 * Nothing about the shopper: the pages are cached for everyone (Settings::pageConfig).
 */
class Config extends Template
{
    public function __construct(
        Template\Context $context,
        private readonly Settings $settings,
        private readonly CustomerHintCookie $hintCookie,
        array $data = [],
    ) {
        parent::__construct($context, $data);
    }

    public function isEnabled(): bool
    {
        return $this->settings->isEnabled();
    }

    /** The `omneo-config` JSON, escaped for a script element. */
    public function getPageConfigJson(): string
    {
        return Settings::scriptJson($this->settings->pageConfig($this->getUrl('omneo/token', ['_secure' => true])));
    }

    public function getScriptUrl(): string
    {
        return $this->settings->scriptUrl();
    }

    /**
     * Runs before the widgets' module script: writes this website's `omneo_customer` cookie (Model/CustomerHintCookie.php) into
     * the config as the `customer` hint, "" when there is none (a guest: no token request at all). Parsing text and
     * assigning text, so a cookie value cannot inject markup; a broken value leaves the config as it was. It edits the
     * block the widgets read: the first `script#omneo-config` (src/core/config.ts), not any element with the id.
     */
    public function getCustomerHintScript(): string
    {
        return "(function(){var e=document.querySelector('script#omneo-config'),m=/(?:^|;\\s*)"
            . $this->hintCookie->name()
            . "=([^;]*)/.exec(document.cookie);try{var c=JSON.parse(e.textContent);c.customer=m?decodeURIComponent(m[1]):'';e.textContent=JSON.stringify(c)}catch(x){}})();";
    }
}
