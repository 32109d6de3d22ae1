<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Block;

use Magento\Framework\View\Element\Template;
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
}
