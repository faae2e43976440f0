/**
 * A circuit breaker per LLM provider and model, as pure decisions over a stored snapshot:
 * closed (calls go through) -> open after `failureThreshold` consecutive failures (calls are refused
 * at once) -> half_open once `cooldownMs` has passed (calls may try again) -> closed on the next
 * success, or open for another cooldown on the next failure.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSnapshot {
  /** Consecutive failures since the last success. */
  failures: number;
  /** Epoch ms until which calls are refused; null while closed. */
  openUntil: number | null;
}

export interface BreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
}

export const CLOSED: BreakerSnapshot = { failures: 0, openUntil: null };

export function breakerState(snapshot: BreakerSnapshot, now: number): BreakerState {
  if (snapshot.openUntil === null) return 'closed';
  return now < snapshot.openUntil ? 'open' : 'half_open';
}

/** Any success proves the provider answers again. */
export function afterSuccess(): BreakerSnapshot {
  return CLOSED;
}

/**
 * A failure while closed counts toward the threshold; the trial call of half_open failing reopens;
 * a failure while already open (a call that started before it opened) changes nothing.
 */
export function afterFailure(snapshot: BreakerSnapshot, now: number, settings: BreakerSettings): BreakerSnapshot {
  const failures = snapshot.failures + 1;
  switch (breakerState(snapshot, now)) {
    case 'open':
      return snapshot;
    case 'half_open':
      return { failures, openUntil: now + settings.cooldownMs };
    case 'closed':
      return { failures, openUntil: failures >= settings.failureThreshold ? now + settings.cooldownMs : null };
  }
}

/** The gauge value of a state: 0 closed, 1 half_open, 2 open. */
export function breakerStateLevel(state: BreakerState): number {
  return state === 'closed' ? 0 : state === 'half_open' ? 1 : 2;
}
