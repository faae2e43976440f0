import { Injectable } from '@nestjs/common';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import type { Conversation } from '../domain/conversation';
import type { Message } from '../domain/message';
import { ConversationNotifier } from './conversation-notifier';
import { ConversationRepository } from './ports/conversation.repository.port';
import { MessageRepository } from './ports/message.repository.port';

export interface LocatedInbound {
  tenant: { id: string; name: string; active: boolean } | null;
  contact: { id: string; name: string | null };
  conversation: Conversation;
  /** The inbound as it is now: attached to its contact and conversation. */
  inbound: Message;
}

/** Finds (or creates) who wrote and the open conversation an inbound message belongs to, links them, and shows it to the consoles. */
@Injectable()
export class ConversationLocator {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly notifier: ConversationNotifier,
  ) {}

  async locate(inbound: Message): Promise<LocatedInbound> {
    const tenantId = inbound.tenantId;
    const tenant = await this.directory.findTenant(tenantId);
    const contact = await this.directory.upsertContact(tenantId, phoneOf(inbound.fromAddress), contactDetails(inbound));
    const conversation = await this.attachToOpenConversation(inbound, contact.id);
    // Consoles see every customer message, whether the AI or a person will answer it.
    await this.notifier.messageStored(tenantId, inbound.id);
    return {
      tenant: tenant ? { id: tenant.id, name: tenant.name, active: tenant.status === 'active' } : null,
      contact: { id: contact.id, name: contact.profileName },
      conversation,
      inbound: { ...inbound, conversationId: conversation.id, contactId: contact.id },
    };
  }

  /**
   * The inactivity sweeper may close the conversation between finding it and marking the activity:
   * then the message moves to the new conversation that openFor creates.
   */
  private async attachToOpenConversation(inbound: Message, contactId: string): Promise<Conversation> {
    const { tenantId } = inbound;
    for (let attempt = 1; ; attempt += 1) {
      const conversation = await this.conversations.openFor(tenantId, contactId, inbound.whatsappNumberId);
      await this.messages.attach(tenantId, inbound.id, conversation.id, contactId);
      if ((await this.conversations.touch(tenantId, conversation.id)) !== false || attempt === MAX_ATTACH_ATTEMPTS) return conversation;
    }
  }
}

const MAX_ATTACH_ATTEMPTS = 3;

function phoneOf(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

function contactDetails(inbound: Message): { waId?: string; profileName?: string } {
  const raw = inbound.rawPayload ?? {};
  const pick = (key: string) => (typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined);
  return { waId: pick('WaId'), profileName: pick('ProfileName') };
}
