import { Client } from 'pg';
import { BenchTenant, call, createTenant, login, PLATFORM_ADMIN, TENANT_ADMIN_PASSWORD } from '../lib/api';
import type { BenchDatabases } from '../lib/postgres';
import { REDIS_PREFIX } from '../lib/redis';
import { startService } from '../lib/service';
import type { StandIns } from '../lib/stand-ins';
import { percentile } from '../lib/stats';
import type { BenchSettings } from '../settings';
import { buildIndexes, createPlainTable, dropVectorIndexes, EMBEDDING_MODEL, seedTenant } from './p4-load';
import { VectorSpace } from './p4-vectors';

export interface Measured {
  p50: number;
  p99: number;
  /** Mean share of the exact top 10 that was returned (NaN for the exact scan itself). */
  recall: number;
}

export interface ShapeResult {
  label: string;
  tenantChunks: number;
  product: Measured;
  hnsw40: Measured;
  hnsw100: Measured;
  exact: Measured;
}

export interface P4Result {
  rows: number;
  loadSeconds: number;
  productIndexSeconds: number;
  baselineIndexSeconds: number;
  shapes: ShapeResult[];
}

interface Query {
  tenantId: string;
  adminEmail: string;
  text: string;
  vector: number[];
}

const K = 10;
const WARMUP = 5;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function measured(samples: { ms: number; ids: string[] }[], truth: string[][] | null): Measured {
  const ms = samples.map((s) => s.ms);
  const recall = truth ? samples.reduce((sum, s, i) => sum + s.ids.filter((id) => truth[i].includes(id)).length / K, 0) / samples.length : Number.NaN;
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), recall };
}

/** Runs the queries one at a time (latency, not throughput), after a few unmeasured ones. */
async function measure(queries: Query[], run: (q: Query) => Promise<string[]>): Promise<{ ms: number; ids: string[] }[]> {
  for (const q of queries.slice(0, WARMUP)) await run(q);
  const out: { ms: number; ids: string[] }[] = [];
  for (const q of queries) {
    const { ms, value } = await timed(() => run(q));
    out.push({ ms, ids: value });
  }
  return out;
}

const literal = (v: number[]) => `[${v.join(',')}]`;

