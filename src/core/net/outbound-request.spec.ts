import type { LookupAddress } from 'node:dns';
import { publicOnlyLookup, RefusedAddressError, type ResolveAll, sendOutbound } from './outbound-request';

/** A resolver that answers every host name with the given addresses, as DNS (or a rebinding attacker) might. */
const answering =
  (...addresses: LookupAddress[]): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(null, addresses);

function lookUp(resolve: ResolveAll, all: boolean): Promise<{ error: Error | null; address: unknown; family?: number }> {
  return new Promise((done) =>
    publicOnlyLookup(resolve)('media.example', { all }, (error: Error | null, address: unknown, family?: number) => done({ error, address, family })),
  );
}

describe('publicOnlyLookup', () => {
  it('hands the connection exactly the public address it checked', async () => {
    expect(await lookUp(answering({ address: '93.184.216.34', family: 4 }), false)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    const all = await lookUp(answering({ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::', family: 6 }), true);
    expect(all).toMatchObject({ error: null, address: [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::', family: 6 }] });
  });

  it.each([
    ['loopback', { address: '127.0.0.1', family: 4 }],
    ['TEST-NET-1', { address: '192.0.2.2', family: 4 }],
    ['the cloud metadata address', { address: '169.254.169.254', family: 4 }],
    ['IPv6 loopback', { address: '::1', family: 6 }],
    ['an IPv4-mapped private address', { address: '::ffff:10.0.0.7', family: 6 }],
    ['the IPv6 documentation prefix', { address: '2001:db8::5', family: 6 }],
  ])('fails the connection when the name resolves to %s, even next to a public address', async (_name, special) => {
    for (const all of [false, true]) {
      const { error } = await lookUp(answering({ address: '93.184.216.34', family: 4 }, special), all);
      expect(error).toBeInstanceOf(RefusedAddressError);
      expect(error?.message).toBe(`refused: media.example resolves to a private or local address (${special.address})`);
    }
  });

  it("passes the resolver's own error on", async () => {
    const failing: ResolveAll = (_h, _o, callback) => callback(Object.assign(new Error('getaddrinfo ENOTFOUND media.example'), { code: 'ENOTFOUND' }), []);
    expect((await lookUp(failing, false)).error?.message).toBe('getaddrinfo ENOTFOUND media.example');
  });
});

describe('sendOutbound', () => {
  const signal = () => AbortSignal.timeout(2000);

  it.each(['http://192.0.2.2/x', 'http://[::1]:9/x', 'http://[::ffff:127.0.0.1]:9/x', 'https://[2001:db8::1]/x'])('refuses the IP literal in %s before connecting', async (url) => {
    await expect(sendOutbound(new URL(url), { signal: signal(), publicOnly: true })).rejects.toBeInstanceOf(RefusedAddressError);
  });

  it('refuses a scheme other than HTTP(S)', async () => {
    await expect(sendOutbound(new URL('file:///etc/passwd'), { signal: signal(), publicOnly: false })).rejects.toThrow('refused: file: is not HTTP');
  });
});
