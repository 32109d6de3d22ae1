<?php
declare(strict_types=1);

namespace Omneo\Loyalty\Model;

/**
 * The token-exchange proxy's signed identity assertion (omneo-widgets server/proxy/assertion.ts, its signed-assertion
 * adapter with OMNEO_ASSERTION_SECRET): `v1.<base64url(customer id, UTF-8), no padding>.<exp>.<hex HMAC-SHA256>`.
 * Magento sends it server to server as the `omneo_identity` cookie of its call to the proxy; it never reaches a browser.
 */
final class Assertion
{
    /** Valid this long: the proxy refuses more than its OMNEO_ASSERTION_MAX_AGE (300 s by default). */
    public const LIFETIME_SECONDS = 120;

    public static function sign(string $secret, string $customerId, int $expSeconds): string
    {
        if ($customerId === '') {
            throw new \InvalidArgumentException('A customer id is required');
        }
        $payload = 'v1.' . rtrim(strtr(base64_encode($customerId), '+/', '-_'), '=') . '.' . $expSeconds;
        return $payload . '.' . hash_hmac('sha256', $payload, $secret);
    }
}
