<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Model;

/**
 * What /omneo/token (Controller/Token/Index.php) answers the widgets, decided without Magento, so that it is tested on
 * its own: for a signed-in customer, the proxy's {token, exp}, asked for server to server with a signed assertion.
 *
 *   200 {"token", "exp"}   a signed-in customer
 *   401                    a guest: no call to the proxy
 *   403                    a request from another site (its Origin is not this store's, or Sec-Fetch-Site says
 *                          cross-site): refused before anything is signed, so another site's page cannot spend the
 *                          customer's limits at the proxy
 *   429, 503               the proxy's, with its Retry-After
 *   502                    anything else from the proxy, or no answer (logged; no detail in the answer)
 *   500                    no assertion secret or no proxy URL configured (logged)
 */
final class TokenExchange
{
    public const UNAVAILABLE = ['message' => 'Loyalty is unavailable. Try again shortly.'];

    /**
     * @param callable(string $url, string $assertion): ?array{status: int, body: string, retryAfter: ?string} $callProxy
     *        the proxy's answer, or null when there was none (connection refused, timeout)
     * @param callable(string $message): void $logError
     * @param list<string> $ownOrigins this store's origins (its secure and unsecure base URLs' scheme://host[:port])
     * @return array{status: int, body: array<string, mixed>, headers: array<string, string>}
     */
    public function answer(
        ?string $customerId,
        string $secret,
        string $proxyUrl,
        ?string $origin,
        ?string $fetchSite,
        array $ownOrigins,
        int $nowSeconds,
        callable $callProxy,
        callable $logError,
    ): array {
        if ($fetchSite === 'cross-site' || ($origin !== null && $origin !== '' && !in_array(strtolower($origin), array_map('strtolower', $ownOrigins), true))) {
            return self::reply(403, ['message' => 'Not allowed from another site.']);
        }
        if ($customerId === null || $customerId === '') {
            return self::reply(401, ['message' => 'No signed-in customer.']);
        }
        if ($secret === '' || $proxyUrl === '') {
            $logError('Omneo Loyalty: /omneo/token needs the token-exchange proxy URL and the assertion secret (the proxy\'s OMNEO_ASSERTION_SECRET): Stores > Configuration > Customers > Omneo Loyalty');
            return self::reply(500, self::UNAVAILABLE);
        }
        $assertion = Assertion::sign($secret, $customerId, $nowSeconds + Assertion::LIFETIME_SECONDS);
        $proxied = $callProxy($proxyUrl, $assertion);
        if ($proxied === null) {
            $logError('Omneo Loyalty: no answer from the token-exchange proxy at ' . self::withoutQuery($proxyUrl) . ' (5 s)');
            return self::reply(502, self::UNAVAILABLE);
        }
        $status = $proxied['status'];
        if ($status === 200) {
            $parsed = json_decode($proxied['body'], true);
            $data = is_array($parsed) && isset($parsed['data']) && is_array($parsed['data']) ? $parsed['data'] : $parsed;
            if (is_array($data) && is_string($data['token'] ?? null) && $data['token'] !== '' && (is_int($data['exp'] ?? null) || is_float($data['exp'] ?? null)) && is_finite((float) $data['exp'])) {
                return self::reply(200, ['token' => $data['token'], 'exp' => $data['exp']]);
            }
            $logError('Omneo Loyalty: the token-exchange proxy answered 200 without a token and an exp');
            return self::reply(502, self::UNAVAILABLE);
        }
        if ($status === 429 || $status === 503) {
            $retryAfter = $proxied['retryAfter'] ?? null;
            return self::reply($status, self::UNAVAILABLE, $retryAfter !== null && preg_match('/^\d{1,5}$/', trim($retryAfter)) ? ['Retry-After' => trim($retryAfter)] : []);
        }
        if ($status === 401 || $status === 403) {
            // Signed for a signed-in customer: a refusal is a configuration fault, never a guest. The clock bounds are the
            // proxy's rule applied to our 120 s assertion (Assertion::LIFETIME_SECONDS): it refuses an exp already past
            // and one more than OMNEO_ASSERTION_MAX_AGE + 60 s of skew ahead, so 119 s behind passes, 120 s does not,
            // and 240 s ahead passes, 241 s does not.
            $logError("Omneo Loyalty: the token-exchange proxy refused the assertion ($status): the assertion secret must equal the proxy's OMNEO_ASSERTION_SECRET, and Magento's clock must be less than 2 minutes behind the proxy's and at most 4 minutes ahead (OMNEO_ASSERTION_MAX_AGE at 300)");
            return self::reply(502, self::UNAVAILABLE);
        }
        $logError("Omneo Loyalty: the token-exchange proxy answered $status");
        return self::reply(502, self::UNAVAILABLE);
    }

    /**
     * @param array<string, mixed> $body
     * @param array<string, string> $headers
     * @return array{status: int, body: array<string, mixed>, headers: array<string, string>}
     */
    private static function reply(int $status, array $body, array $headers = []): array
    {
        return ['status' => $status, 'body' => $body, 'headers' => $headers];
    }

    private static function withoutQuery(string $url): string
    {
        return preg_replace('/[?#].*$/s', '', $url) ?? $url;
    }
}
