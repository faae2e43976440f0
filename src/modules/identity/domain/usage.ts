/** This month's metered use of one tenant; a month is a UTC calendar month, 'YYYY-MM'. */
export interface MonthlyUsage {
  period: string;
  aiReplies: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated LLM cost of the month's AI runs, in USD. */
  costUsd: number;
}

/** The answer to "may the AI reply once more this month?"; limit null means unlimited. */
export interface AiReplyGrant {
  allowed: boolean;
  used: number;
  limit: number | null;
}

/** The metering period an instant falls in: its UTC calendar month, so every process and time zone agrees. */
export function usagePeriod(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('usagePeriod needs a valid date');
  return `${String(at.getUTCFullYear()).padStart(4, '0')}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function emptyUsage(period: string): MonthlyUsage {
  return { period, aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
}

/** The `months` metering periods that end with the one `at` falls in, newest first. */
export function recentPeriods(at: Date, months: number): string[] {
  if (!Number.isSafeInteger(months) || months < 1) throw new RangeError(`months must be a positive integer, got ${months}`);
  return Array.from({ length: months }, (_, back) => usagePeriod(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1))));
}

/** One entry per period, in the periods' order; a period without a stored row counts as zero use. */
export function usageOfPeriods(periods: string[], stored: MonthlyUsage[]): MonthlyUsage[] {
  const byPeriod = new Map(stored.map((usage) => [usage.period, usage]));
  return periods.map((period) => byPeriod.get(period) ?? emptyUsage(period));
}

/**
 * A cost as the decimal text PostgreSQL adds exactly (numeric), so sums never pick up binary
 * floating-point drift; JavaScript's shortest round-trip form of 0.000123 is exactly '0.000123'.
 */
export function costAsDecimal(costUsd: number): string {
  if (!Number.isFinite(costUsd) || costUsd < 0) throw new RangeError(`cost must be a non-negative finite number, got ${costUsd}`);
  return String(costUsd);
}
