import { BlockList, isIP } from 'node:net';

/**
 * Addresses an outbound request from inside the platform must not reach: every block of the IANA
 * IPv4 and IPv6 special-purpose address registries (loopback, private, shared, link-local with the
 * cloud metadata address, documentation, benchmarking, protocol assignments, AS112, AMT, discard…),
 * plus multicast and the deprecated IPv4-compatible and site-local IPv6 blocks. Refusing a block that
 * happens to be globally reachable (a few anycast services) costs nothing for tenants' HTTP tools or media.
 */
const IPV4_BLOCKS: [network: string, prefix: number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['192.175.48.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['255.255.255.255', 32],
];

/** IPv6 blocks refused whole. The blocks that embed an IPv4 address are judged by it (see embeddedIpv4). */
const IPV6_BLOCKS: [network: string, prefix: number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['100:0:0:1::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2620:4f:8000::', 48],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const V4 = new BlockList();
for (const [network, prefix] of IPV4_BLOCKS) V4.addSubnet(network, prefix, 'ipv4');
const V6 = new BlockList();
for (const [network, prefix] of IPV6_BLOCKS) V6.addSubnet(network, prefix, 'ipv6');

/**
 * True for an address in a special-purpose (private, local, reserved) block; anything that is no IP
 * address counts as special, so a caller never lets an unparsed host through.
 */
export function isSpecialPurposeAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%[\w.-]+$/, '');
  const version = isIP(bare);
  if (version === 4) return V4.check(bare, 'ipv4');
  if (version !== 6) return true;
  const hextets = parseIpv6(bare);
  const embedded = embeddedIpv4(hextets);
  if (embedded !== null) return V4.check(embedded, 'ipv4');
  return V6.check(hextets.map((h) => h.toString(16)).join(':'), 'ipv6');
}

/**
 * The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), NAT64 well-known (64:ff9b::/96) or 6to4
 * (2002::/16) address: reaching it reaches that IPv4 host, so it is that host that is judged.
 */
function embeddedIpv4(h: number[]): string | null {
  const zeros = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && h[5] === 0xffff) return ipv4Of(h[6], h[7]);
  if (h[0] === 0x64 && h[1] === 0xff9b && zeros(2, 6)) return ipv4Of(h[6], h[7]);
  if (h[0] === 0x2002) return ipv4Of(h[1], h[2]);
  return null;
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an address isIP already accepted as IPv6 (with "::" and a dotted tail). */
function parseIpv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  if (tail === null) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
