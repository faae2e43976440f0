import { AppConfig, ConfigValidationError, loadConfig, loadDatabaseUrl } from './app-config';

const REQUIRED = [
  'DATABASE_URL',
  'REDIS_URL',
  'PUBLIC_BASE_URL',
  'JWT_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'ENCRYPTION_KEY',
] as const;

function validEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: 'postgres://atende:atende@localhost:5432/atende',
    REDIS_URL: 'redis://localhost:6379',
    PUBLIC_BASE_URL: 'https://atende.example.com',
    JWT_SECRET: 'j'.repeat(32),
    ADMIN_EMAIL: 'admin@atende.local',
    ADMIN_PASSWORD: 'correct-horse-42',
    ENCRYPTION_KEY: '0123456789abcdef'.repeat(4),
    ...overrides,
  };
}

/** Runs loadConfig expecting it to fail; returns the error so a test can inspect its problems. */
function configError(env: Record<string, string | undefined>): ConfigValidationError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('expected loadConfig to throw ConfigValidationError');
}

describe('loadConfig', () => {
  it('accepts a complete valid environment and keeps its values', () => {
    const config = loadConfig(validEnv({ PORT: '8080', APP_ROLE: 'worker', LOG_LEVEL: 'debug' }));

    expect(config).toBeInstanceOf(AppConfig);
    expect(config.DATABASE_URL).toBe('postgres://atende:atende@localhost:5432/atende');
    expect(config.REDIS_URL).toBe('redis://localhost:6379');
    expect(config.PUBLIC_BASE_URL).toBe('https://atende.example.com');
    expect(config.ADMIN_EMAIL).toBe('admin@atende.local');
    expect(config.PORT).toBe(8080);
    expect(config.APP_ROLE).toBe('worker');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('applies the defaults for every optional setting left unset', () => {
    const config = loadConfig(validEnv());

    expect(config.PORT).toBe(3000);
    expect(config.APP_ROLE).toBe('all');
    expect(config.TWILIO_API_BASE_URL).toBe('https://api.twilio.com');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SANDBOX_ENABLED).toBe(true);
    expect(config.DEMO_SEED).toBe(false);
    expect(config.QUEUE_ATTEMPTS).toBe(6);
    expect(config.QUEUE_BACKOFF_MS).toBe(2000);
    expect(config.EMBEDDING_DIMENSIONS).toBe(1536);
  });

  it('uses the local LLM provider when OPENAI_API_KEY is not set', () => {
    expect(loadConfig(validEnv()).llmProvider).toBe('local');
  });

  it('uses the OpenAI provider when OPENAI_API_KEY is set', () => {
    const config = loadConfig(validEnv({ OPENAI_API_KEY: 'sk-test-key' }));

    expect(config.OPENAI_API_KEY).toBe('sk-test-key');
    expect(config.llmProvider).toBe('openai');
  });

  it('runs both the API and the worker with APP_ROLE all, and only one of them otherwise', () => {
    const all = loadConfig(validEnv());
    const api = loadConfig(validEnv({ APP_ROLE: 'api' }));
    const worker = loadConfig(validEnv({ APP_ROLE: 'worker' }));

    expect([all.runsApi, all.runsWorker]).toEqual([true, true]);
    expect([api.runsApi, api.runsWorker]).toEqual([true, false]);
    expect([worker.runsApi, worker.runsWorker]).toEqual([false, true]);
  });

  it('points sandbox sends at its own port unless SANDBOX_BASE_URL is given, without a doubled slash', () => {
    expect(loadConfig(validEnv({ PORT: '4010' })).sandboxBaseUrl).toBe('http://127.0.0.1:4010/sandbox/twilio');
    expect(loadConfig(validEnv({ SANDBOX_BASE_URL: 'http://app.internal:9000/' })).sandboxBaseUrl).toBe(
      'http://app.internal:9000/sandbox/twilio',
    );
  });

  it('reads boolean flags written as true/false, 1/0 or yes/no', () => {
    expect(loadConfig(validEnv({ SANDBOX_ENABLED: 'false' })).SANDBOX_ENABLED).toBe(false);
    expect(loadConfig(validEnv({ SANDBOX_ENABLED: '0' })).SANDBOX_ENABLED).toBe(false);
    expect(loadConfig(validEnv({ DEMO_SEED: 'YES' })).DEMO_SEED).toBe(true);
    expect(loadConfig(validEnv({ DEMO_SEED: '1' })).DEMO_SEED).toBe(true);
  });

  it('ignores environment variables it does not know', () => {
    const config = loadConfig(validEnv({ HOME: '/root', SOMETHING_ELSE: 'x' }));

    expect(config).not.toHaveProperty('SOMETHING_ELSE');
    expect(config).not.toHaveProperty('HOME');
  });

  it.each(REQUIRED)('refuses to start without %s and names it', (name) => {
    const error = configError(validEnv({ [name]: undefined }));

    expect(error.problems).toEqual([`${name} is required but not set`]);
    expect(error.message).toContain(name);
  });

  it.each(REQUIRED)('treats an empty %s as unset', (name) => {
    const error = configError(validEnv({ [name]: '' }));

    expect(error.problems).toEqual([`${name} is required but not set`]);
  });

  it('treats an empty optional variable as unset and applies its default', () => {
    const config = loadConfig(validEnv({ PORT: '', APP_ROLE: '', OPENAI_API_KEY: '', SANDBOX_ENABLED: '' }));

    expect(config.PORT).toBe(3000);
    expect(config.APP_ROLE).toBe('all');
    expect(config.SANDBOX_ENABLED).toBe(true);
    expect(config.llmProvider).toBe('local');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['APP_ROLE', 'web'],
    ['ENCRYPTION_KEY', 'abcdef0123'],
    ['ENCRYPTION_KEY', 'z'.repeat(64)],
    ['JWT_SECRET', 'short-secret'],
    ['DATABASE_URL', 'mysql://user:pass@localhost:3306/atende'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PUBLIC_BASE_URL', 'atende.example.com'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['ADMIN_PASSWORD', 'short'],
    ['SANDBOX_ENABLED', 'maybe'],
    ['OPENAI_BASE_URL', 'not-a-url'],
    ['LOG_LEVEL', 'verbose'],
    ['QUEUE_ATTEMPTS', '0'],
  ])('rejects %s=%s and names the variable', (name, value) => {
    const error = configError(validEnv({ [name]: value }));

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(name);
    expect(error.message).toContain(name);
  });

  it('reports every problem at once, missing and invalid alike', () => {
    const error = configError(
      validEnv({ DATABASE_URL: undefined, REDIS_URL: '', PORT: 'abc', APP_ROLE: 'web', JWT_SECRET: 'short' }),
    );

    expect(error.problems).toHaveLength(5);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PORT', 'APP_ROLE', 'JWT_SECRET']) {
      expect(error.problems.filter((problem) => problem.includes(name))).toHaveLength(1);
      expect(error.message).toContain(name);
    }
  });

  it('names all seven required variables when the environment is empty', () => {
    const error = configError({});

    expect(error.problems).toEqual(REQUIRED.map((name) => `${name} is required but not set`));
  });

  it('does not echo secret values in its error message', () => {
    const error = configError(validEnv({ JWT_SECRET: 'tiny-secret-value', ENCRYPTION_KEY: 'secret-not-hex' }));

    expect(error.message).not.toContain('tiny-secret-value');
    expect(error.message).not.toContain('secret-not-hex');
  });

  it('defaults the LLM resilience settings and leaves the budget, price and fallback overrides unset', () => {
    const config = loadConfig(validEnv());

    expect(config).toMatchObject({
      AI_LLM_TIMEOUT_MS: 20000,
      AI_LLM_RETRY_ATTEMPTS: 3,
      AI_LLM_RETRY_BASE_MS: 300,
      AI_LLM_RETRY_MAX_MS: 3000,
      AI_BREAKER_FAILURE_THRESHOLD: 5,
      AI_BREAKER_COOLDOWN_MS: 30000,
    });
    expect([config.OPENAI_FALLBACK_MODEL, config.AI_CONTEXT_TOKEN_BUDGET, config.AI_PRICE_INPUT_PER_MTOK, config.AI_PRICE_OUTPUT_PER_MTOK]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads fractional prices and integer AI settings, and names a bad one', () => {
    const config = loadConfig(validEnv({ AI_PRICE_INPUT_PER_MTOK: '0.15', AI_PRICE_OUTPUT_PER_MTOK: '0.6', AI_CONTEXT_TOKEN_BUDGET: '4000', OPENAI_FALLBACK_MODEL: 'gpt-4.1-mini' }));
    expect(config).toMatchObject({ AI_PRICE_INPUT_PER_MTOK: 0.15, AI_PRICE_OUTPUT_PER_MTOK: 0.6, AI_CONTEXT_TOKEN_BUDGET: 4000, OPENAI_FALLBACK_MODEL: 'gpt-4.1-mini' });

    const error = configError(validEnv({ AI_PRICE_INPUT_PER_MTOK: 'cheap', AI_LLM_RETRY_ATTEMPTS: '0' }));
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('AI_PRICE_INPUT_PER_MTOK must be a number');
    expect(error.message).toContain('AI_LLM_RETRY_ATTEMPTS');
  });

  it('allows no other origins onto the live gateway unless LIVE_ALLOWED_ORIGINS lists them, and names a malformed list', () => {
    expect(loadConfig(validEnv()).liveAllowedOrigins).toEqual([]);
    expect(loadConfig(validEnv({ LIVE_ALLOWED_ORIGINS: 'https://console.example.com, http://localhost:5173' })).liveAllowedOrigins).toEqual(['https://console.example.com', 'http://localhost:5173']);
    expect(configError(validEnv({ LIVE_ALLOWED_ORIGINS: 'https://console.example.com/app' })).message).toContain('LIVE_ALLOWED_ORIGINS must be comma-separated origins');
  });
});

describe('TRUST_PROXY', () => {
  const trustProxy = (value?: string) => loadConfig(validEnv({ TRUST_PROXY: value })).trustProxy;

  it('trusts no proxy unless told: the client address is the connection\'s', () => {
    expect(trustProxy(undefined)).toBe(false);
    expect(trustProxy('')).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('reads every hop, a hop count, or a list of proxy addresses, CIDR ranges and named ranges', () => {
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('10.0.0.0/8, 127.0.0.1,::1, fd00::/8')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    expect(trustProxy('loopback')).toEqual(['loopback']);
  });

  it.each(['yes please', '10.0.0.0/33', '300.1.1.1', 'example.com', '10.0.0.1/8/8', ','])('names a malformed setting (%j)', (value) => {
    expect(configError(validEnv({ TRUST_PROXY: value })).message).toContain('TRUST_PROXY must be');
  });
});

describe('loadDatabaseUrl', () => {
  it('returns a postgres:// or postgresql:// URL without demanding the other settings', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgres://u:p@db:5432/atende' })).toBe('postgres://u:p@db:5432/atende');
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgresql://db/atende' })).toBe('postgresql://db/atende');
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['a mysql URL', 'mysql://u:p@db:3306/atende'],
    ['a bare scheme', 'postgres://'],
  ])('throws ConfigValidationError naming DATABASE_URL when it is %s', (_label, value) => {
    expect(() => loadDatabaseUrl({ DATABASE_URL: value })).toThrow(ConfigValidationError);
    expect(() => loadDatabaseUrl({ DATABASE_URL: value })).toThrow(/DATABASE_URL/);
  });
  it('brings a dead worker\'s job back within about 12 s by default, and lets tests shorten every recovery knob', () => {
    const defaults = loadConfig(validEnv());
    expect(defaults.QUEUE_LOCK_DURATION_MS + defaults.QUEUE_STALLED_INTERVAL_MS).toBeLessThan(15000);
    expect(defaults.QUEUE_LOCK_RENEW_MS).toBeLessThan(defaults.QUEUE_LOCK_DURATION_MS);
    expect(defaults).toMatchObject({ RECONCILE_GRACE_MS: 30000, RECONCILE_INTERVAL_MS: 30000, RECONCILE_HORIZON_MS: 86400000, QUEUE_ENQUEUE_TIMEOUT_MS: 1000 });
    expect(loadConfig(validEnv({ RECONCILE_GRACE_MS: '0', RECONCILE_INTERVAL_MS: '200' }))).toMatchObject({ RECONCILE_GRACE_MS: 0, RECONCILE_INTERVAL_MS: 200 });
  });

  it('refuses a job lock renewed no sooner than it expires', () => {
    expect(configError(validEnv({ QUEUE_LOCK_DURATION_MS: '2000', QUEUE_LOCK_RENEW_MS: '2000' })).problems).toEqual(['QUEUE_LOCK_RENEW_MS must be shorter than QUEUE_LOCK_DURATION_MS']);
  });
});
