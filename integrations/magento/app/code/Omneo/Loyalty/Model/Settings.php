<?php
/**
 * The module's settings (Stores → Configuration → Customers → Omneo Loyalty) for the current store, and the page
 * config they give the widgets. The static helpers are pure, so that they are tested without Magento.
 */
declare(strict_types=1);

namespace Omneo\Loyalty\Model;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Store\Model\ScopeInterface;

class Settings
{
    public const DEFAULT_SCRIPT_URL = 'https://cdn.jsdelivr.net/npm/omneo-widgets@0.1.0/dist/cdn/omneo-widgets.js';
    private const PATH = 'omneo_loyalty/general/';

    public function __construct(
        private readonly ScopeConfigInterface $scopeConfig,
        private readonly EncryptorInterface $encryptor,
    ) {
    }

    public function isEnabled(): bool
    {
        return $this->scopeConfig->isSetFlag(self::PATH . 'enabled', ScopeInterface::SCOPE_STORE);
    }

    public function scriptUrl(): string
    {
        return self::scriptUrlFrom($this->value('script_url'));
    }

    public function proxyTokenUrl(): string
    {
        return $this->value('proxy_token_url');
    }

    /** The assertion secret, decrypted; "" when unset. */
    public function assertionSecret(): string
    {
        $stored = $this->value('assertion_secret');
        return $stored === '' ? '' : trim($this->encryptor->decrypt($stored));
    }

    /**
     * The `omneo-config` block's keys. Written into pages that Magento's full-page cache (and Varnish) serves to every
     * visitor, so nothing about the shopper goes in; the `customer` hint is added in the browser, from a cookie
     * (Model/CustomerHintCookie.php, config.phtml).
     *
     * @return array<string, string>
     */
    public function pageConfig(string $tokenEndpoint): array
    {
        return self::pageConfigFrom(
            $tokenEndpoint,
            $this->value('tenant'),
            $this->value('api_base'),
            (string) $this->scopeConfig->getValue('general/locale/code', ScopeInterface::SCOPE_STORE),
        );
    }

    /**
     * @return array<string, string>
     */
    public static function pageConfigFrom(string $tokenEndpoint, string $tenant, string $apiBase, string $localeCode): array
    {
        $config = ['tokenEndpoint' => $tokenEndpoint];
        if (trim($tenant) !== '') {
            $config['tenant'] = trim($tenant);
        }
        if (trim($apiBase) !== '') {
            $config['apiBase'] = trim($apiBase);
        }
        $locale = self::localeTag($localeCode);
        if ($locale !== null) {
            $config['locale'] = $locale;
        }
        return $config;
    }

    /** Magento's locale code (`en_AU`, `zh_Hant_TW`) as a BCP 47 tag (`en-AU`, `zh-Hant-TW`); null when there is none. */
    public static function localeTag(string $localeCode): ?string
    {
        $code = trim($localeCode);
        if (!preg_match('/^[A-Za-z]{2,3}(_[A-Za-z0-9]{2,8})*$/', $code)) {
            return null;
        }
        return str_replace('_', '-', $code);
    }

    /**
     * The script URL to load: an https URL, or a path on this host ("/media/omneo/omneo-widgets.js"). Anything else
     * (http, which a secure page blocks as mixed content; a protocol-relative "//host/…"; javascript:; empty) is
     * not a place to load a script from, and the default is used.
     */
    public static function scriptUrlFrom(string $configured): string
    {
        $url = trim($configured);
        if (preg_match('#^https://[^/\s"\'<>]+/[^\s"\'<>]*$#i', $url) || preg_match('#^/(?!/)[^\s"\'<>]*$#', $url)) {
            return $url;
        }
        return self::DEFAULT_SCRIPT_URL;
    }

    /**
     * JSON for a `<script type="application/json">` element: `<`, `>` and `&` as \u escapes, so that no value (a
     * tenant typed with `</script>` in it) can end the element, and slashes left as they are.
     *
     * @param array<string, string> $value
     */
    public static function scriptJson(array $value): string
    {
        return json_encode($value, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
    }

    private function value(string $field): string
    {
        return trim((string) $this->scopeConfig->getValue(self::PATH . $field, ScopeInterface::SCOPE_STORE));
    }
}
