import { strict } from '@test/support/strict-fake';
import { DEFAULT_CONVERSATION_SETTINGS, type ConversationSettings } from '../../domain/conversation-settings';
import { InvalidConversationSettingsError } from '../../domain/conversation-settings.errors';
import type { ConversationSettingsRepository } from '../ports/conversation-settings.repository.port';
import { ConversationSettingsQueries } from './conversation-settings-queries';
import { UpdateConversationSettings } from './update-conversation-settings.use-case';

function withStored(row: ConversationSettings | null) {
  const saved: ConversationSettings[] = [];
  const repository = strict<ConversationSettingsRepository>('repository', {
    find: async () => row,
    save: async (_tenantId: string, settings: ConversationSettings) => {
      saved.push(settings);
      return settings;
    },
  });
  const queries = new ConversationSettingsQueries(repository);
  return { saved, queries, update: new UpdateConversationSettings(queries, repository) };
}

describe('conversation settings use cases', () => {
  it('reads the defaults for a tenant that never changed them', async () => {
    expect(await withStored(null).queries.forTenant('t1')).toEqual(DEFAULT_CONVERSATION_SETTINGS);
  });

  it('saves the stored settings with only the given fields changed', async () => {
    const { saved, update } = withStored({ ...DEFAULT_CONVERSATION_SETTINGS, autoAssign: true, unclaimedNoticeAfterSeconds: 60 });
    const result = await update.execute('t1', { inactivityCloseAfterSeconds: 3600, unclaimedNoticeAfterSeconds: null });
    expect(result).toEqual({ ...DEFAULT_CONVERSATION_SETTINGS, autoAssign: true, inactivityCloseAfterSeconds: 3600 });
    expect(saved).toEqual([result]);
  });

  it('saves nothing when a change breaks a rule', async () => {
    const { saved, update } = withStored(null);
    await expect(update.execute('t1', { inactivityFollowUpAfterSeconds: 90000 })).rejects.toThrow(InvalidConversationSettingsError);
    expect(saved).toEqual([]);
  });
});
