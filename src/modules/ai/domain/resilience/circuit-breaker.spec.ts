import { afterFailure, afterSuccess, BreakerSnapshot, breakerState, breakerStateLevel, CLOSED } from './circuit-breaker';

const SETTINGS = { failureThreshold: 3, cooldownMs: 1000 };
const T0 = 1_700_000_000_000;

function failTimes(n: number, from: BreakerSnapshot = CLOSED, now = T0): BreakerSnapshot {
  let snapshot = from;
  for (let i = 0; i < n; i += 1) snapshot = afterFailure(snapshot, now, SETTINGS);
  return snapshot;
}

describe('circuit breaker decisions', () => {
  it('starts closed', () => {
    expect(breakerState(CLOSED, T0)).toBe('closed');
  });

  it('stays closed below the threshold of consecutive failures', () => {
    const snapshot = failTimes(2);
    expect(snapshot).toEqual({ failures: 2, openUntil: null });
    expect(breakerState(snapshot, T0)).toBe('closed');
  });

  it('a success resets the count, so only consecutive failures open it', () => {
    expect(failTimes(2)).toEqual({ failures: 2, openUntil: null });
    // two failures, a success (whatever came before, it yields CLOSED), two failures again
    const interrupted = failTimes(2, afterSuccess());
    expect(interrupted).toEqual({ failures: 2, openUntil: null });
    expect(breakerState(interrupted, T0)).toBe('closed');
    expect(breakerState(failTimes(1, failTimes(2)), T0)).toBe('open');
  });

  it('closed -> open after the threshold, for the cooldown', () => {
    const snapshot = failTimes(3);
    expect(snapshot).toEqual({ failures: 3, openUntil: T0 + 1000 });
    expect(breakerState(snapshot, T0)).toBe('open');
    expect(breakerState(snapshot, T0 + 999)).toBe('open');
  });

  it('open -> half_open once the cooldown has passed', () => {
    expect(breakerState(failTimes(3), T0 + 1000)).toBe('half_open');
  });

  it('a failure while open changes nothing (it does not extend the cooldown)', () => {
    const open = failTimes(3);
    expect(afterFailure(open, T0 + 500, SETTINGS)).toBe(open);
  });

  it('half_open -> closed on a success', () => {
    expect(breakerState(afterSuccess(), T0 + 1000)).toBe('closed');
  });

  it('half_open -> open on a failure, for another cooldown', () => {
    const reopened = afterFailure(failTimes(3), T0 + 1500, SETTINGS);
    expect(reopened.openUntil).toBe(T0 + 2500);
    expect(breakerState(reopened, T0 + 1500)).toBe('open');
    expect(breakerState(reopened, T0 + 2500)).toBe('half_open');
  });

  it('maps states to gauge levels 0, 1, 2', () => {
    expect(['closed', 'half_open', 'open'].map((s) => breakerStateLevel(s as 'closed'))).toEqual([0, 1, 2]);
  });
});
