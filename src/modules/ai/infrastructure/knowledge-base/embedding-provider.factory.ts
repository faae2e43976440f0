import { AppConfig } from '@core/config/app-config';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';
import { ProviderPrivacy } from '../../application/privacy/provider-privacy';
import { LocalEmbeddingProvider } from './local-embedding-provider';
import { MaskingEmbeddingProvider } from './masking-embedding-provider';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider';

/**
 * OpenAI-compatible embeddings when OPENAI_API_KEY is set, behind the tenant's masking of personal
 * data; else the offline hashed ones, of the same dimension, which send nothing anywhere.
 */
export function createEmbeddingProvider(config: AppConfig, privacy: ProviderPrivacy): EmbeddingProvider {
  if (config.llmProvider === 'openai' && config.OPENAI_API_KEY) {
    const remote = new OpenAiEmbeddingProvider({
      apiKey: config.OPENAI_API_KEY,
      baseUrl: config.OPENAI_BASE_URL,
      model: config.EMBEDDING_MODEL,
      dimensions: config.EMBEDDING_DIMENSIONS,
    });
    return new MaskingEmbeddingProvider(remote, privacy);
  }
  return new LocalEmbeddingProvider(config.EMBEDDING_DIMENSIONS);
}
