<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Model;

use Magento\Customer\Model\Config\Share as AccountShare;
use Magento\Framework\Session\Config\ConfigInterface as SessionConfig;
use Magento\Framework\Stdlib\Cookie\CookieMetadataFactory;
use Magento\Framework\Stdlib\CookieManagerInterface;
use Magento\Store\Model\StoreManagerInterface;

/**
 * The `omneo_customer` cookie: the signed-in customer's id, readable by the page's script, gone once they sign out.
 *
 * Magento's full-page cache serves the same page to every visitor, so the page config cannot say who is signed in.
 * Without that (the embed contract's `customer` hint) the widgets would ask /omneo/token on every page view, and a
 * guest's page view, which the cache answers without PHP, would cost an uncached request to Magento just to learn
 * "guest". config.phtml reads this cookie into the hint instead: no cookie, no request (the guest state at once);
 * the id, and data cached by the customer's earlier pages shows before the token arrives.
 *
 * Not a credential: the id only picks this browser's own cached data (README, Embed), and /omneo/token still asks
 * Magento's session who is signed in. Set and cleared on sign-in and sign-out, and brought in line with the session
 * on every request that reaches PHP (Observer/SyncCustomerHint.php); it lives as long as Magento's session cookie.
 */
class CustomerHintCookie
{
    public const NAME = 'omneo_customer';

    public function __construct(
        private readonly CookieManagerInterface $cookieManager,
        private readonly CookieMetadataFactory $cookieMetadataFactory,
        private readonly SessionConfig $sessionConfig,
        private readonly AccountShare $accountShare,
        private readonly StoreManagerInterface $storeManager,
    ) {
    }

    /**
     * `omneo_customer_<website code>` where customer accounts are per website (Magento's default): Magento keeps each
     * website's customer session apart (Customer\Model\Session\Storage), and websites on one host (shop.example/ and
     * shop.example/nz/) share the cookie jar, so one cookie would name a customer signed in on one website to the
     * other's pages, and the other's requests would delete it. `omneo_customer` where accounts are shared.
     */
    public function name(): string
    {
        return $this->accountShare->isWebsiteScope() ? self::NAME . '_' . $this->storeManager->getWebsite()->getCode() : self::NAME;
    }

    /**
     * Sets the cookie for a signed-in customer, clears it for a guest. A cookie that already says so is renewed, as
     * Magento renews its session cookie on every request (SessionManager::renewCookie): one set once at sign-in
     * would expire an hour (the lifetime) later under a customer who is still signed in, who would then see the
     * guest state on every cached page.
     */
    public function sync(?string $customerId, bool $secure): void
    {
        $name = $this->name();
        $current = $this->cookieManager->getCookie($name);
        if ($customerId === null || $customerId === '') {
            if ($current !== null) {
                $this->cookieManager->deleteCookie($name, $this->cookieMetadataFactory->createCookieMetadata()->setPath('/'));
            }
            return;
        }
        $lifetime = (int) $this->sessionConfig->getCookieLifetime();
        if ($current === $customerId && $lifetime <= 0) {
            return;
        }
        $metadata = $this->cookieMetadataFactory->createPublicCookieMetadata()
            ->setPath('/')
            // The page's script reads it: that is its purpose.
            ->setHttpOnly(false)
            ->setSecure($secure)
            ->setSameSite('Lax');
        if ($lifetime > 0) {
            $metadata->setDuration($lifetime);
        }
        $this->cookieManager->setPublicCookie($name, $customerId, $metadata);
    }
}
