<?php
/**
 * Enough of Magento 2's framework to run the Omneo_Loyalty module's controller, block and templates under plain
 * `php` (integration-magento.test.ts): the interfaces and classes they name, with the methods they call. The HTTP
 * client stand-in makes real requests (PHP's http stream wrapper, as Magento's Curl client makes them with curl), so
 * the controller talks to the real token-exchange proxy.
 */
declare(strict_types=1);

namespace Magento\Framework\Component {
    class ComponentRegistrar
    {
        public const MODULE = 'module';
        /** @var array<string, string> */
        public static array $registered = [];

        public static function register(string $type, string $name, string $path): void
        {
            self::$registered["$type:$name"] = $path;
        }
    }
}

namespace Magento\Framework\App {
    interface ActionInterface
    {
        public function execute();
    }
    interface RequestInterface
    {
    }
    interface CsrfAwareActionInterface
    {
        public function createCsrfValidationException(RequestInterface $request): ?Request\InvalidRequestException;
        public function validateForCsrf(RequestInterface $request): ?bool;
    }
}

namespace Magento\Framework\App\Action {
    interface HttpPostActionInterface extends \Magento\Framework\App\ActionInterface
    {
    }
}

namespace Magento\Framework\App\Request {
    class InvalidRequestException extends \RuntimeException
    {
    }
    /** Magento's storefront request: getHeader() as Laminas' request has it (a missing header is false). */
    class Http implements \Magento\Framework\App\RequestInterface
    {
        /** @param array<string, string> $headers */
        public function __construct(private readonly array $headers = [])
        {
        }

        public bool $secure = true;

        public function isSecure(): bool
        {
            return $this->secure;
        }

        public function getHeader($name, $default = false)
        {
            foreach ($this->headers as $key => $value) {
                if (strcasecmp($key, $name) === 0) {
                    return $value;
                }
            }
            return $default;
        }
    }
}

namespace Magento\Framework\App\Config {
    interface ScopeConfigInterface
    {
        public function getValue(string $path, string $scopeType = 'default', $scopeCode = null);
        public function isSetFlag(string $path, string $scopeType = 'default', $scopeCode = null): bool;
    }
}

namespace Magento\Framework\Encryption {
    interface EncryptorInterface
    {
        public function decrypt(string $data): string;
    }
}

namespace Magento\Store\Model {
    interface ScopeInterface
    {
        public const SCOPE_STORE = 'store';
    }
    interface StoreManagerInterface
    {
        public function getStore($storeId = null);
        public function getWebsite($websiteId = null);
    }
}

namespace Magento\Customer\Model\Config {
    /** Customers → Customer Configuration → Account Sharing Options: accounts per website (the default) or global. */
    class Share
    {
        public function __construct(private readonly bool $websiteScope = true)
        {
        }

        public function isWebsiteScope(): bool
        {
            return $this->websiteScope;
        }

        public function isGlobalScope(): bool
        {
            return !$this->websiteScope;
        }
    }
}

namespace Magento\Framework {
    interface UrlInterface
    {
        public const URL_TYPE_LINK = 'link';
    }
    class Escaper
    {
        public function escapeHtmlAttr($string, $escapeSingleQuote = true): string
        {
            return htmlspecialchars((string) $string, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
        }
    }
}

namespace Magento\Framework\Controller\Result {
    class Json
    {
        public int $status = 200;
        /** @var array<string, string> */
        public array $headers = [];
        public mixed $data = null;

        public function setHttpResponseCode(int $code): static
        {
            $this->status = $code;
            return $this;
        }

        public function setHeader(string $name, string $value, bool $replace = false): static
        {
            $this->headers[$name] = $value;
            return $this;
        }

        public function setData($data): static
        {
            $this->data = $data;
            return $this;
        }
    }
    class JsonFactory
    {
        public function create(): Json
        {
            return new Json();
        }
    }
}

namespace Magento\Customer\Model {
    class Session
    {
        public function __construct(private readonly ?string $customerId)
        {
        }

        public function isLoggedIn(): bool
        {
            return $this->customerId !== null;
        }

        public function getCustomerId(): ?string
        {
            return $this->customerId;
        }
    }
}

namespace Magento\Framework\Stdlib\DateTime {
    class DateTime
    {
        public function __construct(private readonly int $now)
        {
        }

        public function gmtTimestamp($input = null): int
        {
            return $this->now;
        }
    }
}

namespace Magento\Framework\HTTP\Client {
    /** Magento's Curl client's surface, over PHP's http stream wrapper. Throws on no answer, as Magento's does. */
    class Curl
    {
        private int $timeout = 300;
        /** @var array<string, string> */
        private array $requestHeaders = [];
        private int $status = 0;
        private string $body = '';
        /** @var array<string, string> */
        private array $responseHeaders = [];
        /** @var list<array{url: string, headers: array<string, string>}> */
        public static array $sent = [];

        public function setTimeout($value): void
        {
            $this->timeout = (int) $value;
        }

        public function addHeader($name, $value): void
        {
            $this->requestHeaders[$name] = $value;
        }

