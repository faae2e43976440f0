import { Injectable } from '@nestjs/common';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { redactPii } from '../../domain/privacy/pii-masking';

/** What a tenant's text becomes on its way out. */
export type OutboundText = (text: string) => string;

const unchanged: OutboundText = (text) => text;

/**
 * The one rule for a tenant's text sent to a provider that gives nothing back to restore (embeddings
 * now, a reranker later): when the tenant masks personal data (pii_masking), every CPF, CNPJ, e-mail,
 * phone and card number is replaced by its kind ("[CPF]") before it leaves. Adapters apply it at the
 * boundary, so no caller can forget it. What we store keeps the real values: it is our own database.
 * Chat is masked per run with restorable placeholders instead (EngineRun, SummarizeConversation).
 */
@Injectable()
export class ProviderPrivacy {
  constructor(private readonly flags: FeatureFlags) {}

  async outbound(tenantId: string): Promise<OutboundText> {
    return (await this.flags.isEnabled(tenantId, 'pii_masking')) ? redactPii : unchanged;
  }
}
