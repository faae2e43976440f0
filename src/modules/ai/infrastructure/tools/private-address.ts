import { BlockList, isIP } from 'node:net';

/**
 * Addresses a tenant's tool must not reach from inside the platform's network: loopback, RFC 1918,
 * carrier-grade NAT, link-local (169.254/16, cloud metadata), "this network" (0.0.0.0/8),
 * benchmarking, multicast and reserved ranges; IPv6 loopback, unspecified, unique-local (fc00::/7),
 * link-local and multicast. IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are matched by the IPv4 rules.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** True for an address in a private, local or reserved range; an address that is no IP counts as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 0) return true;
  return PRIVATE.check(bare, version === 4 ? 'ipv4' : 'ipv6');
}
