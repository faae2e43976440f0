import { inboundForm, postInbound, TenantFixture } from './api-client';
import { testRedis } from './redis';
import { OpenAiStandIn } from './stand-ins/openai-stand-in';
import { TwilioStandIn, type SentMessage } from './stand-ins/twilio-stand-in';
import { eventually, startTestApp, TestApp, testEnv } from './test-app';
import { createTestDatabase, queryDb } from './test-database';

/** One e2e file's whole stack: its database, Redis keys, the app, and the Twilio (and optionally OpenAI) stand-ins. */
export interface Stack {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  app: TestApp;
  twilio: TwilioStandIn;
  openai: OpenAiStandIn | null;
  redisPrefix: string;
  close(): Promise<void>;
  sentTo(phone: string): SentMessage[];
  /** Sends a customer message and waits until one more message went out to that customer; returns it. */
  ask(tenant: TenantFixture, from: string, body: string): Promise<SentMessage>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function startStack(label: string, options: { openai?: boolean; extra?: Record<string, string> } = {}): Promise<Stack> {
  const redis = testRedis(label);
  const twilio = await new TwilioStandIn().start();
  const openai = options.openai ? await new OpenAiStandIn().start() : null;
  const db = await createTestDatabase(label.replace(/\W/g, '_'));
  const app = await startTestApp(testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilio.url, openAiUrl: openai?.url, extra: options.extra }));
  const sentTo = (phone: string) => twilio.accepted.filter((m) => m.to === `whatsapp:${phone}`);
  return {
    db,
    app,
    twilio,
    openai,
    redisPrefix: redis.prefix,
    sentTo,
    async close() {
      await app.close();
      await Promise.all([twilio.stop(), openai?.stop()]);
      await db.drop();
      await redis.cleanup();
    },
    async ask(tenant, from, body) {
      const before = sentTo(from).length;
      const response = await postInbound(app.url, inboundForm(tenant, { from, body }), tenant.number.authToken);
      if (response.status !== 200) throw new Error(`inbound refused: ${response.status} ${response.text}`);
      return eventually(() => sentTo(from).length > before && sentTo(from)[before], `a reply to "${body}"`);
    },
    query: (sql, params = []) => queryDb(db.url, sql, params),
  };
}
