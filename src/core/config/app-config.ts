import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
/** Number() keeps fractions; the validator decides whether they are allowed. */
const toNumber = toInt;
const BOOLEANS: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.toLowerCase() in BOOLEANS ? BOOLEANS[value.toLowerCase()] : value;

/** Every setting the process reads, validated once at start (ARCHITECTURE.md §6). */
export class AppConfig {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'TWILIO_API_BASE_URL must be an http(s) URL' })
  TWILIO_API_BASE_URL = 'https://api.twilio.com';

  /** How long a call to Twilio's REST API may take; a send that times out may still have been accepted. */
  @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  TWILIO_REQUEST_TIMEOUT_MS = 15000;

  /**
   * A send whose outcome is unknown (timeout, 5xx, worker killed mid-call) is looked up in Twilio's
   * message list before any resend, once it is older than the request timeout plus this margin:
   * Twilio's list can lag a few seconds behind a send it accepted.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(600000)
  TWILIO_SEND_LOOKUP_MARGIN_MS = 10000;

  @IsOptional() @IsString()
  OPENAI_API_KEY?: string;

  @IsOptional() @IsUrl(URL_OPTIONS, { message: 'OPENAI_BASE_URL must be an http(s) URL' })
  OPENAI_BASE_URL?: string;

  @IsString() @MinLength(1)
  OPENAI_MODEL = 'gpt-4o-mini';

  @IsString() @MinLength(1)
  EMBEDDING_MODEL = 'text-embedding-3-small';

  @Transform(toInt) @IsInt() @Min(8) @Max(4096)
  EMBEDDING_DIMENSIONS = 1536;

  /** Tried when OPENAI_MODEL stays unavailable (its breaker open or retries exhausted); empty: none. */
  @IsOptional() @IsString()
  OPENAI_FALLBACK_MODEL?: string;

  /** Speech-to-text model of the OpenAI-compatible /audio/transcriptions endpoint (voice notes). */
  @IsString() @MinLength(1)
  TRANSCRIPTION_MODEL = 'whisper-1';

  /** A transcription call is abandoned after this long (the transcribe_audio job retries). */
  @Transform(toInt) @IsInt() @Min(100)
  TRANSCRIPTION_TIMEOUT_MS = 60000;

  /** Downloading an inbound message's media from Twilio is abandoned after this long. */
  @Transform(toInt) @IsInt() @Min(100)
  MEDIA_FETCH_TIMEOUT_MS = 30000;

  /** Each LLM call is abandoned after this long (and counts as a retryable failure). */
  @Transform(toInt) @IsInt() @Min(100)
  AI_LLM_TIMEOUT_MS = 20000;

  /** Attempts per LLM call (1 = no retry); waits between them grow from BASE to MAX with jitter. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10)
  AI_LLM_RETRY_ATTEMPTS = 3;

  @Transform(toInt) @IsInt() @Min(0)
  AI_LLM_RETRY_BASE_MS = 300;

  @Transform(toInt) @IsInt() @Min(0)
  AI_LLM_RETRY_MAX_MS = 3000;

  /** Consecutive retryable failures that open a model's circuit breaker, for all processes. */
  @Transform(toInt) @IsInt() @Min(1)
  AI_BREAKER_FAILURE_THRESHOLD = 5;

  /** How long an open breaker refuses calls before letting one try again. */
  @Transform(toInt) @IsInt() @Min(1)
  AI_BREAKER_COOLDOWN_MS = 30000;

  /** The burst window of tenants that never set their own (channel settings debounceMs). */
  @Transform(toInt) @IsInt() @Min(0) @Max(30000)
  CHANNEL_DEFAULT_DEBOUNCE_MS = 2000;

  /** A worker process (APP_ROLE=worker) serves GET /metrics on this port; empty: it serves none. api processes use PORT. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  METRICS_PORT?: number;

  /** Tokens of conversation history sent to the model; empty: a default per model. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100)
  AI_CONTEXT_TOKEN_BUDGET?: number;

  /** USD per million tokens, for cost estimates of models the built-in price table does not know. */
  @IsOptional() @Transform(toNumber) @Min(0) @IsNumber({}, { message: 'AI_PRICE_INPUT_PER_MTOK must be a number' })
  AI_PRICE_INPUT_PER_MTOK?: number;

  @IsOptional() @Transform(toNumber) @Min(0) @IsNumber({}, { message: 'AI_PRICE_OUTPUT_PER_MTOK must be a number' })
  AI_PRICE_OUTPUT_PER_MTOK?: number;

  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsEmail({ require_tld: false }, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL!: string;

  @IsString() @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD!: string;

  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'ENCRYPTION_KEY must be 32 bytes as 64 hex characters' })
  ENCRYPTION_KEY!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Where sandbox numbers send: the app's own Twilio-compatible stand-in. */
  @IsOptional() @IsUrl(URL_OPTIONS, { message: 'SANDBOX_BASE_URL must be an http(s) URL' })
  SANDBOX_BASE_URL?: string;

  @Transform(toBool) @IsBoolean({ message: 'SANDBOX_ENABLED must be true or false' })
  SANDBOX_ENABLED = true;

  @Transform(toBool) @IsBoolean({ message: 'DEMO_SEED must be true or false' })
  DEMO_SEED = false;

  /** Prefix of every Redis key (queues, ledgers): several deployments can share one Redis. */
  @Matches(/^[A-Za-z0-9:_{}-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits or : _ - { }' })
  QUEUE_PREFIX = 'atende';

  /** First retry delay of queued jobs; later ones double. */
  @Transform(toInt) @IsInt() @Min(1)
  QUEUE_BACKOFF_MS = 2000;

  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  QUEUE_ATTEMPTS = 6;

  /**
   * A running job holds its lock this long and renews it every QUEUE_LOCK_RENEW_MS; a worker that
   * died mid-job loses it after at most this long, and the next stalled check (every
   * QUEUE_STALLED_INTERVAL_MS) hands the job to another worker.
   */
  @Transform(toInt) @IsInt() @Min(1000)
  QUEUE_LOCK_DURATION_MS = 8000;

  @Transform(toInt) @IsInt() @Min(100)
  QUEUE_LOCK_RENEW_MS = 2000;

  @Transform(toInt) @IsInt() @Min(500)
  QUEUE_STALLED_INTERVAL_MS = 4000;

  /** Interruptions a job survives; one more fails it for good (the reconciler then re-drives its message). */
  @Transform(toInt) @IsInt() @Min(0) @Max(100)
  QUEUE_MAX_STALLED_COUNT = 2;

  /**
   * The longest a producer waits for Redis to take a job for a message already in PostgreSQL (the
   * webhook among them); past it, or while Redis is not connected, the job is left to the reconciler.
   */
  @Transform(toInt) @IsInt() @Min(10) @Max(10000)
  QUEUE_ENQUEUE_TIMEOUT_MS = 1000;

  /**
   * The reconciler re-drives, from PostgreSQL, accepted inbound messages without an AI outcome and
   * outbound messages never handed to Twilio once they are this old (their own job should have
   * taken them by then) and no job for them is left in Redis.
   */
  @Transform(toInt) @IsInt() @Min(0)
  RECONCILE_GRACE_MS = 30000;

  /** How often each worker runs a reconciler pass (one process at a time, under a PostgreSQL lock); also once at start. */
  @Transform(toInt) @IsInt() @Min(100)
  RECONCILE_INTERVAL_MS = 30000;

  /** Older messages are not re-driven (a day-old answer helps nobody): they are reported on /health/ready and /metrics. */
  @Transform(toInt) @IsInt() @Min(60000)
  RECONCILE_HORIZON_MS = 86400000;

  /** At most this many inbound and this many outbound messages per pass; the next pass takes the rest. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  RECONCILE_BATCH_SIZE = 500;

  /** How often a worker looks for idle conversations to follow up or close (one schedule for all workers). */
  @Transform(toInt) @IsInt() @Min(100)
  CONVERSATION_SWEEP_INTERVAL_MS = 60000;

  /**
   * Lets tenants' HTTP tools call loopback, private and link-local addresses (tests, on-premises
   * systems). Off, such calls are refused: a tenant must not reach the platform's own network (SSRF).
   */
  @Transform(toBool) @IsBoolean({ message: 'HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS must be true or false' })
  HTTP_TOOLS_ALLOW_PRIVATE_NETWORKS = false;

  /**
   * Origins of pages on other hosts that may use the live gateway (socket.io), comma-separated;
   * empty: only the app's own pages (/console). Sockets still need a staff access token.
   */
  @IsOptional() @Matches(/^https?:\/\/[^\s,\/]+(\s*,\s*https?:\/\/[^\s,\/]+)*$/, { message: 'LIVE_ALLOWED_ORIGINS must be comma-separated origins like https://console.example.com' })
  LIVE_ALLOWED_ORIGINS?: string;

  /**
   * Whose X-Forwarded-For to believe for the client's address (login throttling, audit): unset,
   * nobody's (the address is the connection's, and the header is ignored); comma-separated proxy
   * addresses or CIDR ranges (`10.0.0.0/8,127.0.0.1`, or `loopback`); a hop count (`1`); or `true`
   * (every hop, only behind a proxy that always overwrites the header). See README "Security".
   */
  @IsOptional()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTrustProxySetting(value),
      defaultMessage: () => 'TRUST_PROXY must be true, false, a hop count, or comma-separated proxy addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    },
  })
  TRUST_PROXY?: string;

  /** TRUST_PROXY in the form Fastify's trustProxy option takes. */
  get trustProxy(): boolean | number | string[] {
    const value = (this.TRUST_PROXY ?? 'false').trim().toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    return proxyList(value);
  }

  get liveAllowedOrigins(): string[] {
    return (this.LIVE_ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  }

  get llmProvider(): 'openai' | 'local' {
    return this.OPENAI_API_KEY ? 'openai' : 'local';
  }

  get sandboxBaseUrl(): string {
    return (this.SANDBOX_BASE_URL ?? `http://127.0.0.1:${this.PORT}`).replace(/\/$/, '') + '/sandbox/twilio';
  }

  get runsApi(): boolean {
    return this.APP_ROLE !== 'worker';
  }

  get runsWorker(): boolean {
    return this.APP_ROLE !== 'api';
  }
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const proxyList = (value: string) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');

function isTrustProxySetting(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === 'false' || /^\d{1,3}$/.test(value)) return true;
  const entries = proxyList(value);
  return entries.length > 0 && entries.every((entry) => PROXY_RANGE_NAMES.includes(entry) || isAddressOrRange(entry));
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

const REQUIRED = ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_BASE_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'ENCRYPTION_KEY'];

