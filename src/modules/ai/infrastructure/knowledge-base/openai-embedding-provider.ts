import { OpenAIEmbeddings } from '@langchain/openai';
import { EMBEDDING_BATCH_SIZE } from '../../application/knowledge-base/embed-in-batches';
import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';

const EMBEDDING_TIMEOUT_MS = 30_000;

export interface OpenAiEmbeddingSettings {
  apiKey: string;
  baseUrl?: string;
  model: string;
  dimensions: number;
}

/** Any OpenAI-compatible /v1/embeddings endpoint through @langchain/openai. */
export class OpenAiEmbeddingProvider extends EmbeddingProvider {
  readonly model: string;
  readonly dimensions: number;
  private readonly client: OpenAIEmbeddings;

  constructor(settings: OpenAiEmbeddingSettings) {
    super();
    this.model = settings.model;
    this.dimensions = settings.dimensions;
    this.client = new OpenAIEmbeddings({
      model: settings.model,
      dimensions: settings.dimensions,
      apiKey: settings.apiKey,
      batchSize: EMBEDDING_BATCH_SIZE,
      timeout: EMBEDDING_TIMEOUT_MS,
      maxRetries: 2,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
    });
  }

  embed(texts: string[]): Promise<number[][]> {
    return this.client.embedDocuments(texts);
  }
}
