import { emptyUsage, usagePeriod } from './usage';

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
    expect(emptyUsage('2025-06')).toEqual({ period: '2025-06', aiReplies: 0, promptTokens: 0, completionTokens: 0 });
  });
});