/** Reads the environment once; throws ConfigValidationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new AppConfig()).concat(REQUIRED);
  const picked: Record<string, string> = {};
  for (const key of new Set(known)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const missing = REQUIRED.filter((key) => picked[key] === undefined).map((key) => `${key} is required but not set`);
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { skipMissingProperties: false });
  const invalid = errors
    .filter((e) => picked[e.property] !== undefined)
    .map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`);
  const problems = [...missing, ...invalid, ...inconsistencies(config, invalid.length > 0)];
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

/** Rules between settings, checked once each is valid on its own. */
function inconsistencies(config: AppConfig, anyInvalid: boolean): string[] {
  if (anyInvalid) return [];
  const problems: string[] = [];
  // A lock renewed no sooner than it expires would be lost by every running job.
  if (config.QUEUE_LOCK_RENEW_MS >= config.QUEUE_LOCK_DURATION_MS) problems.push('QUEUE_LOCK_RENEW_MS must be shorter than QUEUE_LOCK_DURATION_MS');
  return problems;
}

/** The migration CLI needs only the database; it must not demand the app's secrets. */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv | Record<string, string | undefined>): string {
  const url = env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\/.+/.test(url)) {
    throw new ConfigValidationError(['DATABASE_URL must be set to a postgres:// URL']);
  }
  return url;
}
