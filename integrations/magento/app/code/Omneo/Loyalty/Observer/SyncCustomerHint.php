<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Observer;

use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\App\Request\Http as HttpRequest;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Omneo\Loyalty\Model\CustomerHintCookie;
use Omneo\Loyalty\Model\Settings;

/**
 * Keeps the `omneo_customer` cookie (Model/CustomerHintCookie.php) in line with the customer session
 * (etc/frontend/events.xml): on `customer_login` and `customer_logout`, whose answers a cached page may follow, and on
 * every storefront request that reaches PHP (`controller_action_predispatch`), which mends a cookie set before the
 * module was installed, or lost.
 */
class SyncCustomerHint implements ObserverInterface
{
    public function __construct(
        private readonly CustomerSession $customerSession,
        private readonly CustomerHintCookie $cookie,
        private readonly Settings $settings,
        private readonly HttpRequest $request,
    ) {
    }

    public function execute(Observer $observer): void
    {
        $secure = (bool) $this->request->isSecure();
        switch ($observer->getEvent()->getName()) {
            case 'customer_logout':
                $this->cookie->sync(null, $secure);
                return;
            case 'customer_login':
                $customer = $observer->getEvent()->getData('customer');
                $this->cookie->sync($this->settings->isEnabled() && $customer ? (string) $customer->getId() : null, $secure);
                return;
            default:
                $loggedIn = $this->settings->isEnabled() && $this->customerSession->isLoggedIn();
                $this->cookie->sync($loggedIn ? (string) $this->customerSession->getCustomerId() : null, $secure);
        }
    }
}
