import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { AiReplyToStore, MessageRepository, NewInboundMessage, OutboundDelivery } from '../application/ports/message.repository.port';
import type { Message } from '../domain/message';
import { ConversationOrmEntity } from './conversation.orm-entity';
import { MessageOrmEntity } from './message.orm-entity';

const PROVIDER = 'twilio';

@Injectable()
export class TypeOrmMessageRepository extends MessageRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(MessageOrmEntity) private readonly rows: Repository<MessageOrmEntity>,
  ) {
    super();
  }

  async insertInboundOnce(m: NewInboundMessage): Promise<{ id: string; inserted: boolean; processed: boolean }> {
    // ON CONFLICT DO NOTHING: concurrent retries of one MessageSid wait on the unique index, one wins.
    const inserted: { id: string }[] = await this.rows.query(
      `INSERT INTO messages (tenant_id, whatsapp_number_id, direction, author, body, from_address, to_address,
                             provider, provider_sid, status, raw_payload, correlation_id)
       VALUES ($1, $2, 'inbound', 'contact', $3, $4, $5, $6, $7, 'received', $8, $9)
       ON CONFLICT (provider, provider_sid) DO NOTHING
       RETURNING id`,
      [m.tenantId, m.whatsappNumberId, m.body, m.fromAddress, m.toAddress, PROVIDER, m.providerSid, JSON.stringify(m.rawPayload), m.correlationId],
    );
    if (inserted.length === 1) return { id: inserted[0].id, inserted: true, processed: false };
    const existing = await this.rows.findOneByOrFail({ provider: PROVIDER, providerSid: m.providerSid });
    return { id: existing.id, inserted: false, processed: existing.processedAt !== null };
  }

  findById(tenantId: string, id: string): Promise<Message | null> {
    return this.rows.findOneBy({ tenantId, id });
  }

  async attach(tenantId: string, messageId: string, conversationId: string, contactId: string): Promise<void> {
    await this.rows.update({ tenantId, id: messageId }, { conversationId, contactId });
  }

  async listForConversation(tenantId: string, conversationId: string, options: { limit: number; newestFirst?: boolean }): Promise<Message[]> {
    const direction = options.newestFirst ? 'DESC' : 'ASC';
    return this.rows.find({ where: { tenantId, conversationId }, order: { createdAt: direction, id: direction }, take: options.limit });
  }

  storeAiReply(reply: AiReplyToStore): Promise<Message | null> {
    return this.db.transaction(async (em) => {
      const claimed = await em.update(MessageOrmEntity, { tenantId: reply.tenantId, id: reply.inbound.id, processedAt: IsNull() }, { processedAt: new Date() });
      if ((claimed.affected ?? 0) !== 1) return null;
      const stored = await em.save(
        em.create(MessageOrmEntity, {
          tenantId: reply.tenantId,
          whatsappNumberId: reply.inbound.whatsappNumberId,
          conversationId: reply.conversationId,
          contactId: reply.inbound.contactId,
          direction: 'outbound',
          author: reply.author,
          body: reply.body,
          fromAddress: reply.inbound.toAddress,
          toAddress: reply.inbound.fromAddress,
          provider: PROVIDER,
          providerSid: null,
          status: 'pending',
          inReplyTo: reply.inbound.id,
          correlationId: reply.correlationId,
        }),
      );
      await em.update(ConversationOrmEntity, { tenantId: reply.tenantId, id: reply.conversationId }, { state: 'WAITING_USER', lastMessageAt: new Date() });
      return stored;
    });
  }

  async markProcessed(tenantId: string, messageId: string): Promise<boolean> {
    const result = await this.rows.update({ tenantId, id: messageId, processedAt: IsNull() }, { processedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  findUnsentReplies(tenantId: string, inboundId: string): Promise<Message[]> {
    return this.rows.findBy({ tenantId, inReplyTo: inboundId, status: In(['pending']) });
  }

  async recordDelivery(tenantId: string, messageId: string, d: OutboundDelivery): Promise<void> {
    await this.rows.update(
      { tenantId, id: messageId },
      {
        status: d.status,
        ...(d.providerSid ? { providerSid: d.providerSid } : {}),
        ...(d.errorCode !== undefined ? { errorCode: d.errorCode } : {}),
        ...(d.errorMessage !== undefined ? { errorMessage: d.errorMessage } : {}),
      },
    );
  }
}
