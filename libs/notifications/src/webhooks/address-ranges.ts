import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses a webhook must never reach unless WEBHOOK_ALLOW_PRIVATE is set: anything that leads
 * back into our own host or network (cloud metadata at 169.254.169.254, a database on 10/8) rather
 * than to the public internet. An IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64)
 * is judged by the IPv4 address it carries, since that is where the packets end up.
 */
export type AddressClass =
  'unspecified' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'shared (CGNAT)' | 'multicast' | 'reserved';

const IPV4: ReadonlyArray<[string, number, AddressClass]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['169.254.0.0', 16, 'link-local'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
  ['192.0.0.0', 24, 'reserved'],
  ['198.18.0.0', 15, 'reserved'],
];

const IPV6: ReadonlyArray<[string, number, AddressClass]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
];

const lists = new Map<AddressClass, BlockList>();
for (const [network, prefix, kind] of IPV4) listOf(kind).addSubnet(network, prefix, 'ipv4');
for (const [network, prefix, kind] of IPV6) listOf(kind).addSubnet(network, prefix, 'ipv6');

function listOf(kind: AddressClass): BlockList {
  let list = lists.get(kind);
  if (!list) {
    list = new BlockList();
    lists.set(kind, list);
  }
  return list;
}

/** The class of a non-public address, or null for a public one. Throws on something not an IP. */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return firstMatch(bare, 'ipv4');
  if (!isIPv6(bare)) throw new Error(`${address} is not an IP address`);
  const embedded = embeddedIpv4(bare);
  if (embedded !== null) return firstMatch(embedded, 'ipv4');
  return firstMatch(bare, 'ipv6');
}

export const isPublicAddress = (address: string): boolean => classifyAddress(address) === null;

function firstMatch(address: string, family: 'ipv4' | 'ipv6'): AddressClass | null {
  for (const [kind, list] of lists) if (list.check(address, family)) return kind;
  return null;
}

/** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d and 64:ff9b::a.b.c.d, in any spelling. */
function embeddedIpv4(address: string): string | null {
  const hextets = expandIpv6(address);
  const isMapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  const isCompatible = hextets.slice(0, 6).every((h) => h === 0) && (hextets[6] !== 0 || hextets[7] > 1);
  const isNat64 = hextets[0] === 0x64 && hextets[1] === 0xff9b && hextets.slice(2, 6).every((h) => h === 0);
  if (!isMapped && !isCompatible && !isNat64) return null;
  return [hextets[6] >> 8, hextets[6] & 0xff, hextets[7] >> 8, hextets[7] & 0xff].join('.');
}

function expandIpv6(address: string): number[] {
  let text = address.split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === null ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((h) => parseInt(h, 16));
}
