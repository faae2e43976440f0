import { Not } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationRepository } from '../application/ports/conversation.repository.port';
import type { AssignmentChange } from '../domain/assignment';
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

  async touch(tenantId: string, id: string, state?: ConversationState): Promise<boolean> {
    const result = await this.db.forTenant(tenantId, (em) =>
      em.update(ConversationOrmEntity, { tenantId, id, state: Not('CLOSED') }, { lastMessageAt: new Date(), ...(state ? { state } : {}) }),
    );
    return (result.affected ?? 0) > 0;
  }

  applyTransition(tenantId: string, id: string, t: Transition, assignment?: AssignmentChange): Promise<boolean> {
    const params: unknown[] = [tenantId, id, t.from, t.to, t.reason, t.actor.type, t.actor.id ?? null, assignment?.next ?? null];
    const sets = ['state = $4', 'updated_at = now()', ...handoffBookkeeping(t)];
    let guard = '';
    if (assignment) {
      params.push(assignment.expected);
      guard = `AND assigned_to IS NOT DISTINCT FROM $${params.length}::uuid`;
      sets.push('assigned_to = $8::uuid');
    } else if (UNASSIGNED_STATES.includes(t.to)) {
      sets.push('assigned_to = NULL');
    }
    return this.db.forTenant(tenantId, async (em) => {
      // One statement: the conditional UPDATE decides who wins a race, and only the winner's event is recorded.
      const recorded: { id: string }[] = await em.query(
        `WITH moved AS (
           UPDATE conversations SET ${sets.join(', ')}
            WHERE tenant_id = $1 AND id = $2 AND state = $3 ${guard}
           RETURNING id
         )
         INSERT INTO conversation_events (tenant_id, conversation_id, kind, from_state, to_state, actor_type, actor_id, assignee_id, reason)
         SELECT $1, moved.id, CASE WHEN $3 = $4 THEN 'assignment' ELSE 'transition' END, $3, $4, $6, $7::uuid, $8::uuid, $5 FROM moved
         RETURNING id`,
        params,
      );
      return recorded.length === 1;
    });
  }
}

/** Nobody owns a conversation the AI handles or one waiting in the queue. */
const UNASSIGNED_STATES: readonly ConversationState[] = ['ACTIVE', 'WAITING_USER', 'HANDOFF_PENDING'];

/**
 * Why and since when a person has the conversation: set on entering the queue (a new wait: the
 * unclaimed notice may go out again) or on a direct takeover from the AI, kept through claims
 * and transfers, cleared when the AI has it again; a closed conversation keeps its history.
 */
function handoffBookkeeping(t: Transition): string[] {
  if (t.to === 'HANDOFF_PENDING') return ['handoff_reason = $5', 'handoff_at = now()', 'unclaimed_notified_at = NULL'];
  if (t.to === 'HUMAN_ACTIVE' && (t.from === 'ACTIVE' || t.from === 'WAITING_USER')) return ['handoff_reason = $5', 'handoff_at = now()'];
  if (t.to === 'ACTIVE' || t.to === 'WAITING_USER') return ['handoff_reason = NULL', 'handoff_at = NULL'];
  if (t.to === 'CLOSED') return ['closed_at = now()'];
  return [];
}
