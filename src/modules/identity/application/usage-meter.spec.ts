import type { AiReplyGrant } from '../domain/usage';
import type { UsageCounterRepository } from './ports/usage-counter.repository.port';
import { UsageMeter } from './usage-meter';
import { strict } from '@test/support/strict-fake';

function build(grant: AiReplyGrant = { allowed: true, used: 1, limit: 5 }) {
  const calls: unknown[][] = [];
  const counters = strict<UsageCounterRepository>('UsageCounterRepository', {
    tryCountAiReply: async (tenantId: string, period: string) => {
      calls.push(['tryCountAiReply', tenantId, period]);
      return grant;
    },
    addTokens: async (tenantId: string, period: string, prompt: number, completion: number) => {
      calls.push(['addTokens', tenantId, period, prompt, completion]);
    },
  });
  return { meter: new UsageMeter(counters), calls };
}

describe('UsageMeter', () => {
  it("counts an AI reply in the UTC month of the moment it is asked, and passes on the store's answer", async () => {
    const { meter, calls } = build({ allowed: false, used: 5, limit: 5 });
    await expect(meter.tryConsumeAiReply('tenant-1', new Date('2025-01-31T23:59:59.999Z'))).resolves.toEqual({ allowed: false, used: 5, limit: 5 });
    await meter.tryConsumeAiReply('tenant-1', new Date('2025-02-01T00:00:00.000Z'));
    expect(calls).toEqual([
      ['tryCountAiReply', 'tenant-1', '2025-01'],
      ['tryCountAiReply', 'tenant-1', '2025-02'],
    ]);
  });

  it('adds the tokens of a reply to the month it was made in', async () => {
    const { meter, calls } = build();
    await meter.recordTokens('tenant-1', 120, 45, new Date('2024-12-31T23:00:00-03:00'));
    expect(calls).toEqual([['addTokens', 'tenant-1', '2025-01', 120, 45]]);
  });

  it('writes nothing for a reply that used no tokens', async () => {
    const { meter, calls } = build();
    await meter.recordTokens('tenant-1', 0, 0);
    expect(calls).toEqual([]);
  });

  it.each([
    [-1, 10],
    [10, -1],
    [1.5, 10],
    [10, Number.NaN],
  ])('refuses token counts that are not non-negative integers (%p, %p)', async (prompt, completion) => {
    const { meter, calls } = build();
    await expect(meter.recordTokens('tenant-1', prompt, completion)).rejects.toThrow(RangeError);
    expect(calls).toEqual([]);
  });
});
