import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import { call, login, newAgent, newTenant, TenantFixture } from '../support/api-client';
import { spawnBuiltService } from '../support/child-process';
import { freePort } from '../support/free-port';
import { testRedis } from '../support/redis';
import { TwilioStandIn } from '../support/stand-ins/twilio-stand-in';
import { eventually, PLATFORM_ADMIN, testEnv } from '../support/test-app';
import { createTestDatabase, queryDb } from '../support/test-database';
import { HUGE_NUMBER_STRINGS, NUL, percentEncode, queryValue, Random, Schema, toJsonText, ValueFactory, wireSafe } from './hostile-values';

/**
 * Fuzzes the built service, run as its own process: every operation of /docs-json with random and
 * hostile values per its schema (body, query, path), wrong content types and absolute-form targets,
 * plus both Twilio webhooks signed with the number's auth token, so that hostile values reach the
 * code that stores them. Fails on any 5xx or dropped connection, on a slow /health/live while it
 * runs, on RSS growth of the service, and on a signed, well-formed inbound message not stored.
 * FUZZ_SEED replays a run; FUZZ_REQUESTS and FUZZ_TIME_MS bound it; FUZZ_REPORT names a file that
 * gets every failure (the assertion shows the first ten).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const TIME_BUDGET_MS = Number(process.env.FUZZ_TIME_MS ?? 70_000);
const CONCURRENCY = 4;
/** Generous on purpose: two cores shared with the fuzzer itself; a blocked event loop takes seconds. */
const HEALTH_BOUND_MS = 2000;
/**
 * On the peak, polled while the fuzz runs, so a transient blow-up (a decompression bomb) counts too.
 * Parsing bodies of up to 15 MiB and garbage not yet collected take a normal run to about +250 MB.
 */
const RSS_GROWTH_BOUND_MB = 450;
const REQUEST_TIMEOUT_MS = 30_000;

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: Schema }[];
  body: Schema | null;
}

interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  text: string;
}

const FORM = 'application/x-www-form-urlencoded';

