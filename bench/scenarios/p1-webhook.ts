import { join } from 'node:path';
import autocannon from 'autocannon';
import { prepareBaselineTables } from '../baseline/schema';
import { createTenant, login, PLATFORM_ADMIN } from '../lib/api';
import { BenchDatabases, committedTransactions, REDIS_URL } from '../lib/postgres';
import { startNode, waitHealthy } from '../lib/processes';
import { REDIS_PREFIX } from '../lib/redis';
import { freePort } from '../../test/support/free-port';
import { startService } from '../lib/service';
import type { StandIns } from '../lib/stand-ins';
import { median, sleep } from '../lib/stats';
import { customerPhone, INBOUND_PATH, PUBLIC_BASE_URL, signedInbound, SigningNumber } from '../lib/webhook';
import type { BenchSettings } from '../settings';

export interface LoadRun {
  reqPerSec: number;
  p50: number;
  p99: number;
  refused: number;
}

export interface P1Result {
  product: LoadRun[];
  baseline: LoadRun[];
  median: { product: LoadRun; baseline: LoadRun };
  transactionsPerWebhook: { product: number; baseline: number };
  peakRssMb: { api: number; baseline: number };
}

const SENDERS = 20_000;
let senderIndex = 0;

/** 50 connections of signed inbound webhooks, each a new MessageSid, from 20,000 distinct senders, for `seconds`. */
async function load(url: string, number: SigningNumber, seconds: number): Promise<LoadRun> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: INBOUND_PATH,
        setupRequest: (request) => {
          senderIndex = (senderIndex + 1) % SENDERS;
          const { form, signature } = signedInbound(number, customerPhone(senderIndex), `Oi, quero saber do pedido ${senderIndex}`);
          return { ...request, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: form };
        },
      },
    ],
  });
  return { reqPerSec: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, refused: result.non2xx + result.errors + result.timeouts };
}

function medianRun(runs: LoadRun[]): LoadRun {
  return { reqPerSec: median(runs.map((r) => r.reqPerSec)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), refused: runs.reduce((s, r) => s + r.refused, 0) };
}

/** P1: the webhook's acknowledgement rate (APP_ROLE=api alone) against the bare Fastify baseline, alternating runs. */
export async function runP1(settings: BenchSettings, dbs: BenchDatabases, standIns: StandIns, log: (line: string) => void): Promise<P1Result> {
  const db = await dbs.clone('p1');
  const api = await startService({
    name: 'p1-api',
    role: 'api',
    databaseUrl: db.appUrl,
    redisPrefix: `${REDIS_PREFIX}-p1`,
    twilioUrl: standIns.twilioUrl,
    openaiUrl: standIns.openaiUrl,
    cpuProfile: settings.profile,
  });
  const baselinePort = await freePort();
  const baselineProcess = startNode('p1-baseline', join(__dirname, '..', 'baseline', 'bare-webhook.js'), [], {
    PORT: String(baselinePort),
    DATABASE_URL: db.ownerUrl,
    REDIS_URL,
    QUEUE_PREFIX: `${REDIS_PREFIX}-p1-baseline`,
    PUBLIC_BASE_URL,
  });
  try {
    const platform = await login(api.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const tenant = await createTenant(api.url, platform, true);
    const number = tenant.number!;
    await prepareBaselineTables(db.ownerUrl, { ...number, tenantId: tenant.tenantId });
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;
    await waitHealthy(baselineProcess, `${baselineUrl}/health`);

    // Warm-up (JIT, pools, contacts' first rows), not measured.
    await load(baselineUrl, number, settings.p1.warmupSeconds);
    await load(api.url, number, settings.p1.warmupSeconds);
    const product: LoadRun[] = [];
    const baseline: LoadRun[] = [];
    const xacts = { product: 0, baseline: 0, productRequests: 0, baselineRequests: 0 };
    for (let round = 1; round <= settings.p1.rounds; round += 1) {
      for (const side of ['baseline', 'product'] as const) {
        const before = await settledTransactions(db.ownerUrl, db.name);
        const run = await load(side === 'product' ? api.url : baselineUrl, number, settings.p1.seconds);
        xacts[side] += (await settledTransactions(db.ownerUrl, db.name)) - before;
        xacts[`${side}Requests`] += run.reqPerSec * settings.p1.seconds;
        (side === 'product' ? product : baseline).push(run);
        log(`P1 round ${round} ${side}: ${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.refused ? `, ${run.refused} refused or failed` : ''}`);
      }
    }
    return {
      product,
      baseline,
      median: { product: medianRun(product), baseline: medianRun(baseline) },
      transactionsPerWebhook: { product: xacts.product / Math.max(1, xacts.productRequests), baseline: xacts.baseline / Math.max(1, xacts.baselineRequests) },
      peakRssMb: { api: api.process.peakRssMb(), baseline: baselineProcess.peakRssMb() },
    };
  } finally {
    await Promise.all([api.process.stop(), baselineProcess.stop()]);
    await dbs.drop(db.name);
  }
}

/** PostgreSQL flushes a backend's counters about once a second: wait for that before reading. */
async function settledTransactions(ownerUrl: string, name: string): Promise<number> {
  await sleep(1200);
  return committedTransactions(ownerUrl, name);
}