        public function post($uri, $params): void
        {
            self::$sent[] = ['url' => $uri, 'headers' => $this->requestHeaders];
            $headers = [];
            foreach ($this->requestHeaders as $name => $value) {
                $headers[] = "$name: $value";
            }
            $context = stream_context_create(['http' => [
                'method' => 'POST',
                'header' => implode("\r\n", $headers),
                'content' => is_array($params) ? http_build_query($params) : (string) $params,
                'timeout' => $this->timeout,
                'ignore_errors' => true,
            ]]);
            $body = @file_get_contents($uri, false, $context);
            if ($body === false) {
                throw new \Exception('Curl error: could not connect to ' . $uri);
            }
            $this->body = $body;
            foreach ($http_response_header as $line) {
                if (preg_match('#^HTTP/\S+ (\d{3})#', $line, $match)) {
                    $this->status = (int) $match[1];
                    $this->responseHeaders = [];
                } elseif (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $this->responseHeaders[trim($name)] = trim($value);
                }
            }
        }

        public function getStatus(): int
        {
            return $this->status;
        }

        public function getBody(): string
        {
            return $this->body;
        }

        /** @return array<string, string> */
        public function getHeaders(): array
        {
            return $this->responseHeaders;
        }
    }
    class CurlFactory
    {
        public function create(): Curl
        {
            return new Curl();
        }
    }
}

namespace Magento\Framework\View\Element {
    class Template
    {
        public function __construct(protected readonly Template\Context $context, protected array $data = [])
        {
        }

        public function getUrl($route = '', $params = []): string
        {
            $base = !empty($params['_secure']) ? $this->context->secureBaseUrl : $this->context->baseUrl;
            return $base . trim((string) $route, '/') . '/';
        }
    }
}

namespace Magento\Framework\View\Element\Template {
    class Context
    {
        public function __construct(public readonly string $baseUrl, public readonly string $secureBaseUrl)
        {
        }
    }
}

namespace Magento\Framework\Stdlib {
    interface CookieManagerInterface
    {
        public function getCookie($name, $default = null);
        public function setPublicCookie($name, $value, ?Cookie\PublicCookieMetadata $metadata = null);
        public function deleteCookie($name, ?Cookie\CookieMetadata $metadata = null);
    }
}

namespace Magento\Framework\Stdlib\Cookie {
    /** As Magento's: path, domain and SameSite; secure and HttpOnly are set on the public (or sensitive) kind only. */
    class CookieMetadata
    {
        /** @var array<string, mixed> */
        public array $values = [];

        public function setPath($path): static
        {
            $this->values['path'] = $path;
            return $this;
        }

        public function setSameSite(?string $sameSite): CookieMetadata
        {
            $this->values['sameSite'] = $sameSite;
            return $this;
        }
    }
    class PublicCookieMetadata extends CookieMetadata
    {
        public function setSecure($secure): static
        {
            $this->values['secure'] = $secure;
            return $this;
        }

        public function setHttpOnly($httpOnly): static
        {
            $this->values['httpOnly'] = $httpOnly;
            return $this;
        }

        public function setDuration($duration): static
        {
            $this->values['duration'] = $duration;
            return $this;
        }
    }
    class CookieMetadataFactory
    {
        public function createPublicCookieMetadata($metadata = null): PublicCookieMetadata
        {
            return new PublicCookieMetadata();
        }

        public function createCookieMetadata($metadata = null): CookieMetadata
        {
            return new CookieMetadata();
        }
    }
}

namespace Magento\Framework\Session\Config {
    interface ConfigInterface
    {
        public function getCookieLifetime();
    }
}

namespace Magento\Framework\Event {
    class Event
    {
        /** @param array<string, mixed> $data */
        public function __construct(private readonly string $name, private readonly array $data = [])
        {
        }

        public function getName(): string
        {
            return $this->name;
        }

        public function getData($key = '', $index = null)
        {
            return $this->data[$key] ?? null;
        }
    }
    class Observer
    {
        public function __construct(private readonly Event $event)
        {
        }

        public function getEvent(): Event
        {
            return $this->event;
        }
    }
    interface ObserverInterface
    {
        public function execute(Observer $observer);
    }
}

namespace Magento\Framework\View\Helper {
    /**
     * Magento's CSP-aware tag writer: attributes escaped, the content as given ($textContent false). Magento_Csp's
     * processor (InlineUtil) allows each inline script written through it by its hash; this records them.
     */
    class SecureHtmlRenderer
    {
        /** @var list<string> the inline scripts' text, as Magento_Csp would hash it */
        public static array $allowedScripts = [];

        public function renderTag(string $tagName, array $attributeList = [], ?string $content = null, bool $textContent = true): string
        {
            if ($tagName === 'script' && !isset($attributeList['src'])) {
                self::$allowedScripts[] = (string) $content;
            }
            $attributes = '';
            foreach ($attributeList as $name => $value) {
                $attributes .= ' ' . $name . '="' . htmlspecialchars((string) $value, ENT_QUOTES) . '"';
            }
            return "<$tagName$attributes>" . ($textContent ? htmlspecialchars((string) $content) : (string) $content) . "</$tagName>";
        }
    }
}

namespace Psr\Log {
    interface LoggerInterface
    {
        public function error($message, array $context = []): void;
    }
}