async function plainQuery(client: Client, q: Query, exact: boolean): Promise<string[]> {
  // "+ 0" keeps the distance out of the index's reach: the planner must compute it for every row of the tenant.
  const order = exact ? '(embedding <=> $2) + 0, id' : 'embedding <=> $2';
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM bench_kb_plain WHERE tenant_id = $1 ORDER BY ${order} LIMIT ${K}`, [q.tenantId, literal(q.vector)]);
  return rows.map((r) => r.id);
}

/** P4: the product's knowledge-base search (HTTP, RLS, its index and join) against a plain pgvector table and the exact scan. */
export async function runP4(settings: BenchSettings, dbs: BenchDatabases, standIns: StandIns, log: (line: string) => void): Promise<P4Result> {
  const s = settings.p4;
  const db = await dbs.clone('p4');
  const api = await startService({ name: 'p4-api', role: 'api', databaseUrl: db.appUrl, redisPrefix: `${REDIS_PREFIX}-p4`, twilioUrl: standIns.twilioUrl, openaiUrl: standIns.openaiUrl, env: { EMBEDDING_MODEL } });
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const platform = await login(api.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const small: BenchTenant[] = [];
    // A few at a time: each is a tenant, an admin (password hashing) and a login.
    while (small.length < s.tenants) small.push(...(await Promise.all(Array.from({ length: Math.min(5, s.tenants - small.length) }, () => createTenant(api.url, platform, false)))));
    const large = await createTenant(api.url, platform, false);
    const space = new VectorSpace(s.latent, 20261204, s.spread, s.noise);
    const clusters = (chunks: number) => Math.max(1, Math.round(chunks / s.chunksPerCluster));

    const loadStart = Date.now();
    const definitions = await dropVectorIndexes(owner);
    const centres = new Map<string, Float64Array[]>();
    for (const tenant of small) centres.set(tenant.tenantId, await seedTenant(owner, space, { tenantId: tenant.tenantId, chunks: s.chunksPerTenant, clusters: clusters(s.chunksPerTenant) }));
    centres.set(large.tenantId, await seedTenant(owner, space, { tenantId: large.tenantId, chunks: s.largeTenantChunks, clusters: clusters(s.largeTenantChunks) }));
    const plainIndexes = await createPlainTable(owner);
    const rows = s.tenants * s.chunksPerTenant + s.largeTenantChunks;
    const loadSeconds = (Date.now() - loadStart) / 1000;
    log(`P4: ${rows} chunks loaded in ${loadSeconds.toFixed(0)} s; building the indexes`);
    const productIndex = await timed(() => buildIndexes(owner, definitions));
    const baselineIndex = await timed(() => buildIndexes(owner, plainIndexes));
    await owner.query('ANALYZE kb_documents; ANALYZE kb_chunks; ANALYZE bench_kb_plain');
    log(`P4: indexes built in ${(productIndex.ms / 1000).toFixed(0)} s (product) and ${(baselineIndex.ms / 1000).toFixed(0)} s (plain table)`);

    const makeQueries = (label: string, tenants: readonly BenchTenant[]): Query[] =>
      Array.from({ length: s.queries }, (_, i) => {
        const tenant = tenants[i % tenants.length];
        return { tenantId: tenant.tenantId, adminEmail: tenant.adminEmail, text: `bench-kb-${label}-${i}`, vector: space.sample(centres.get(tenant.tenantId)!) };
      });
    const shapes: ShapeResult[] = [];
    for (const [label, tenants, tenantChunks] of [
      [`(a) ${s.tenants} tenants × ${s.chunksPerTenant.toLocaleString('en')} chunks`, small, s.chunksPerTenant],
      [`(b) 1 tenant × ${s.largeTenantChunks.toLocaleString('en')} chunks`, [large], s.largeTenantChunks],
    ] as const) {
      const queries = makeQueries(label.slice(1, 2), tenants);
      await standIns.registerVectors(Object.fromEntries(queries.map((q) => [q.text, q.vector])));
      const tokens = new Map<string, string>();
      for (const t of tenants) tokens.set(t.adminEmail, await login(api.url, t.adminEmail, TENANT_ADMIN_PASSWORD));
      const exact = await measure(queries, (q) => plainQuery(owner, q, true));
      const truth = exact.map((e) => e.ids);
      const product = await measure(queries, async (q) => {
        const r = await call<{ items: { chunkId: string }[] }>(api.url, 'GET', `/api/v1/knowledge-base/search?limit=${K}&q=${encodeURIComponent(q.text)}`, { token: tokens.get(q.adminEmail) });
        if (r.status !== 200) throw new Error(`knowledge-base search: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return r.body.items.map((item) => item.chunkId);
      });
      await owner.query(`SET hnsw.iterative_scan = relaxed_order`);
      await owner.query(`SET hnsw.ef_search = 40`);
      const hnsw40 = await measure(queries, (q) => plainQuery(owner, q, false));
      await owner.query(`SET hnsw.ef_search = 100`);
      const hnsw100 = await measure(queries, (q) => plainQuery(owner, q, false));
      await owner.query(`RESET hnsw.ef_search; RESET hnsw.iterative_scan`);
      const shape = { label, tenantChunks, product: measured(product, truth), hnsw40: measured(hnsw40, truth), hnsw100: measured(hnsw100, truth), exact: measured(exact, null) };
      log(`P4 ${label}: product p99 ${shape.product.p99.toFixed(1)} ms recall ${shape.product.recall.toFixed(2)}; plain ef 100 p99 ${shape.hnsw100.p99.toFixed(1)} ms recall ${shape.hnsw100.recall.toFixed(2)}; exact p99 ${shape.exact.p99.toFixed(0)} ms`);
      shapes.push(shape);
    }
    return { rows, loadSeconds, productIndexSeconds: productIndex.ms / 1000, baselineIndexSeconds: baselineIndex.ms / 1000, shapes };
  } finally {
    await owner.end();
    await api.process.stop();
    await dbs.drop(db.name);
  }
}
