/** This month's metered use of one tenant; a month is a UTC calendar month, 'YYYY-MM'. */
export interface MonthlyUsage {
  period: string;
  aiReplies: number;
  promptTokens: number;
  completionTokens: number;
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
  return { period, aiReplies: 0, promptTokens: 0, completionTokens: 0 };
}
