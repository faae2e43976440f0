import type { TenantDirectory } from '@modules/identity/application/tenant-directory';
import type { Contact } from '@modules/identity/domain/contact';
import { strict } from '@test/support/strict-fake';
import type { Conversation } from '../domain/conversation';
import type { Message } from '../domain/message';
import { ConversationLocator } from './conversation-locator';
import type { ConversationNotifier } from './conversation-notifier';
import type { ConversationRepository } from './ports/conversation.repository.port';
import type { MessageRepository } from './ports/message.repository.port';

const TENANT = 'tenant-1';
const CONTACT = { id: 'contact-1', tenantId: TENANT, phoneNumber: '+5511999990000', waId: null, profileName: 'Maria' } as unknown as Contact;
const INBOUND = { id: 'msg-1', tenantId: TENANT, whatsappNumberId: 'number-1', fromAddress: 'whatsapp:+5511999990000', rawPayload: {} } as unknown as Message;

function build(touchResults: boolean[]) {
  const attached: string[] = [];
  let opened = 0;
  const directory = strict<TenantDirectory>('directory', {
    findTenant: async () => ({ id: TENANT, name: 'Loja', status: 'active', createdAt: new Date() }),
    upsertContact: async () => CONTACT,
  });
  const conversations = strict<ConversationRepository>('conversations', {
    openFor: async () => ({ id: `conv-${(opened += 1)}` }) as Conversation,
    touch: async () => touchResults.shift() ?? true,
  });
  const messages = strict<MessageRepository>('messages', {
    attach: async (_tenantId: string, _messageId: string, conversationId: string) => void attached.push(conversationId),
  });
  const notifier = strict<ConversationNotifier>('notifier', { messageStored: async () => null });
  return { locator: new ConversationLocator(directory, conversations, messages, notifier), attached };
}

describe('ConversationLocator', () => {
  it('attaches the message to the open conversation and marks its activity', async () => {
    const { locator, attached } = build([true]);
    const located = await locator.locate(INBOUND);
    expect(located.conversation.id).toBe('conv-1');
    expect(attached).toEqual(['conv-1']);
  });

  it('moves the message to a new conversation when the one it found was closed in the meantime (inactivity sweeper)', async () => {
    const { locator, attached } = build([false, true]);
    const located = await locator.locate(INBOUND);
    expect(located.conversation.id).toBe('conv-2');
    expect(located.inbound.conversationId).toBe('conv-2');
    expect(attached).toEqual(['conv-1', 'conv-2']);
  });
});
