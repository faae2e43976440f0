import { costAsDecimal, emptyUsage, MonthlyUsage, recentPeriods, usageOfPeriods, usagePeriod } from './usage';

describe('usagePeriod', () => {
  it('names the UTC calendar month as YYYY-MM', () => {
    expect(usagePeriod(new Date('2025-03-15T12:00:00Z'))).toBe('2025-03');
    expect(usagePeriod(new Date('2025-11-02T08:30:00Z'))).toBe('2025-11');
  });

  it('puts the first and last millisecond of a month in that month', () => {
    expect(usagePeriod(new Date('2025-01-01T00:00:00.000Z'))).toBe('2025-01');
    expect(usagePeriod(new Date('2025-01-31T23:59:59.999Z'))).toBe('2025-01');
    expect(usagePeriod(new Date('2025-02-01T00:00:00.000Z'))).toBe('2025-02');
  });

  it('crosses the year boundary at UTC midnight', () => {
    expect(usagePeriod(new Date('2024-12-31T23:59:59.999Z'))).toBe('2024-12');
    expect(usagePeriod(new Date('2025-01-01T00:00:00.000Z'))).toBe('2025-01');
  });

  it('follows UTC, not the local offset written in the timestamp', () => {
    // 21:30 on 31 March in São Paulo is already April in UTC.
    expect(usagePeriod(new Date('2025-03-31T21:30:00-03:00'))).toBe('2025-04');
    // 00:30 on 1 May in Lisbon summer time is still April in UTC.
    expect(usagePeriod(new Date('2025-05-01T00:30:00+01:00'))).toBe('2025-04');
  });

  it('handles the leap day', () => {
    expect(usagePeriod(new Date('2024-02-29T23:59:59.999Z'))).toBe('2024-02');
    expect(usagePeriod(new Date('2024-03-01T00:00:00.000Z'))).toBe('2024-03');
  });

  it('refuses an invalid date instead of naming a bogus period', () => {
    expect(() => usagePeriod(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('emptyUsage', () => {
  it('starts a period at zero for every counter', () => {
    expect(emptyUsage('2025-06')).toEqual({ period: '2025-06', aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
  });
});

describe('recentPeriods', () => {
  it('lists the month of the moment and the ones before it, newest first', () => {
    expect(recentPeriods(new Date('2025-06-15T12:00:00Z'), 3)).toEqual(['2025-06', '2025-05', '2025-04']);
  });

  it('crosses year boundaries backwards', () => {
    expect(recentPeriods(new Date('2025-02-10T00:00:00Z'), 4)).toEqual(['2025-02', '2025-01', '2024-12', '2024-11']);
  });

  it('does not skip short months when the moment is late in a long one', () => {
    expect(recentPeriods(new Date('2025-03-31T23:59:59.999Z'), 3)).toEqual(['2025-03', '2025-02', '2025-01']);
  });

  it('follows UTC, like usagePeriod', () => {
    expect(recentPeriods(new Date('2025-03-31T21:30:00-03:00'), 2)).toEqual(['2025-04', '2025-03']);
  });

  it('gives two full years for 24 months', () => {
    const periods = recentPeriods(new Date('2025-06-01T00:00:00Z'), 24);
    expect(periods).toHaveLength(24);
    expect(new Set(periods).size).toBe(24);
    expect([periods[0], periods[11], periods[12], periods[23]]).toEqual(['2025-06', '2024-07', '2024-06', '2023-07']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p months', (months) => {
    expect(() => recentPeriods(new Date('2025-06-01T00:00:00Z'), months)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => recentPeriods(new Date('not a date'), 2)).toThrow(RangeError);
  });
});

describe('usageOfPeriods', () => {
  const may: MonthlyUsage = { period: '2025-05', aiReplies: 3, promptTokens: 300, completionTokens: 40, costUsd: 0.0021 };

  it('keeps the order of the periods and fills months without a row with zeros', () => {
    expect(usageOfPeriods(['2025-06', '2025-05', '2025-04'], [may])).toEqual([emptyUsage('2025-06'), may, emptyUsage('2025-04')]);
  });

  it('leaves out stored rows of periods not asked for', () => {
    expect(usageOfPeriods(['2025-06'], [may])).toEqual([emptyUsage('2025-06')]);
  });
});

describe('costAsDecimal', () => {
  it('writes a cost as its exact shortest decimal text', () => {
    expect(costAsDecimal(0.000123)).toBe('0.000123');
    expect(costAsDecimal(0.00021)).toBe('0.00021');
    expect(costAsDecimal(0)).toBe('0');
    expect(costAsDecimal(12.5)).toBe('12.5');
  });

  it.each([-0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (cost) => {
    expect(() => costAsDecimal(cost)).toThrow(RangeError);
  });
});
