import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationPage, ConversationRepository } from '../application/ports/conversation.repository.port';
import type { Conversation } from '../domain/conversation';
import type { ConversationState } from '../domain/conversation-state';
import type { Transition } from '../domain/conversation-state-machine';
import { ConversationOrmEntity } from './conversation.orm-entity';

@Injectable()
export class TypeOrmConversationRepository extends ConversationRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  openFor(tenantId: string, contactId: string, whatsappNumberId: string): Promise<Conversation> {
    return this.db.forTenant(tenantId, async (em) => {
      // The partial unique index (one open conversation per contact and number) makes this race-free.
      await em.query(
        `INSERT INTO conversations (tenant_id, contact_id, whatsapp_number_id, state)
         VALUES ($1, $2, $3, 'ACTIVE')
         ON CONFLICT (tenant_id, contact_id, whatsapp_number_id) WHERE state <> 'CLOSED' DO NOTHING`,
        [tenantId, contactId, whatsappNumberId],
      );
      const open = await em
        .getRepository(ConversationOrmEntity)
        .createQueryBuilder('c')
        .where('c.tenant_id = :tenantId AND c.contact_id = :contactId AND c.whatsapp_number_id = :whatsappNumberId', { tenantId, contactId, whatsappNumberId })
        .andWhere(`c.state <> 'CLOSED'`)
        .getOne();
      if (!open) throw new Error('open conversation vanished right after upsert');
      return open;
    });
  }

  findById(tenantId: string, id: string): Promise<Conversation | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(ConversationOrmEntity, { tenantId, id }));
  }

  list(tenantId: string, filter: { state?: ConversationState; limit: number; offset: number }): Promise<ConversationPage> {
    return this.db.forTenant(tenantId, async (em) => {
      const [items, total] = await em.findAndCount(ConversationOrmEntity, {
        where: { tenantId, ...(filter.state ? { state: filter.state } : {}) },
        order: { lastMessageAt: 'DESC', id: 'ASC' },
        take: filter.limit,
        skip: filter.offset,
      });
      return { items, total };
    });
  }

  async touch(tenantId: string, id: string, state?: ConversationState): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.update(ConversationOrmEntity, { tenantId, id }, { lastMessageAt: new Date(), ...(state ? { state } : {}) }));
  }

  applyTransition(tenantId: string, id: string, t: Transition): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const handoff = t.to === 'HANDOFF_PENDING' || t.to === 'HUMAN_ACTIVE';
      const moved = await em.update(
        ConversationOrmEntity,
        { tenantId, id, state: t.from },
        { state: t.to, handoffReason: handoff ? t.reason : null, ...(t.to === 'CLOSED' ? { closedAt: new Date() } : {}) },
      );
      if ((moved.affected ?? 0) !== 1) return false;
      await em.query(
        `INSERT INTO conversation_events (tenant_id, conversation_id, from_state, to_state, actor_type, actor_id, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenantId, id, t.from, t.to, t.actor.type, t.actor.id ?? null, t.reason],
      );
      return true;
    });
  }
}
