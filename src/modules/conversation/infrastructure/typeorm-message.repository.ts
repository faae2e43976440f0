import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import { AiReplyToStore, InboundMessageContent, MessageRepository, NewInboundMessage, NewOutboundMessage } from '../application/ports/message.repository.port';
import { aiMayAnswer, ConversationState } from '../domain/conversation-state';
import type { Message, MessageMedia } from '../domain/message';
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
                               provider, provider_sid, status, raw_payload, correlation_id, kind, media, location, button_payload)
         VALUES ($1, $2, 'inbound', 'contact', $3, $4, $5, $6, $7, 'received', $8, $9, $10, $11, $12, $13)
         ON CONFLICT (provider, provider_sid) DO NOTHING
         RETURNING id`,
        [m.tenantId, m.whatsappNumberId, m.body, m.fromAddress, m.toAddress, PROVIDER, m.providerSid, JSON.stringify(m.rawPayload), m.correlationId, ...contentColumns(m.content)],
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
      if (!(await this.claim(em, reply.tenantId, [reply.inbound.id, ...(reply.alsoAnswers ?? [])]))) return null;
      if (reply.onlyWhileAiOwned && !(await this.aiOwns(em, reply.tenantId, reply.conversationId))) return null;
      if (reply.onlyOnceInConversation && (await this.alreadySaid(em, reply))) return null;
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

  storeOutbound(m: NewOutboundMessage): Promise<Message | null> {
    const variables = m.contentVariables ? JSON.stringify(m.contentVariables) : null;
    const params: unknown[] = [m.tenantId, m.conversationId, m.author, m.body, m.correlationId, m.sentBy, PROVIDER, m.templateId ?? null, variables];
    let guard = '';
    if (m.onlyIf) {
      params.push(m.onlyIf.state);
      guard += ` AND c.state = $${params.length}`;
    }
    if (m.onlyIf?.assignedTo) {
      params.push(m.onlyIf.assignedTo);
      guard += ` AND c.assigned_to = $${params.length}::uuid`;
    }
    return this.db.forTenant(m.tenantId, async (em) => {
      // FOR UPDATE: a release or transfer committing meanwhile is seen, so the guard holds when the row is written.
      const [stored]: { id: string }[] = await em.query(
        `INSERT INTO messages (tenant_id, whatsapp_number_id, conversation_id, contact_id, direction, author, body,
                               from_address, to_address, provider, status, correlation_id, sent_by, template_id, content_variables)
         SELECT c.tenant_id, c.whatsapp_number_id, c.id, c.contact_id, 'outbound', $3, $4,
                'whatsapp:' || n.phone_number, 'whatsapp:' || k.phone_number, $7, 'pending', $5, $6::uuid, $8::uuid, $9::jsonb
           FROM (SELECT * FROM conversations c WHERE c.tenant_id = $1 AND c.id = $2${guard} FOR UPDATE) c
           JOIN contacts k ON k.id = c.contact_id
           JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id
         RETURNING id`,
        params,
      );
      if (!stored) return null;
      await em.update(ConversationOrmEntity, { tenantId: m.tenantId, id: m.conversationId }, { lastMessageAt: new Date() });
      return em.findOneByOrFail(MessageOrmEntity, { tenantId: m.tenantId, id: stored.id });
    });
  }

  markProcessed(tenantId: string, messageId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const result = await em.update(MessageOrmEntity, { tenantId, id: messageId, processedAt: IsNull() }, { processedAt: new Date() });
      return (result.affected ?? 0) === 1;
    });
  }

  private async aiOwns(em: EntityManager, tenantId: string, conversationId: string): Promise<boolean> {
    // Locks the conversation: a claim waits for this reply's transaction, or this sees the claim.
    const [row]: { state: ConversationState }[] = await em.query(`SELECT state FROM conversations WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, conversationId]);
    return !!row && aiMayAnswer(row.state);
  }

  /** Marks the messages answered, all or none: false when any of them already was. */
  private async claim(em: EntityManager, tenantId: string, ids: string[]): Promise<boolean> {
    const unique = [...new Set(ids)];
    // FOR UPDATE: a concurrent claimer waits here, then sees the rows answered and gives up.
    const open: { id: string }[] = await em.query(
      `SELECT id FROM messages WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND processed_at IS NULL ORDER BY id FOR UPDATE`,
      [tenantId, unique],
    );
    if (open.length !== unique.length) return false;
    await em.query(`UPDATE messages SET processed_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, unique]);
    return true;
  }

  findUnanswered(tenantId: string, from: { whatsappNumberId: string; fromAddress: string }): Promise<Message[]> {
    return this.db.forTenant(tenantId, (em) =>
      em
        .createQueryBuilder(MessageOrmEntity, 'm')
        .where(`m.tenantId = :tenantId AND m.whatsappNumberId = :numberId AND m.fromAddress = :fromAddress`, { tenantId, numberId: from.whatsappNumberId, fromAddress: from.fromAddress })
        .andWhere(`m.direction = 'inbound' AND m.processedAt IS NULL`)
        .andWhere(`NOT (m.kind = 'audio' AND m.transcript IS NULL)`)
        .orderBy('m.createdAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .getMany(),
    );
  }

  async markThrottled(tenantId: string, messageId: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.update(MessageOrmEntity, { tenantId, id: messageId }, { throttled: true, processedAt: () => 'COALESCE(processed_at, now())' }));
  }

  private async alreadySaid(em: EntityManager, reply: AiReplyToStore): Promise<boolean> {
    // The conversation row lock serialises two runs that would both say it for the first time.
    await em.query(`SELECT 1 FROM conversations WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [reply.tenantId, reply.conversationId]);
    const said: unknown[] = await em.query(
      `SELECT 1 FROM messages WHERE tenant_id = $1 AND conversation_id = $2 AND direction = 'outbound' AND author = $3 AND body = $4 LIMIT 1`,
      [reply.tenantId, reply.conversationId, reply.author, reply.body],
    );
    return said.length > 0;
  }

  async saveTranscript(tenantId: string, messageId: string, transcript: string, media: MessageMedia[]): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.update(MessageOrmEntity, { tenantId, id: messageId }, { transcript, body: transcript, media }));
  }

  findUnsentReplies(tenantId: string, inboundId: string): Promise<Message[]> {
    return this.db.forTenant(tenantId, (em) => em.findBy(MessageOrmEntity, { tenantId, inReplyTo: inboundId, status: 'pending' }));
  }
}

function contentColumns(content: InboundMessageContent | undefined): unknown[] {
  if (!content) return ['text', '[]', null, null];
  return [content.kind, JSON.stringify(content.media), content.location ? JSON.stringify(content.location) : null, content.buttonPayload];
}
