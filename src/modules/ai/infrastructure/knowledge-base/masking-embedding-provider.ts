import { EmbeddingProvider } from '../../application/knowledge-base/ports/embedding-provider.port';
import { ProviderPrivacy } from '../../application/privacy/provider-privacy';

/**
 * An embedding provider that sends texts out, behind the tenant's privacy rule: memories, summaries,
 * questions, cache keys and documents reach the endpoint with personal data masked when the tenant
 * masks it. The same text is masked the same way every time, so stored and queried vectors still meet.
 */
export class MaskingEmbeddingProvider extends EmbeddingProvider {
  readonly model: string;
  readonly dimensions: number;

  constructor(
    private readonly inner: EmbeddingProvider,
    private readonly privacy: ProviderPrivacy,
  ) {
    super();
    this.model = inner.model;
    this.dimensions = inner.dimensions;
  }

  async embed(texts: string[], tenantId: string): Promise<number[][]> {
    const outbound = await this.privacy.outbound(tenantId);
    return this.inner.embed(texts.map(outbound), tenantId);
  }
}
