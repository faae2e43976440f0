import type { ConversationSettings } from '../../domain/conversation-settings';

export abstract class ConversationSettingsRepository {
  /** Null while the tenant never changed its settings (it has no row yet). */
  abstract find(tenantId: string): Promise<ConversationSettings | null>;
  /** Creates the tenant's row on first save; never touches what other use cases keep there (the assignment pointer). */
  abstract save(tenantId: string, settings: ConversationSettings): Promise<ConversationSettings>;
}
