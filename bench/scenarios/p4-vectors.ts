/**
 * Clustered synthetic embeddings (never uniform random: recall on those means nothing). Every vector
 * lives near a low-rank subspace shared by all tenants (one embedding model): a point is a cluster
 * centre of its tenant in `latent` dimensions, plus spread, mapped to 1,536 dimensions by a fixed
 * basis, plus a little full-rank noise, then L2-normalised. Queries come from the same clusters but
 * are never stored points. Seeded, so every run sees the same data.
 */
export const DIMENSIONS = 1536;

export class Random {
  private spare: number | null = null;
  constructor(private state: number) {}

  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box–Muller, both values used). */
  gaussian(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

export class VectorSpace {
  private readonly basis: Float64Array[];
  private readonly random: Random;

  constructor(
    readonly latent: number,
    seed: number,
    /** Spread of a cluster around its centre, relative to the spread of the centres (1: clusters blur together). */
    private readonly spread: number,
    /** Standard deviation of the full-rank noise per dimension (the signal's is about 1/sqrt(1536)). */
    private readonly noise: number,
  ) {
    this.random = new Random(seed);
    this.basis = Array.from({ length: latent }, () => Float64Array.from({ length: DIMENSIONS }, () => this.random.gaussian() / Math.sqrt(latent)));
  }

  /** Cluster centres of one tenant, in the latent space. */
  centres(count: number): Float64Array[] {
    return Array.from({ length: count }, () => Float64Array.from({ length: this.latent }, () => this.random.gaussian()));
  }

  /** A unit vector near one of the centres (float32-exact, as stored and as the embeddings API sends it). */
  sample(centres: Float64Array[]): number[] {
    const centre = centres[Math.floor(this.random.next() * centres.length)];
    const out = new Float64Array(DIMENSIONS);
    for (let k = 0; k < this.latent; k += 1) {
      const weight = centre[k] + this.spread * this.random.gaussian();
      const row = this.basis[k];
      for (let i = 0; i < DIMENSIONS; i += 1) out[i] += weight * row[i];
    }
    let norm = 0;
    for (let i = 0; i < DIMENSIONS; i += 1) {
      out[i] += this.noise * this.random.gaussian();
      norm += out[i] * out[i];
    }
    const scale = 1 / Math.sqrt(norm);
    return Array.from(out, (v) => Math.fround(v * scale));
  }
}

/** pgvector's text form, with few enough digits to keep the load fast (the stored values are what exact scans compare). */
export function vectorLiteral(vector: number[]): string {
  return `[${vector.map((v) => v.toFixed(6)).join(',')}]`;
}
