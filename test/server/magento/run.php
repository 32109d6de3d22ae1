<?php
/**
 * Runs one part of the Omneo_Loyalty module (integrations/magento) on the stand-ins, for integration-magento.test.ts:
 * a scenario as JSON on stdin, the outcome as JSON on stdout.
 *
 *   {"run": "sign", "secret", "customerId", "exp"}                  → {"assertion"}
 *   {"run": "token", "settings", "customerId", "headers", "now", …}  → {"status", "headers", "body", "logs", "sent"}
 *   {"run": "render", "template", "settings", …}                    → {"html"}
 *   {"run": "registration"}                                          → {"registered"}
 */
declare(strict_types=1);

require __DIR__ . '/stand-ins.php';

$module = dirname(__DIR__, 3) . '/integrations/magento/app/code/Omneo/Loyalty';
$composer = json_decode((string) file_get_contents("$module/composer.json"), true, 512, JSON_THROW_ON_ERROR);
// The module's composer.json autoload, as Composer would apply it.
foreach ($composer['autoload']['psr-4'] as $prefix => $folder) {
    spl_autoload_register(static function (string $class) use ($prefix, $folder, $module): void {
        if (str_starts_with($class, $prefix)) {
            $file = $module . '/' . $folder . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
}

$scenario = json_decode((string) stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

/** Store-scope config as Magento's ScopeConfigInterface gives it; the secret stored "encrypted" (reversed, prefixed). */
final class ScenarioConfig implements \Magento\Framework\App\Config\ScopeConfigInterface
{
    public function __construct(private readonly array $values)
    {
    }

    public function getValue(string $path, string $scopeType = 'default', $scopeCode = null)
    {
        return $this->values[$path] ?? null;
    }

    public function isSetFlag(string $path, string $scopeType = 'default', $scopeCode = null): bool
    {
        return (bool) ($this->values[$path] ?? false);
    }
}
final class ScenarioEncryptor implements \Magento\Framework\Encryption\EncryptorInterface
{
    public function decrypt(string $data): string
    {
        return str_starts_with($data, '0:3:') ? strrev(substr($data, 4)) : '';
    }
}
final class ScenarioStore
{
    public function __construct(private readonly string $baseUrl, private readonly string $secureBaseUrl)
    {
    }

    public function getBaseUrl($type = 'link', $secure = null): string
    {
        return $secure ? $this->secureBaseUrl : $this->baseUrl;
    }
}
final class ScenarioWebsite
{
    public function __construct(private readonly string $code)
    {
    }

    public function getCode(): string
    {
        return $this->code;
    }
}
final class ScenarioStoreManager implements \Magento\Store\Model\StoreManagerInterface
{
    public function __construct(private readonly ScenarioStore $store, private readonly string $websiteCode = 'base')
    {
    }

    public function getStore($storeId = null)
    {
        return $this->store;
    }

    public function getWebsite($websiteId = null)
    {
        return new ScenarioWebsite($this->websiteCode);
    }
}
final class ScenarioLogger implements \Psr\Log\LoggerInterface
{
    /** @var list<string> */
    public array $lines = [];

    public function error($message, array $context = []): void
    {
        $this->lines[] = (string) $message;
    }
}

function settings(array $scenario): \Omneo\Loyalty\Model\Settings
{
    $values = [];
    foreach ($scenario['settings'] ?? [] as $field => $value) {
        $values["omneo_loyalty/general/$field"] = $field === 'assertion_secret' && $value !== '' ? '0:3:' . strrev((string) $value) : $value;
    }
    $values['general/locale/code'] = $scenario['locale'] ?? 'en_AU';
    return new \Omneo\Loyalty\Model\Settings(new ScenarioConfig($values), new ScenarioEncryptor());
}

/** The request's cookies, and what was done to them. */
final class ScenarioCookies implements \Magento\Framework\Stdlib\CookieManagerInterface
{
    /** @var list<array<string, mixed>> */
    public array $calls = [];

    public function __construct(private readonly array $cookies)
    {
    }

    public function getCookie($name, $default = null)
    {
        return $this->cookies[$name] ?? $default;
    }

    public function setPublicCookie($name, $value, ?\Magento\Framework\Stdlib\Cookie\PublicCookieMetadata $metadata = null)
    {
        $this->calls[] = ['set' => $name, 'value' => $value, 'metadata' => $metadata?->values];
    }

    public function deleteCookie($name, ?\Magento\Framework\Stdlib\Cookie\CookieMetadata $metadata = null)
    {
        $this->calls[] = ['delete' => $name, 'metadata' => $metadata?->values];
    }
}
final class ScenarioSessionConfig implements \Magento\Framework\Session\Config\ConfigInterface
{
    public function __construct(private readonly int $lifetime)
    {
    }

    public function getCookieLifetime()
    {
        return $this->lifetime;
    }
}

/** The omneo_customer cookie's model: the scenario's website (Magento's default, `base`) and account sharing. */
function hintCookie(array $scenario, ScenarioCookies $cookies): \Omneo\Loyalty\Model\CustomerHintCookie
{
    return new \Omneo\Loyalty\Model\CustomerHintCookie(
        $cookies,
        new \Magento\Framework\Stdlib\Cookie\CookieMetadataFactory(),
        new ScenarioSessionConfig((int) ($scenario['cookieLifetime'] ?? 3600)),
        new \Magento\Customer\Model\Config\Share(($scenario['accountShare'] ?? 'website') === 'website'),
        new ScenarioStoreManager(new ScenarioStore('', ''), $scenario['website'] ?? 'base'),
    );
}

$baseUrl = $scenario['baseUrl'] ?? 'http://shop.example/';
$secureBaseUrl = $scenario['secureBaseUrl'] ?? 'https://shop.example/';

switch ($scenario['run']) {
    case 'sign':
        $out = ['assertion' => \Omneo\Loyalty\Model\Assertion::sign($scenario['secret'], $scenario['customerId'], $scenario['exp'])];
        break;
    case 'token':
        $logger = new ScenarioLogger();
        $controller = new \Omneo\Loyalty\Controller\Token\Index(
            new \Magento\Framework\App\Request\Http($scenario['headers'] ?? []),
            new \Magento\Framework\Controller\Result\JsonFactory(),
            new \Magento\Customer\Model\Session($scenario['customerId'] ?? null),
            settings($scenario),
            new \Omneo\Loyalty\Model\TokenExchange(),
            new \Magento\Framework\HTTP\Client\CurlFactory(),
            new ScenarioStoreManager(new ScenarioStore($baseUrl, $secureBaseUrl)),
            new \Magento\Framework\Stdlib\DateTime\DateTime($scenario['now']),
            $logger,
        );
        $csrf = $controller->validateForCsrf(new \Magento\Framework\App\Request\Http($scenario['headers'] ?? []));
        $result = $controller->execute();
        $out = ['status' => $result->status, 'headers' => $result->headers, 'body' => $result->data, 'logs' => $logger->lines, 'sent' => \Magento\Framework\HTTP\Client\Curl::$sent, 'csrf' => $csrf];
        break;
    case 'render':
        $block = new \Omneo\Loyalty\Block\Config(new \Magento\Framework\View\Element\Template\Context($baseUrl, $secureBaseUrl), settings($scenario), hintCookie($scenario, new ScenarioCookies([])));
        $escaper = new \Magento\Framework\Escaper();
        $secureRenderer = new \Magento\Framework\View\Helper\SecureHtmlRenderer();
        $html = (static function (string $file, $block, $escaper, $secureRenderer): string {
            ob_start();
            include $file;
            return (string) ob_get_clean();
        })("$module/view/frontend/templates/{$scenario['template']}", $block, $escaper, $secureRenderer);
        $out = ['html' => $html, 'cspAllowedScripts' => \Magento\Framework\View\Helper\SecureHtmlRenderer::$allowedScripts];
        break;
    case 'observer':
        // One event, with the request's cookies; what the observer did to the omneo_customer cookie.
        $cookies = new ScenarioCookies($scenario['cookies'] ?? []);
        $request = new \Magento\Framework\App\Request\Http();
        $request->secure = (bool) ($scenario['secure'] ?? true);
        $observer = new \Omneo\Loyalty\Observer\SyncCustomerHint(
            new \Magento\Customer\Model\Session($scenario['sessionCustomerId'] ?? null),
            hintCookie($scenario, $cookies),
            settings($scenario),
            $request,
        );
        $customer = isset($scenario['eventCustomerId']) ? new class ((string) $scenario['eventCustomerId']) {
            public function __construct(private readonly string $id)
            {
            }

            public function getId(): string
            {
                return $this->id;
            }
        } : null;
        $observer->execute(new \Magento\Framework\Event\Observer(new \Magento\Framework\Event\Event($scenario['event'], ['customer' => $customer])));
        $out = ['calls' => $cookies->calls];
        break;
    case 'registration':
        require "$module/registration.php";
        $out = ['registered' => \Magento\Framework\Component\ComponentRegistrar::$registered];
        break;
    default:
        throw new \InvalidArgumentException('Unknown run: ' . $scenario['run']);
}
echo json_encode($out, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
