import { Injectable } from '@nestjs/common';
import { applyConversationSettingsChanges, ConversationSettings, ConversationSettingsChanges } from '../../domain/conversation-settings';
import { ConversationSettingsRepository } from '../ports/conversation-settings.repository.port';
import { ConversationSettingsQueries } from './conversation-settings-queries';

@Injectable()
export class UpdateConversationSettings {
  constructor(
    private readonly queries: ConversationSettingsQueries,
    private readonly repository: ConversationSettingsRepository,
  ) {}

  /** Only the given fields change (null clears an optional one); 400 on a broken rule, nothing saved. */
  async execute(tenantId: string, changes: ConversationSettingsChanges): Promise<ConversationSettings> {
    const next = applyConversationSettingsChanges(await this.queries.forTenant(tenantId), changes);
    return this.repository.save(tenantId, next);
  }
}
