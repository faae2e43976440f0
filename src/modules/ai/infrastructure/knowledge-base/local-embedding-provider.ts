import { hashedEmbedding } from '../../domain/knowledge-base/hashed-embedding';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';

export const LOCAL_EMBEDDING_MODEL = 'local-hashed-v1';

/** Offline embeddings (no OPENAI_API_KEY): hashed words and trigrams, deterministic. */
export class LocalEmbeddingProvider extends EmbeddingProvider {
  readonly model = LOCAL_EMBEDDING_MODEL;

  constructor(readonly dimensions: number) {
    super();
  }

  embed(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((text) => hashedEmbedding(text, this.dimensions)));
  }
}
