import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import { AiReplyToStore, MessageRepository, NewInboundMessage, OutboundDelivery } from '../application/ports/message.repository.port';
import type { Message } from '../domain/message';
import { ConversationOrmEntity } from './conversation.orm-entity';
import { MessageOrmEntity } from './message.orm-entity';

const PROVIDER = 'twilio';

@Injectable()
export class TypeOrmMessageRepository extends MessageRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  insertInboundOnce(m: NewInboundMessage): Promise<{ id: string; inserted: boolean; processed: boolean }> {
    return this.db.forTenant(m.tenantId, async (em) => {
      // ON CONFLICT DO NOTHING: concurrent retries of one MessageSid wait on the unique index, one wins.
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO messages (tenant_id, whatsapp_number_id, direction, author, body, from_address, to_address,
                               provider, provider_sid, status, raw_payload, correlation_id)
         VALUES ($1, $2, 'inbound', 'contact', $3, $4, $5, $6, $7, 'received', $8, $9)
         ON CONFLICT (provider, provider_sid) DO NOTHING
         RETURNING id`,
        [m.tenantId, m.whatsappNumberId, m.body, m.fromAddress, m.toAddress, PROVIDER, m.providerSid, JSON.stringify(m.rawPayload), m.correlationId],
      );
      if (inserted.length === 1) return { id: inserted[0].id, inserted: true, processed: false };
      const existing = await em.findOneByOrFail(MessageOrmEntity, { tenantId: m.tenantId, provider: PROVIDER, providerSid: m.providerSid });
      return { id: existing.id, inserted: false, processed: existing.processedAt !== null };
    });
  }

  findById(tenantId: string, id: string): Promise<Message | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(MessageOrmEntity, { tenantId, id }));
  }

  async attach(tenantId: string, messageId: string, conversationId: string, contactId: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.update(MessageOrmEntity, { tenantId, id: messageId }, { conversationId, contactId }));
  }

  listForConversation(tenantId: string, conversationId: string, options: { limit: number; newestFirst?: boolean }): Promise<Message[]> {
    const direction = options.newestFirst ? 'DESC' : 'ASC';
    return this.db.forTenant(tenantId, (em) =>
      em.find(MessageOrmEntity, { where: { tenantId, conversationId }, order: { createdAt: direction, id: direction }, take: options.limit }),
    );
  }

  storeAiReply(reply: AiReplyToStore): Promise<Message | null> {
    return this.db.forTenant(reply.tenantId, async (em) => {
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
      // Only an AI-owned conversation moves to WAITING_USER: a human takeover meanwhile stays.
      await em.update(ConversationOrmEntity, { tenantId: reply.tenantId, id: reply.conversationId }, { lastMessageAt: new Date() });
      await em.update(ConversationOrmEntity, { tenantId: reply.tenantId, id: reply.conversationId, state: In(['ACTIVE', 'WAITING_USER']) }, { state: 'WAITING_USER' });
      return stored;
    });
  }

  markProcessed(tenantId: string, messageId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const result = await em.update(MessageOrmEntity, { tenantId, id: messageId, processedAt: IsNull() }, { processedAt: new Date() });
      return (result.affected ?? 0) === 1;
    });
  }

  findUnsentReplies(tenantId: string, inboundId: string): Promise<Message[]> {
    return this.db.forTenant(tenantId, (em) => em.findBy(MessageOrmEntity, { tenantId, inReplyTo: inboundId, status: 'pending' }));
  }

  async recordDelivery(tenantId: string, messageId: string, d: OutboundDelivery): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.update(
        MessageOrmEntity,
        { tenantId, id: messageId },
        {
          status: d.status,
          ...(d.providerSid ? { providerSid: d.providerSid } : {}),
          ...(d.errorCode !== undefined ? { errorCode: d.errorCode } : {}),
          ...(d.errorMessage !== undefined ? { errorMessage: d.errorMessage } : {}),
        },
      ),
    );
  }
}