describe(`fuzz: hostile input against the built service (FUZZ_SEED=${SEED})`, () => {
  const random = new Random(SEED);
  const redis = testRedis('fuzz');
  let twilioStandIn: TwilioStandIn;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ReturnType<typeof spawnBuiltService>;
  let base: string;

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    twilioStandIn = await new TwilioStandIn().start();
    db = await createTestDatabase('fuzz');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // PUBLIC_BASE_URL with a port, as a local install has it: an absolute-form target once made the signature URL unparsable.
    const env = testEnv({ databaseUrl: db.appUrl, redis, twilioUrl: twilioStandIn.url, extra: { PORT: String(port), PUBLIC_BASE_URL: base, LOG_LEVEL: 'error' } });
    service = spawnBuiltService(env);
    await eventually(() => fetch(`${base}/health/live`).then((r) => r.ok, () => false), 'the built service to start', 30_000);
  }, 60_000);

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await twilioStandIn?.stop();
    await db?.drop();
    await redis.cleanup();
  });

  /**
   * One request as raw HTTP/1.1 on a connection of its own (so the target can be in absolute form,
   * the body any bytes, and no request inherits a connection the previous answer closed). An answer
   * that arrived counts even if the connection was reset after it (a 413 before the body was sent).
   */
  const send = (req: FuzzRequest): Promise<{ status: number; text: string }> =>
    new Promise((resolve) => {
      const headers = { ...req.headers, ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) };
      let status = 0;
      let text = '';
      const outgoing = httpRequest({ host: '127.0.0.1', port: new URL(base).port, method: req.method, path: req.target, headers, agent: false, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => (text.length < 2000 ? (text += chunk.toString()) : undefined));
        res.on('end', () => resolve({ status, text }));
        res.on('error', () => resolve({ status, text }));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      outgoing.on('error', (e) => resolve(status ? { status, text } : { status: 0, text: `connection error: ${e.message}` }));
      outgoing.end(req.body);
    });

  it('answers every request with a status below 500, keeps /health/live fast and RSS bounded, and stores every signed message', async () => {
    const docs = (await call(base, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
    const world = await seedWorld();
    const factory = new ValueFactory(random, docs.components.schemas, () => world.allIds);
    const operations = operationsOf(docs);
    expect(operations.length).toBeGreaterThan(80);

    const outcomes: Outcome[] = [];
    const signedInbound: string[] = [];
    const health = watchHealthAndMemory(service.child.pid!);
    const started = performance.now();
    let issued = 0;
    const nextRequest = (): FuzzRequest | null => {
      if (issued >= REQUESTS || performance.now() - started > TIME_BUDGET_MS) return null;
      const n = issued++;
      const roll = random.next();
      if (roll < 0.2) return inboundWebhook(factory, world, signedInbound);
      if (roll < 0.28) return statusCallback(factory, world);
      return operationRequest(factory, world, operations[n % operations.length]);
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let req = nextRequest(); req; req = nextRequest()) outcomes.push({ request: req, ...(await send(req)) });
      }),
    );
    const watched = await health.stop();

    const failures = outcomes.filter((o) => o.status >= 500 || o.status === 0);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ seed: SEED, failures: failures.map(describeFailure), serviceOutput: service.output().slice(-200_000) }, null, 1));
    const storedSids = new Set(
      (await queryDb<{ provider_sid: string }>(db.url, `SELECT provider_sid FROM messages WHERE provider_sid = ANY($1)`, [signedInbound])).map((r) => r.provider_sid),
    );
    const lost = signedInbound.filter((sid) => !storedSids.has(sid));
    const statuses = outcomes.reduce<Record<number, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
    console.log(
      `fuzz seed ${SEED}: ${outcomes.length} requests in ${Math.round(performance.now() - started)} ms, statuses ${JSON.stringify(statuses)}; ` +
        `${signedInbound.length} signed inbound messages; /health/live max ${Math.round(watched.slowestMs)} ms; RSS ${watched.rssBeforeMb} → ${watched.rssAfterMb} MB (peak ${watched.rssPeakMb} MB)`,
    );

    // The errors the service logged: the stack of a 500 names its cause; others (a failed audit insert) are worth a look too.
    const logged = serviceErrors();
    if (logged.length) console.log(`the service logged errors:\n${logged.join('\n')}`);
    expect({ seed: SEED, failures: failures.slice(0, 10).map(describeFailure), count: failures.length }).toEqual({ seed: SEED, failures: [], count: 0 });
    expect({ seed: SEED, lost: lost.slice(0, 10), count: lost.length }).toEqual({ seed: SEED, lost: [], count: 0 });
    expect({ seed: SEED, slowHealthChecks: watched.slow }).toEqual({ seed: SEED, slowHealthChecks: [] });
    expect(watched.rssPeakMb - watched.rssBeforeMb).toBeLessThanOrEqual(RSS_GROWTH_BOUND_MB);
    expect(service.child.exitCode).toBeNull();
    expect(outcomes.length).toBeGreaterThan(Math.min(REQUESTS, 500));
  }, TIME_BUDGET_MS + 180_000);

  /** The fuzzed tenant, another tenant, and their ids; the ids the fuzzer must not touch are kept out. */
  async function seedWorld() {
    const platformToken = await login(base, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const own = await newTenant(base, 'Fuzz');
    const other = await newTenant(base, 'Other');
    const me = async (token: string) => (await call(base, 'GET', '/api/v1/auth/me', { token })).body.id as string;
    const decoy = await call(base, 'POST', '/api/v1/whatsapp-numbers', {
      token: own.adminToken,
      json: { phoneNumber: `+1666${random.int(1_000_000, 9_999_999)}`, twilioAccountSid: `AC${random.hex(16)}`, twilioAuthToken: random.hex(16) },
    });
    expect(decoy.status).toBe(201);
    await Promise.all([newAgent(base, own), newAgent(base, other)]);
    for (const tenant of [own, other]) {
      const form = { MessageSid: `SM${random.hex(16)}`, AccountSid: tenant.number.accountSid, From: 'whatsapp:+5511900000001', To: `whatsapp:${tenant.number.phoneNumber}`, Body: 'oi', WaId: '5511900000001', ProfileName: 'Cliente' };
      expect((await postForm('/webhooks/twilio/inbound', form, tenant.number.authToken)).status).toBe(200);
      await call(base, 'POST', '/api/v1/whatsapp-templates', { token: tenant.adminToken, json: { name: 'retomar', contentSid: `HX${random.hex(16)}`, purpose: 'reopen_conversation' } });
      await call(base, 'POST', '/api/v1/knowledge-base/documents', { token: tenant.adminToken, json: { title: 'Horário', format: 'text', content: 'Abrimos das 9h às 18h.' } });
    }
    await eventually(async () => (await queryDb(db.url, `SELECT 1 FROM conversations`)).length === 2, 'both conversations');
    // Never fuzzed with their real ids: the number the webhooks use, the fuzzer's own accounts, the fuzzed tenant itself.
    const untouchable = new Set([own.number.id, await me(own.adminToken), await me(platformToken), own.tenantId]);
    const ids = new Map<string, Set<string>>();
    const docs = (await call(base, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, any>> };
    for (const path of Object.keys(docs.paths).filter((p) => !p.includes('{') && docs.paths[p].get?.parameters?.some((x: { name: string }) => x.name === 'offset'))) {
      for (const token of [own.adminToken, other.adminToken, platformToken]) {
        const list = await call(base, 'GET', `${path}?limit=100`, { token });
        for (const item of (list.body?.items ?? []) as Record<string, unknown>[]) {
          const id = String(item.id ?? item.code ?? '');
          if (id && !untouchable.has(id)) ids.set(kindOf(path), (ids.get(kindOf(path)) ?? new Set()).add(id));
        }
      }
    }
    const allIds = [...ids.values()].flatMap((set) => [...set]).filter((id) => /^[0-9a-f-]{36}$/.test(id));
    return { platformToken, own, other, ids, allIds };
  }

  function postForm(path: string, form: Record<string, string>, authToken: string) {
    const signature = twilio.getExpectedTwilioSignature(authToken, `${base}${path}`, form);
    return send({ method: 'POST', target: path, headers: { 'content-type': FORM, 'x-twilio-signature': signature }, body: new URLSearchParams(form).toString() });
  }

  type World = Awaited<ReturnType<typeof seedWorld>>;

  function operationRequest(factory: ValueFactory, world: World, op: Operation): FuzzRequest {
    const hostility = random.pick([0, 0.1, 0.3, 0.7]);
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => percentEncode(pathValue(factory, world, op.path, name, hostility)));
    const query = op.parameters
      .filter((p) => p.in === 'query' && random.chance(0.6))
      .map((p) => `${percentEncode(p.name)}=${percentEncode(queryValue(factory.value(p.schema, hostility)))}`);
    const target = query.length ? `${path}?${query.join('&')}` : path;
    const token = random.pick([world.own.adminToken, world.own.adminToken, world.own.adminToken, world.platformToken, world.other.adminToken, 'not-a-jwt', '']);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const request: FuzzRequest = { method: op.method, target: random.chance(0.08) ? `${base}${target}` : target, headers };
    if (!op.body && !random.chance(0.05)) return request;
    const json = toJsonText(random.chance(0.1) ? factory.hostile(factory.resolve(op.body ?? {})) : factory.value(op.body ?? { type: 'object' }, hostility));
    const [contentType, body] = random.chance(0.15) ? wrongContent(json) : ['application/json', json];
    if (contentType) headers['content-type'] = contentType;
    return { ...request, body };
  }

  /** The resource's own id (`id`, a plan's `code`) from both tenants' lists; the others plausible; any of them hostile at times. */
  function pathValue(factory: ValueFactory, world: World, path: string, name: string, hostility: number): string {
    if (random.chance(hostility)) return queryValue(factory.hostile({ type: 'string', format: 'uuid', maxLength: 64 }));
    const known = name === 'id' || name === 'code' ? [...(world.ids.get(kindOf(path)) ?? [])] : [];
    if (known.length) return random.pick(known);
    if (name === 'flag') return random.pick(['knowledge_base', 'pii_masking', 'http_tools', 'semantic_cache']);
    if (name === 'tag') return random.pick(['vip', 'novo', 'a'.repeat(60)]);
    return random.pick(world.allIds);
  }

  /** A signed inbound message with hostile values; a well-formed one (a Twilio sid, To the number) must be stored. */
  function inboundWebhook(factory: ValueFactory, world: World, signedInbound: string[]): FuzzRequest {
    const { number } = world.own;
    const sid = `SM${random.hex(16)}`;
    const field = (plausible: string, p = 0.35) => (random.chance(p) ? factory.hostileString({ maxLength: random.pick([20, 32, 64, 200, 1600]) }) : plausible);
    const form: Record<string, string | string[]> = {
      MessageSid: random.chance(0.9) ? sid : field(sid, 1),
      AccountSid: field(number.accountSid, 0.2),
      From: field(`whatsapp:+55119${random.int(1_000_000, 9_999_999)}`),
      To: random.chance(0.92) ? `whatsapp:${number.phoneNumber}` : field('', 1),
      Body: field('Qual o horário?', 0.5),
      ProfileName: field('Cliente'),
      WaId: field('5511999990000'),
      NumMedia: random.chance(0.2) ? random.pick(HUGE_NUMBER_STRINGS) : '0',
    };
    if (random.chance(0.2)) Object.assign(form, { Latitude: random.pick(HUGE_NUMBER_STRINGS), Longitude: random.pick(['-46.6', ...HUGE_NUMBER_STRINGS]), Address: field('Av. Paulista'), Label: field('Loja') });
    if (random.chance(0.15)) Object.assign(form, { ButtonPayload: field('ORDER', 0.7), ButtonText: field('Ver pedido') });
    if (random.chance(0.1)) Object.assign(form, { NumMedia: '1', MediaUrl0: String(factory.plausible({ type: 'string', format: 'uri' }, 0)), MediaContentType0: field(random.pick(['audio/ogg', 'image/jpeg', 'application/pdf'])) });
    if (random.chance(0.15)) form[factory.hostileName()] = field('x', 1);
    if (random.chance(0.05)) form.Body = [field('a', 1), field('b', 1)];
    const { request, signed } = webhookRequest('/webhooks/twilio/inbound', form, number.authToken);
    if (signed && form.MessageSid === sid && form.To === `whatsapp:${number.phoneNumber}`) signedInbound.push(sid);
    return request;
  }

  function statusCallback(factory: ValueFactory, world: World): FuzzRequest {
    const { number } = world.own;
    const sent = twilioStandIn.accepted.length ? random.pick(twilioStandIn.accepted).sid : `SM${random.hex(16)}`;
    const form: Record<string, string | string[]> = {
      MessageSid: random.chance(0.7) ? sent : factory.hostileString({ maxLength: 34 }),
      MessageStatus: random.chance(0.7) ? random.pick(['sent', 'delivered', 'read', 'failed', 'undelivered']) : factory.hostileString({}),
      AccountSid: random.chance(0.9) ? number.accountSid : factory.hostileString({ maxLength: 34 }),
      From: random.chance(0.8) ? `whatsapp:${number.phoneNumber}` : factory.hostileString({ maxLength: 64 }),
      To: 'whatsapp:+5511900000001',
    };
    if (random.chance(0.5)) Object.assign(form, { ErrorCode: factory.hostileString({ maxLength: 20 }), ErrorMessage: factory.hostileString({ maxLength: 1000 }) });
    return webhookRequest('/webhooks/twilio/status', form, number.authToken).request;
  }

  /** Signed with the number's token (most of the time), sometimes forged or unsigned, sometimes in absolute form. */
  function webhookRequest(path: string, hostileForm: Record<string, string | string[]>, authToken: string): { request: FuzzRequest; signed: boolean } {
    const form = wireSafe(hostileForm);
    const signing = random.pick(['signed', 'signed', 'signed', 'signed', 'signed', 'forged', 'none'] as const);
    const headers: Record<string, string> = { 'content-type': FORM };
    if (signing === 'signed') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(authToken, `${base}${path}`, form);
    if (signing === 'forged') headers['x-twilio-signature'] = randomBytes(20).toString('base64');
    const target = random.chance(0.1) ? `http://${random.pick(['evil.example', '127.0.0.1:1', 'atende.example.test'])}${path}` : path;
    const body = new URLSearchParams(Object.entries(form).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString();
    return { request: { method: 'POST', target, headers, body }, signed: signing === 'signed' };
  }

  function wrongContent(json: string): [string | null, string] {
    return random.pick<[string | null, string]>([
      ['text/plain', json],
      ['application/xml', '<staff><name>x</name></staff>'],
      [FORM, `name=${percentEncode(NUL)}&role=agent`],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
      [null, json],
      ['application/json; charset=utf-16', json],
      ['application/json', '{"a": '],
      ['application/json', `\uFEFF${json}`],
      ['application/json', ''],
      ['application/json', random.pick(['null', '"text"', '[]', '1e999', 'true'])],
    ]);
  }

  /** Starts polling /health/live (its own connection each time) and the service's RSS. */
  function watchHealthAndMemory(pid: number) {
    const rssBeforeMb = rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    let slowestMs = 0;
    const slow: string[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        const t0 = performance.now();
        const res = await send({ method: 'GET', target: '/health/live', headers: {} });
        const ms = performance.now() - t0;
        slowestMs = Math.max(slowestMs, ms);
        if (ms > HEALTH_BOUND_MS || res.status !== 200) slow.push(`${Math.round(ms)} ms, status ${res.status}`);
        rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        const rssAfterMb = rssMb(pid);
        return { rssBeforeMb, rssAfterMb, rssPeakMb: Math.max(rssPeakMb, rssAfterMb), slowestMs, slow };
      },
    };
  }

  /** What the service logged as errors (LOG_LEVEL=error): the stack of a 500 names its cause. */
  function serviceErrors(): string[] {
    return service
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":"error"') || line.includes('"level":"fatal"'))
      .slice(0, 5)
      .map((line) => line.slice(0, 600));
  }
});

function operationsOf(docs: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(docs.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}

/** '/api/v1/contacts/{id}/tags' → 'contacts': which ids a path parameter takes. */
function kindOf(path: string): string {
  return path.replace(/^\/api\/v1\//, '').split('/')[0];
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

function describeFailure(o: Outcome): string {
  const payload = o.request.body === undefined ? '' : ` payload ${JSON.stringify(o.request.body.slice(0, 300))}${o.request.body.length > 300 ? `… (${o.request.body.length} chars)` : ''}`;
  return `${o.request.method} ${o.request.target.slice(0, 300)} [${o.request.headers['content-type'] ?? 'no content-type'}]${payload} → ${o.status} ${o.text.slice(0, 200)}`;
}
