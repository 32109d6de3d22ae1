<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Controller\Token;

use Magento\Customer\Model\Session as CustomerSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\CsrfAwareActionInterface;
use Magento\Framework\App\Request\Http as HttpRequest;
use Magento\Framework\App\Request\InvalidRequestException;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\Controller\Result\Json;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\HTTP\Client\CurlFactory;
use Magento\Framework\Stdlib\DateTime\DateTime;
use Magento\Framework\UrlInterface;
use Magento\Store\Model\StoreManagerInterface;
use Omneo\Loyalty\Model\Settings;
use Omneo\Loyalty\Model\TokenExchange;
use Psr\Log\LoggerInterface;

/**
 * POST /omneo/token: the widgets' token endpoint on the store's own host, where the customer's session cookie is
 * (Model/TokenExchange.php says what it answers). Never cached: Magento's full-page cache leaves POST alone, and the
 * answer says no-store.
 *
 * Magento checks a form key on every POST to a storefront controller; the widgets have none, so this controller
 * takes that check over (CsrfAwareActionInterface) and refuses other sites' requests itself, by Origin and
 * Sec-Fetch-Site, with a 403 the widgets understand rather than Magento's redirect.
 */
class Index implements HttpPostActionInterface, CsrfAwareActionInterface
{
    private const PROXY_TIMEOUT_SECONDS = 5;

    public function __construct(
        // The HTTP request (RequestInterface has no headers).
        private readonly HttpRequest $request,
        private readonly JsonFactory $jsonFactory,
        private readonly CustomerSession $customerSession,
        private readonly Settings $settings,
        private readonly TokenExchange $tokenExchange,
        private readonly CurlFactory $curlFactory,
        private readonly StoreManagerInterface $storeManager,
        private readonly DateTime $dateTime,
        private readonly LoggerInterface $logger,
    ) {
    }

    public function execute(): Json
    {
        $store = $this->storeManager->getStore();
        $answer = $this->tokenExchange->answer(
            $this->customerSession->isLoggedIn() ? (string) $this->customerSession->getCustomerId() : null,
            $this->settings->assertionSecret(),
            $this->settings->proxyTokenUrl(),
            $this->header('Origin'),
            $this->header('Sec-Fetch-Site'),
            array_values(array_unique(array_filter([
                self::originOf((string) $store->getBaseUrl(UrlInterface::URL_TYPE_LINK, true)),
                self::originOf((string) $store->getBaseUrl(UrlInterface::URL_TYPE_LINK, false)),
            ]))),
            (int) $this->dateTime->gmtTimestamp(),
            fn (string $url, string $assertion): ?array => $this->callProxy($url, $assertion),
            fn (string $message) => $this->logger->error($message),
        );
        $result = $this->jsonFactory->create();
        $result->setHttpResponseCode($answer['status']);
        $result->setHeader('Cache-Control', 'no-store', true);
        foreach ($answer['headers'] as $name => $value) {
            $result->setHeader($name, $value, true);
        }
        return $result->setData($answer['body']);
    }

    /**
     * The proxy's answer, or null when there was none. The assertion and the token are never logged.
     *
     * @return ?array{status: int, body: string, retryAfter: ?string}
     */
    private function callProxy(string $url, string $assertion): ?array
    {
        $curl = $this->curlFactory->create();
        $curl->setTimeout(self::PROXY_TIMEOUT_SECONDS);
        $curl->addHeader('Accept', 'application/json');
        $curl->addHeader('Cookie', 'omneo_identity=' . $assertion);
        try {
            $curl->post($url, '');
        } catch (\Exception $error) {
            return null;
        }
        $status = (int) $curl->getStatus();
        if ($status === 0) {
            return null;
        }
        $retryAfter = null;
        foreach ($curl->getHeaders() as $name => $value) {
            if (strtolower((string) $name) === 'retry-after') {
                $retryAfter = is_array($value) ? (string) reset($value) : (string) $value;
            }
        }
        return ['status' => $status, 'body' => (string) $curl->getBody(), 'retryAfter' => $retryAfter];
    }

    private function header(string $name): ?string
    {
        $value = $this->request->getHeader($name);
        return is_string($value) && $value !== '' ? $value : null;
    }

    private static function originOf(string $url): ?string
    {
        $parts = parse_url($url);
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host'])) {
            return null;
        }
        return strtolower($parts['scheme'] . '://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : ''));
    }

    public function createCsrfValidationException(RequestInterface $request): ?InvalidRequestException
    {
        return null;
    }

    public function validateForCsrf(RequestInterface $request): ?bool
    {
        // No form key to check: execute() refuses other sites' requests (Origin, Sec-Fetch-Site) with a 403.
        return true;
    }
}
