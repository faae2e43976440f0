import { parse } from 'node:querystring';
import Bull from 'bull';
import Fastify from 'fastify';
import Redis from 'ioredis';
import { Pool } from 'pg';
import twilio from 'twilio';

/**
 * The P1 baseline: a bare Fastify service doing only the essential work of an inbound webhook (a
 * number lookup in PostgreSQL, the X-Twilio-Signature check with the SDK, one INSERT … ON CONFLICT
 * DO NOTHING, one Redis INCR, one Bull add), on the same PostgreSQL and Redis as the product.
 * Tables: bench_baseline_numbers and bench_baseline_messages in the scenario's database (the bench creates them).
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

async function main(): Promise<void> {
  const prefix = env('QUEUE_PREFIX');
  const publicBaseUrl = env('PUBLIC_BASE_URL');
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 10, application_name: 'bench-baseline' });
  const redis = new Redis(env('REDIS_URL'));
  const queue = new Bull('baseline_inbound', env('REDIS_URL'), { prefix });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parse(body as string)));

  app.post('/webhooks/twilio/inbound', async (request, reply) => {
    const params = request.body as Record<string, string>;
    const to = String(params.To ?? '').replace(/^whatsapp:/, '');
    const found = await pool.query<{ tenant_id: string; auth_token: string }>('SELECT tenant_id, auth_token FROM bench_baseline_numbers WHERE phone_number = $1', [to]);
    const number = found.rows[0];
    if (!number) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No WhatsApp number is registered for To' });
    const signature = request.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || !twilio.validateRequest(number.auth_token, signature, publicBaseUrl + request.url, params)) {
      return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'Invalid Twilio signature' });
    }
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO bench_baseline_messages (provider_sid, tenant_id, from_address, to_address, body, raw_payload)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider_sid) DO NOTHING RETURNING id`,
      [params.MessageSid, number.tenant_id, params.From, params.To, params.Body ?? '', JSON.stringify(params)],
    );
    await redis.incr(`${prefix}:baseline:inbound:${params.From}`);
    const row = inserted.rows[0];
    if (row) await queue.add({ tenantId: number.tenant_id, messageId: row.id }, { jobId: row.id, removeOnComplete: true });
    return reply.code(200).header('content-type', 'text/xml; charset=utf-8').send(EMPTY_TWIML);
  });
  app.get('/health', async () => ({ status: 'ok' }));

  const address = await app.listen({ port: Number(env('PORT')), host: '127.0.0.1' });
  process.stdout.write(`baseline listening on ${address}\n`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => Promise.all([queue.close(), pool.end(), redis.quit()]))
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed: ${String(error)}\n`);
  process.exit(1);
});
