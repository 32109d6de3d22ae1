/**
 * The per-IP rate limit's bucket for a client address. One IPv6 subscriber holds at least a /64
 * (2^64 addresses, RFC 6177), so counting per full IPv6 address would give an attacker a fresh bucket
 * per request: IPv6 addresses are counted per /64. IPv4 addresses, and IPv6 addresses that carry one
 * (`::ffff:203.0.113.7`, how a dual-stack Node socket reports IPv4 clients), are counted per address.
 * Anything else (a custom `clientIp` hook's own format) is counted as given. Fetch-API-only, like the
 * rest of the proxy, so it runs on edge runtimes.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

function ipv4Octets(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a trailing dotted IPv4 allowed), or null. */
export function ipv6Groups(text: string): number[] | null {
  let address = text.toLowerCase();
  // A trailing dotted quad is the last two groups.
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (dotted) {
    const octets = ipv4Octets(dotted[2]!);
    if (!octets) return null;
    address = `${dotted[1]}${((octets[0]! << 8) | octets[1]!).toString(16)}:${((octets[2]! << 8) | octets[3]!).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...tail].every((group) => HEX_GROUP.test(group))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((group) => parseInt(group, 16));
}

/** `[v6]:port`, `v4:port` and a `%zone` suffix removed: the address alone, as a load balancer may write it. */
function bareAddress(text: string): string {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed);
  const address = bracketed ? bracketed[1]! : /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed)?.[1] ?? trimmed;
  const zone = address.indexOf('%');
  return zone >= 0 ? address.slice(0, zone) : address;
}

/** The subject the per-IP limit counts: `203.0.113.7`, or `2001:db8:1:2::/64` for any address in that /64. */
export function rateLimitSubject(ip: string): string {
  const address = bareAddress(ip);
  const v4 = ipv4Octets(address);
  if (v4) return v4.join('.');
  if (!address.includes(':')) return ip;
  const groups = ipv6Groups(address);
  if (!groups) return ip;
  // IPv4-mapped (::ffff:a.b.c.d): one IPv4 client, counted as that address.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}
