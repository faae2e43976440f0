import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, newTenant, TenantFixture } from './api-client';
import { spawnBuiltService } from './child-process';
import { PrivatePostgres, PrivateRedis } from './fault-infra';
import { freePort } from './free-port';
import { migrateForTests } from './migrate';
import { OpenAiStandIn } from './stand-ins/openai-stand-in';
import { TwilioStandIn } from './stand-ins/twilio-stand-in';
import { eventually, testEnv } from './test-app';
import { queryDb } from './test-database';
import { APP_LOGIN_ROLE } from './test-env';

const DATABASE = 'atende_test_faults';
export const FAULTS_QUEUE_PREFIX = 'atende-faults';

/**
 * What every process of a fault stack runs with. Jobs get enough attempts to outlive a short
 * PostgreSQL outage; the reconciler runs often; LLM and Twilio calls give up quickly, so an
 * uncertain send or a slow model shows within seconds.
 */
const FAULT_ENV = {
  QUEUE_ATTEMPTS: '8',
  QUEUE_BACKOFF_MS: '250',
  AI_LLM_TIMEOUT_MS: '1000',
  AI_LLM_RETRY_BASE_MS: '100',
  AI_LLM_RETRY_MAX_MS: '300',
  AI_BREAKER_COOLDOWN_MS: '1000',
  TWILIO_REQUEST_TIMEOUT_MS: '1000',
  RECONCILE_INTERVAL_MS: '1000',
  RECONCILE_GRACE_MS: '3000',
  TWILIO_SEND_LOOKUP_MARGIN_MS: '500',
};

/** One built service process (`node dist/src/main.js`) in its role, that can be killed with -9 and started again. */
export class ServiceProcess {
  private running: ReturnType<typeof spawnBuiltService> | null = null;
  private readonly outputs: string[] = [];

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly readyUrl: string,
  ) {}

  async start(): Promise<this> {
    this.running = spawnBuiltService(this.env);
    const running = this.running;
    const exitedEarly = running.exited.then((code) => `${this.name} exited (${code}) before it was ready:\n${running.output()}`);
    await Promise.race([
      eventually(() => fetch(this.readyUrl).then((r) => r.ok, () => false), `${this.name} to be ready`, 60_000),
      exitedEarly.then((message) => Promise.reject(new Error(message))),
    ]);
    return this;
  }

  async kill9(): Promise<void> {
    await this.end('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** Everything the process and its earlier incarnations wrote (stack traces of crashes even at LOG_LEVEL silent). */
  output(): string {
    return [...this.outputs, this.running?.output() ?? ''].filter(Boolean).join('\n--- restarted ---\n');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.child.kill(signal);
    await running.exited;
    this.outputs.push(running.output());
  }
}

export interface FaultStackOptions {
  workers?: number;
  /** The OpenAI stand-in as the LLM (scriptable failures and delays); otherwise the offline provider. */
  openai?: boolean;
  env?: Record<string, string>;
}

/**
 * A whole deployment for fault scenarios: PostgreSQL and Redis of its own, the Twilio (and OpenAI)
 * stand-ins, one api process and worker processes of the built service, and one tenant whose number
 * sends as fast as Twilio allows.
 */
export class FaultStack {
  private constructor(
    readonly label: string,
    readonly apiUrl: string,
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly twilio: TwilioStandIn,
    readonly openai: OpenAiStandIn | null,
    readonly api: ServiceProcess,
    readonly workers: ServiceProcess[],
    readonly tenant: TenantFixture,
  ) {}

  static async start(label: string, options: FaultStackOptions = {}): Promise<FaultStack> {
    const [postgres, redis, twilio, openai] = await Promise.all([
      PrivatePostgres.start(),
      PrivateRedis.start(),
      new TwilioStandIn().start(),
      options.openai ? new OpenAiStandIn().start() : null,
    ]);
    await postgres.createDatabase(DATABASE);
    await migrateForTests(postgres.url(DATABASE));
    const base = testEnv({
      databaseUrl: postgres.url(DATABASE, APP_LOGIN_ROLE),
      redis: { url: redis.url, prefix: FAULTS_QUEUE_PREFIX },
      twilioUrl: twilio.url,
      openAiUrl: openai?.url,
      extra: { ...FAULT_ENV, ...(options.env ?? {}) },
    });
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // Only the api ensures the platform admin, so all processes may start together.
    const [api, ...workers] = await Promise.all([
      new ServiceProcess('api', { ...base, APP_ROLE: 'api', PORT: String(apiPort) }, `${apiUrl}/health/live`).start(),
      ...Array.from({ length: options.workers ?? 2 }, async (_, i) => {
        const metricsPort = await freePort();
        return new ServiceProcess(`worker-${i + 1}`, { ...base, APP_ROLE: 'worker', METRICS_PORT: String(metricsPort) }, `http://127.0.0.1:${metricsPort}/metrics`).start();
      }),
    ]);
    const tenant = await newTenant(apiUrl, `Faults ${label}`);
    // Twilio's highest rate for one sender: the pace must not be what a scenario waits for.
    const paced = await call(apiUrl, 'PATCH', `/api/v1/whatsapp-numbers/${tenant.number.id}`, { token: tenant.adminToken, json: { sendRatePerSecond: 400 } });
    if (paced.status !== 200) throw new Error(`could not raise the number's send rate: ${paced.status} ${paced.text}`);
    return new FaultStack(label, apiUrl, postgres, redis, twilio, openai, api, workers, tenant);
  }

  private customerCount = 0;

  /** Phone numbers of customers who never wrote before. */
  newCustomers(count: number): string[] {
    return Array.from({ length: count }, () => `+55119${String(++this.customerCount).padStart(8, '0')}`);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryDb<T>(this.postgres.url(DATABASE), sql, params);
  }

  /** What the Twilio stand-in accepted for this customer: what reached their phone. */
  repliesTo(customer: string): number {
    return this.twilio.accepted.filter((m) => m.to === `whatsapp:${customer}`).length;
  }

  /** Stops everything it started; what the processes wrote is kept in .tmp/faults/<label>/ for a failed run's diagnosis. */
  async close(): Promise<void> {
    await Promise.allSettled([this.api.kill9(), ...this.workers.map((w) => w.kill9())]);
    const dir = join(__dirname, '..', '..', '.tmp', 'faults', this.label);
    mkdirSync(dir, { recursive: true });
    for (const p of [this.api, ...this.workers]) writeFileSync(join(dir, `${p.name}.log`), p.output());
    await Promise.allSettled([this.twilio.stop(), this.openai?.stop(), this.redis.stop(), this.postgres.stop()]);
  }
}

/** The test file's stack: started before its scenarios, stopped after them even when one fails. Call the getter inside a test. */
export function faultStackFor(label: string, options: FaultStackOptions = {}): () => FaultStack {
  let stack: FaultStack | undefined;
  beforeAll(async () => {
    stack = await FaultStack.start(label, options);
  }, 120_000);
  afterAll(() => stack?.close(), 60_000);
  return () => {
    if (!stack) throw new Error(`the fault stack "${label}" did not start`);
    return stack;
  };
}
