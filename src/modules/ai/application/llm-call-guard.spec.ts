import { Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { strict } from '@test/support/strict-fake';
import { LlmCallGuard } from './llm-call-guard';
import { LlmUnavailableError } from './llm-unavailable.error';
import { BreakerState, CircuitBreaker } from './ports/circuit-breaker.port';
import { Sleep } from './ports/sleep.port';

const KEY = 'openai:gpt-4o-mini';
const rateLimited = () => Object.assign(new Error('429 Rate limit reached'), { status: 429 });
const badRequest = () => Object.assign(new Error('400 Invalid schema'), { status: 400 });

/** An in-memory breaker that records what the guard told it; `opensAfter` failures open it. */
function fakeBreaker(initial: BreakerState = 'closed', opensAfter = Infinity) {
  const calls: string[] = [];
  let state = initial;
  let failures = 0;
  const breaker = strict<CircuitBreaker>('CircuitBreaker', {
    state: async () => (calls.push('state'), state),
    recordSuccess: async () => {
      calls.push('success');
      state = 'closed';
    },
    recordFailure: async () => {
      calls.push('failure');
      failures += 1;
      if (failures >= opensAfter) state = 'open';
      return state;
    },
  });
  return { breaker, calls };
}

function fakeSleep() {
  const waits: number[] = [];
  return { sleep: strict<Sleep>('Sleep', { wait: async (ms: number) => void waits.push(ms) }), waits };
}

const config = (attempts = 3) => Object.assign(new AppConfig(), { AI_LLM_RETRY_ATTEMPTS: attempts, AI_LLM_RETRY_BASE_MS: 100, AI_LLM_RETRY_MAX_MS: 250 });

/** A call that fails with the given errors in turn, then answers. */
function flaky<T>(errors: Error[], answer: T) {
  let count = 0;
  const call = async () => {
    count += 1;
    if (count <= errors.length) throw errors[count - 1];
    return answer;
  };
  return { call, count: () => count };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('LlmCallGuard', () => {
  beforeEach(() => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('returns the answer and records a success', async () => {
    const { breaker, calls } = fakeBreaker();
    const guard = new LlmCallGuard(breaker, fakeSleep().sleep, config());

    await expect(guard.run(KEY, async () => 'hello')).resolves.toBe('hello');
    expect(calls).toEqual(['state', 'success']);
  });

  it('retries retryable errors with growing, capped backoff, counting each failure', async () => {
    const { breaker, calls } = fakeBreaker();
    const { sleep, waits } = fakeSleep();
    const guard = new LlmCallGuard(breaker, sleep, config(4));
    const llm = flaky([rateLimited(), rateLimited(), rateLimited()], 'finally');

    await expect(guard.run(KEY, llm.call)).resolves.toBe('finally');
    expect(llm.count()).toBe(4);
    expect(waits).toEqual([100, 200, 250]);
    expect(calls).toEqual(['state', 'failure', 'state', 'failure', 'state', 'failure', 'state', 'success']);
  });

  it('draws each wait below its ceiling (full jitter)', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const { sleep, waits } = fakeSleep();
    const guard = new LlmCallGuard(fakeBreaker().breaker, sleep, config());

    await guard.run(KEY, flaky([rateLimited(), rateLimited()], 'ok').call);
    expect(waits).toEqual([50, 100]);
  });

  it('after the last attempt throws LlmUnavailableError(exhausted) with the last error as cause', async () => {
    const { sleep, waits } = fakeSleep();
    const guard = new LlmCallGuard(fakeBreaker().breaker, sleep, config(2));
    const last = Object.assign(new Error('503 overloaded'), { status: 503 });

    const error = await rejection(guard.run(KEY, flaky([rateLimited(), last], 'never').call));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ reason: 'exhausted', key: KEY, cause: last });
    expect(waits).toHaveLength(1);
  });

  it('refuses at once without calling the LLM while the breaker is open', async () => {
    const { breaker, calls } = fakeBreaker('open');
    const llm = flaky([], 'unused');

    const error = await rejection(new LlmCallGuard(breaker, fakeSleep().sleep, config()).run(KEY, llm.call));

    expect(error).toMatchObject({ name: 'LlmUnavailableError', reason: 'breaker_open', key: KEY });
    expect(llm.count()).toBe(0);
    expect(calls).toEqual(['state']);
  });

  it('stops retrying when its failure opens the breaker', async () => {
    const { breaker } = fakeBreaker('closed', 2);
    const { sleep, waits } = fakeSleep();
    const llm = flaky([rateLimited(), rateLimited(), rateLimited()], 'unused');

    const error = await rejection(new LlmCallGuard(breaker, sleep, config(5)).run(KEY, llm.call));

    expect(error).toMatchObject({ reason: 'breaker_open', key: KEY });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(llm.count()).toBe(2);
    expect(waits).toHaveLength(1);
  });

  it('tries while half_open, and a success closes the breaker', async () => {
    const { breaker, calls } = fakeBreaker('half_open');

    await expect(new LlmCallGuard(breaker, fakeSleep().sleep, config()).run(KEY, async () => 'back')).resolves.toBe('back');
    expect(calls).toEqual(['state', 'success']);
  });

  it('rethrows a non-retryable error at once, without counting it against the provider', async () => {
    const { breaker, calls } = fakeBreaker();
    const { sleep, waits } = fakeSleep();
    const invalid = badRequest();
    const llm = flaky([invalid], 'unused');

    await expect(new LlmCallGuard(breaker, sleep, config()).run(KEY, llm.call)).rejects.toBe(invalid);
    expect(llm.count()).toBe(1);
    expect(calls).toEqual(['state']);
    expect(waits).toEqual([]);
  });

  it('calls the LLM anyway when the breaker store cannot be reached', async () => {
    const down = async () => {
      throw new Error('Redis connection lost');
    };
    const breaker = strict<CircuitBreaker>('CircuitBreaker', { state: down, recordSuccess: down, recordFailure: down });
    const { sleep } = fakeSleep();

    await expect(new LlmCallGuard(breaker, sleep, config()).run(KEY, flaky([rateLimited()], 'answered').call)).resolves.toBe('answered');
  });
});
