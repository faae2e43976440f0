import type { EmbeddingProvider } from './ports/embedding-provider.port';

export const EMBEDDING_BATCH_SIZE = 64;

/** Embeds texts in sequential batches of at most EMBEDDING_BATCH_SIZE, checking each vector's dimension. */
export async function embedInBatches(provider: EmbeddingProvider, texts: string[], tenantId: string): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += EMBEDDING_BATCH_SIZE) {
    const batch = texts.slice(start, start + EMBEDDING_BATCH_SIZE);
    const embedded = await provider.embed(batch, tenantId);
    if (embedded.length !== batch.length || embedded.some((v) => v.length !== provider.dimensions)) {
      throw new Error(`the embedding provider returned ${embedded.length} vectors for ${batch.length} texts, or of the wrong dimension`);
    }
    vectors.push(...embedded);
  }
  return vectors;
}
