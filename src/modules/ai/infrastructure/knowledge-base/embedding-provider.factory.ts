import { AppConfig } from '@core/config/app-config';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';
import { LocalEmbeddingProvider } from './local-embedding-provider';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider';

/** OpenAI-compatible embeddings when OPENAI_API_KEY is set, else the offline hashed ones, of the same dimension. */
export function createEmbeddingProvider(config: AppConfig): EmbeddingProvider {
  if (config.llmProvider === 'openai' && config.OPENAI_API_KEY) {
    return new OpenAiEmbeddingProvider({
      apiKey: config.OPENAI_API_KEY,
      baseUrl: config.OPENAI_BASE_URL,
      model: config.EMBEDDING_MODEL,
      dimensions: config.EMBEDDING_DIMENSIONS,
    });
  }
  return new LocalEmbeddingProvider(config.EMBEDDING_DIMENSIONS);
}
