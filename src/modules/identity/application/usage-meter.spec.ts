import type { AiReplyGrant, MonthlyUsage } from '../domain/usage';
import type { UsageCounterRepository } from './ports/usage-counter.repository.port';
import { UsageMeter } from './usage-meter';
import { strict } from '@test/support/strict-fake';

function build(grant: AiReplyGrant = { allowed: true, used: 1, limit: 5 }, stored: MonthlyUsage[] = []) {
  const calls: unknown[][] = [];
  const counters = strict<UsageCounterRepository>('UsageCounterRepository', {
    tryCountAiReply: async (tenantId: string, period: string) => {
      calls.push(['tryCountAiReply', tenantId, period]);
      return grant;
    },
    addTokens: async (tenantId: string, period: string, prompt: number, completion: number, cost: string) => {
      calls.push(['addTokens', tenantId, period, prompt, completion, cost]);
    },
    findPeriods: async (tenantId: string, periods: string[]) => {
      calls.push(['findPeriods', tenantId, periods]);
      return stored;
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
    expect(calls).toEqual([['addTokens', 'tenant-1', '2025-01', 120, 45, '0']]);
  });

  it('adds the cost of a reply as exact decimal text', async () => {
    const { meter, calls } = build();
    await meter.recordTokens('tenant-1', 120, 45, new Date('2025-03-10T10:00:00Z'), 0.000123);
    expect(calls).toEqual([['addTokens', 'tenant-1', '2025-03', 120, 45, '0.000123']]);
  });

  it('records a cost even when the reply reported no tokens', async () => {
    const { meter, calls } = build();
    await meter.recordTokens('tenant-1', 0, 0, new Date('2025-03-10T10:00:00Z'), 0.0004);
    expect(calls).toEqual([['addTokens', 'tenant-1', '2025-03', 0, 0, '0.0004']]);
  });

  it.each([-0.001, Number.NaN, Number.POSITIVE_INFINITY])('refuses a cost of %p', async (cost) => {
    const { meter, calls } = build();
    await expect(meter.recordTokens('tenant-1', 10, 10, new Date(), cost)).rejects.toThrow(RangeError);
    expect(calls).toEqual([]);
  });

  it("reads the last months' usage newest first, months without a row as zeros", async () => {
    const april: MonthlyUsage = { period: '2025-04', aiReplies: 2, promptTokens: 200, completionTokens: 30, costUsd: 0.0015 };
    const { meter, calls } = build(undefined, [april]);
    await expect(meter.history('tenant-1', 3, new Date('2025-05-31T23:00:00Z'))).resolves.toEqual([
      { period: '2025-05', aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
      april,
      { period: '2025-03', aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    ]);
    expect(calls).toEqual([['findPeriods', 'tenant-1', ['2025-05', '2025-04', '2025-03']]]);
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
