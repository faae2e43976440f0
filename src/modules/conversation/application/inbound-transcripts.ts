import { Injectable } from '@nestjs/common';
import type { Message, MessageMedia } from '../domain/message';
import { MessageRepository } from './ports/message.repository.port';

/** What the channel needs to turn a stored voice note into text the AI reads. */
@Injectable()
export class InboundTranscripts {
  constructor(private readonly messages: MessageRepository) {}

  /** The inbound message, or null when it is missing or outbound. */
  async find(tenantId: string, messageId: string): Promise<Message | null> {
    const message = await this.messages.findById(tenantId, messageId);
    return message && message.direction === 'inbound' ? message : null;
  }

  /** The transcript becomes the message's body (what the AI and agents read); media sizes learnt on download. */
  save(tenantId: string, messageId: string, transcript: string, media: MessageMedia[]): Promise<void> {
    return this.messages.saveTranscript(tenantId, messageId, transcript, media);
  }
}
