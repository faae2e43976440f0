import { isSpecialPurposeAddress } from './special-purpose-address';

describe('isSpecialPurposeAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.10', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fd00::1', 'fc12:3456::1', 'fe80::1', '[::1]', '::ffff:10.0.0.1', '::ffff:7f00:1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isSpecialPurposeAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('lets %s through', (address) => {
    expect(isSpecialPurposeAddress(address)).toBe(false);
  });

  /**
   * Every range of the IANA special-purpose registries (and multicast): its first and last address
   * are refused, the addresses just outside it are not. Written out by hand, not derived from the table.
   */
  const IPV4_RANGES: [range: string, inside: string[], outside: string[]][] = [
    ['0.0.0.0/8 this network', ['0.0.0.0', '0.255.255.255'], ['1.0.0.0']],
    ['10.0.0.0/8 private', ['10.0.0.0', '10.255.255.255'], ['9.255.255.255', '11.0.0.0']],
    ['100.64.0.0/10 shared (CGN)', ['100.64.0.0', '100.127.255.255'], ['100.63.255.255', '100.128.0.0']],
    ['127.0.0.0/8 loopback', ['127.0.0.0', '127.255.255.255'], ['126.255.255.255', '128.0.0.0']],
    ['169.254.0.0/16 link-local', ['169.254.0.0', '169.254.255.255'], ['169.253.255.255', '169.255.0.0']],
    ['172.16.0.0/12 private', ['172.16.0.0', '172.31.255.255'], ['172.15.255.255', '172.32.0.0']],
    ['192.0.0.0/24 IETF protocol assignments', ['192.0.0.0', '192.0.0.9', '192.0.0.255'], ['191.255.255.255', '192.0.1.0']],
    ['192.0.2.0/24 TEST-NET-1', ['192.0.2.0', '192.0.2.2', '192.0.2.255'], ['192.0.1.255', '192.0.3.0']],
    ['192.31.196.0/24 AS112-v4', ['192.31.196.0', '192.31.196.255'], ['192.31.195.255', '192.31.197.0']],
    ['192.52.193.0/24 AMT', ['192.52.193.0', '192.52.193.255'], ['192.52.192.255', '192.52.194.0']],
    ['192.88.99.0/24 6to4 relay anycast', ['192.88.99.0', '192.88.99.255'], ['192.88.98.255', '192.88.100.0']],
    ['192.168.0.0/16 private', ['192.168.0.0', '192.168.255.255'], ['192.167.255.255', '192.169.0.0']],
    ['192.175.48.0/24 direct delegation AS112', ['192.175.48.0', '192.175.48.255'], ['192.175.47.255', '192.175.49.0']],
    ['198.18.0.0/15 benchmarking', ['198.18.0.0', '198.19.255.255'], ['198.17.255.255', '198.20.0.0']],
    ['198.51.100.0/24 TEST-NET-2', ['198.51.100.0', '198.51.100.255'], ['198.51.99.255', '198.51.101.0']],
    ['203.0.113.0/24 TEST-NET-3', ['203.0.113.0', '203.0.113.255'], ['203.0.112.255', '203.0.114.0']],
    ['224.0.0.0/4 multicast', ['224.0.0.0', '239.255.255.255'], ['223.255.255.255']],
    ['240.0.0.0/4 reserved', ['240.0.0.0', '255.255.255.254'], []],
    ['255.255.255.255/32 limited broadcast', ['255.255.255.255'], []],
  ];

  const IPV6_RANGES: [range: string, inside: string[], outside: string[]][] = [
    ['::/128 unspecified', ['::', '0:0:0:0:0:0:0:0'], []],
    ['::1/128 loopback', ['::1', '[::1]', '0:0:0:0:0:0:0:1'], []],
    ['::/96 IPv4-compatible (deprecated)', ['::8.8.8.8', '::ffff'], ['::1:0:0']],
    ['100::/64 discard-only', ['100::', '100::ffff:ffff:ffff:ffff'], ['100:0:0:2::', 'ff::ffff']],
    ['100:0:0:1::/64 dummy prefix', ['100:0:0:1::', '100:0:0:1:ffff:ffff:ffff:ffff'], []],
    ['2001::/23 IETF protocol assignments (Teredo, ORCHID, benchmarking…)', ['2001::', '2001::1', '2001:2::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'], ['2001:200::', '2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
    ['2001:db8::/32 documentation', ['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'], ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db9::']],
    ['2620:4f:8000::/48 direct delegation AS112', ['2620:4f:8000::', '2620:4f:8000:ffff:ffff:ffff:ffff:ffff'], ['2620:4f:7fff:ffff:ffff:ffff:ffff:ffff', '2620:4f:8001::']],
    ['3fff::/20 documentation', ['3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'], ['3fff:1000::', '3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
    ['5f00::/16 SRv6 SIDs', ['5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '5f01::']],
    ['64:ff9b:1::/48 local-use NAT64', ['64:ff9b:1::', '64:ff9b:1::808:808', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'], ['64:ff9b:2::1']],
    ['fc00::/7 unique-local', ['fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
    ['fe80::/10 link-local', ['fe80::', 'fe80::1%eth0', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
    ['fec0::/10 site-local (deprecated)', ['fec0::', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
    ['ff00::/8 multicast', ['ff00::', 'ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
  ];

  describe.each([...IPV4_RANGES, ...IPV6_RANGES])('%s', (_range, inside, outside) => {
    it.each(inside)('refuses %s', (address) => expect(isSpecialPurposeAddress(address)).toBe(true));
    if (outside.length > 0) it.each(outside)('lets its neighbour %s through', (address) => expect(isSpecialPurposeAddress(address)).toBe(false));
  });

  describe('IPv6 forms that carry an IPv4 address are judged by that address', () => {
    it.each([
      ['IPv4-mapped, dotted', '::ffff:192.0.2.2'],
      ['IPv4-mapped, hex', '::ffff:c000:202'],
      ['IPv4-mapped, written out', '0:0:0:0:0:ffff:c000:0202'],
      ['IPv4-mapped, bracketed', '[::ffff:127.0.0.1]'],
      ['IPv4-mapped TEST-NET-3', '::ffff:203.0.113.7'],
      ['NAT64 of loopback', '64:ff9b::127.0.0.1'],
      ['NAT64 of RFC 1918, hex', '64:ff9b::a00:1'],
      ['NAT64 of TEST-NET-1', '64:ff9b::c000:202'],
      ['6to4 of loopback', '2002:7f00:1::1'],
      ['6to4 of RFC 1918', '2002:a00:1:1::1'],
      ['6to4 of TEST-NET-2', '2002:c633:6401::'],
    ])('refuses %s (%s)', (_form, address) => expect(isSpecialPurposeAddress(address)).toBe(true));

    it.each([
      ['IPv4-mapped public', '::ffff:8.8.8.8'],
      ['IPv4-mapped public, hex', '::ffff:808:808'],
      ['NAT64 of a public address', '64:ff9b::8.8.8.8'],
      ['6to4 of a public address', '2002:808:808::1'],
    ])('lets %s through (%s)', (_form, address) => expect(isSpecialPurposeAddress(address)).toBe(false));
  });

  it.each(['', 'localhost', '1.2.3', '256.0.0.1', '::g', 'fe80::1%'])('refuses %j, which is no IP address', (address) => {
    expect(isSpecialPurposeAddress(address)).toBe(true);
  });
});
