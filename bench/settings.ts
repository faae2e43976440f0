/** Sizes and bounds of every scenario, full (`npm run bench`) and quick (`npm run bench -- --quick`). */
export interface BenchSettings {
  quick: boolean;
  profile: boolean;
  p1: { seconds: number; warmupSeconds: number; rounds: number };
  p2: { sustainedRate: number; sustainedSeconds: number; steadyRate: number; steadySeconds: number; maxInFlight: number; drainBoundMs: number; stallMs: number };
  p3: { customers: number; llmDelayMs: number; boundMs: number; stallMs: number };
  /** Vectors: `latent` dimensions of structure, clusters of about `chunksPerCluster` chunks, spread and noise as in VectorSpace. */
  /** P4's chunk counts relative to the issue's shapes (--p4-scale). */
  p4Scale: number;
  p4: { tenants: number; chunksPerTenant: number; largeTenantChunks: number; queries: number; latent: number; chunksPerCluster: number; spread: number; noise: number };
}

/**
 * Chosen so that HNSW at ef_search 40 is not trivially exact (recall@10 about 0.95 on 20,000 rows in
 * a trial here, lower on more rows), as with real embeddings; well-separated clusters give 1.0 and
 * tell nothing.
 */
const VECTORS = { latent: 128, chunksPerCluster: 1000, spread: 1.0, noise: 0.03 };

export function benchSettings(args: string[]): BenchSettings {
  const quick = args.includes('--quick');
  const profile = args.includes('--profile');
  const settings = quick ? quickSettings(profile) : fullSettings(profile);
  // --p4-scale=F multiplies P4's chunk counts (e.g. 0.5 on a busy machine, where HNSW builds take long).
  const scale = Number(/^--p4-scale=(.+)$/.exec(args.find((a) => a.startsWith('--p4-scale=')) ?? '')?.[1] ?? 1);
  if (!(scale > 0)) throw new Error('--p4-scale must be a positive number');
  settings.p4.chunksPerTenant = Math.round(settings.p4.chunksPerTenant * scale);
  settings.p4.largeTenantChunks = Math.round(settings.p4.largeTenantChunks * scale);
  return { ...settings, p4Scale: scale };
}

function quickSettings(profile: boolean): Omit<BenchSettings, 'p4Scale'> {
  return {
    quick: true,
    profile,
    p1: { seconds: 2, warmupSeconds: 1, rounds: 2 },
    p2: { sustainedRate: 50, sustainedSeconds: 4, steadyRate: 100, steadySeconds: 1, maxInFlight: 100, drainBoundMs: 10_000, stallMs: 8_000 },
    p3: { customers: 100, llmDelayMs: 2000, boundMs: 20_000, stallMs: 8_000 },
    p4: { tenants: 5, chunksPerTenant: 200, largeTenantChunks: 5000, queries: 30, ...VECTORS },
  };
}

function fullSettings(profile: boolean): Omit<BenchSettings, 'p4Scale'> {
  return {
    quick: false,
    profile,
    p1: { seconds: 10, warmupSeconds: 3, rounds: 3 },
    p2: { sustainedRate: 400, sustainedSeconds: 60, steadyRate: 100, steadySeconds: 30, maxInFlight: 200, drainBoundMs: 60_000, stallMs: 30_000 },
    p3: { customers: 1000, llmDelayMs: 2000, boundMs: 120_000, stallMs: 30_000 },
    p4: { tenants: 50, chunksPerTenant: 2000, largeTenantChunks: 100_000, queries: 100, ...VECTORS },
  };
}
