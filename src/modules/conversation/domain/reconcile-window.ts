/**
 * Which unfinished messages a reconciler pass may re-drive: settled (older than the grace period,
 * which their own job had to pick them up, burst windows and retries included) and not older than
 * the horizon (a day-old answer helps nobody: those are only reported).
 */
export interface ReconcileWindow {
  /** Created before this: past the grace period. */
  settledBefore: Date;
  /** Created at or after this: within the horizon. */
  notBefore: Date;
}

export function reconcileWindow(now: Date, { graceMs, horizonMs }: { graceMs: number; horizonMs: number }): ReconcileWindow {
  return { settledBefore: new Date(now.getTime() - graceMs), notBefore: new Date(now.getTime() - Math.max(horizonMs, graceMs)) };
}
