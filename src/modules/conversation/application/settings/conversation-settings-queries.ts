import { Injectable } from '@nestjs/common';
import { ConversationSettings, DEFAULT_CONVERSATION_SETTINGS } from '../../domain/conversation-settings';
import { ConversationSettingsRepository } from '../ports/conversation-settings.repository.port';

/** A tenant's conversation settings, the defaults while it has none of its own. */
@Injectable()
export class ConversationSettingsQueries {
  constructor(private readonly repository: ConversationSettingsRepository) {}

  async forTenant(tenantId: string): Promise<ConversationSettings> {
    return (await this.repository.find(tenantId)) ?? { ...DEFAULT_CONVERSATION_SETTINGS };
  }
}
