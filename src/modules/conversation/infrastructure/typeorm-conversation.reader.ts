import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import {
  ConversationEvent,
  ConversationListFilter,
  ConversationReader,
  ConversationRecord,
  MessageRecord,
} from '../application/ports/conversation-reader.port';
import type { ConversationState } from '../domain/conversation-state';
import { MessageOrmEntity } from './message.orm-entity';

/** Staff are shown by name, or by e-mail when they have none. */
const STAFF_NAME = (alias: string) => `coalesce(nullif(${alias}.name, ''), ${alias}.email)`;

const CONVERSATION_SELECT = `
  SELECT c.id, c.tenant_id, c.contact_id, c.whatsapp_number_id, c.state, c.assigned_to, c.handoff_reason, c.handoff_at,
         c.last_message_at, c.created_at, c.closed_at,
         k.phone_number AS contact_phone, coalesce(k.display_name, k.profile_name) AS contact_name,
         ${STAFF_NAME('s')} AS assignee_name, s.email AS assignee_email
    FROM conversations c
    JOIN contacts k ON k.id = c.contact_id
    LEFT JOIN staff_users s ON s.id = c.assigned_to`;

interface ConversationRow {
  id: string;
  tenant_id: string;
  contact_id: string;
  whatsapp_number_id: string;
  state: ConversationState;
  assigned_to: string | null;
  handoff_reason: string | null;
  handoff_at: Date | null;
  last_message_at: Date;
  created_at: Date;
  closed_at: Date | null;
  contact_phone: string;
  contact_name: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
}

interface EventRow {
  id: string;
  conversation_id: string;
  kind: 'transition' | 'assignment';
  from_state: ConversationState;
  to_state: ConversationState;
  actor_type: string;
  actor_id: string | null;
  assignee_id: string | null;
  reason: string | null;
  created_at: Date;
}

/** Joins the contact and staff tables read-only, inside the tenant's RLS scope. */
@Injectable()
export class TypeOrmConversationReader extends ConversationReader {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  conversation(tenantId: string, id: string): Promise<ConversationRecord | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: ConversationRow[] = await em.query(`${CONVERSATION_SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]);
      return row ? toRecord(row) : null;
    });
  }

  list(tenantId: string, filter: ConversationListFilter): Promise<Page<ConversationRecord>> {
    const params: unknown[] = [tenantId];
    const where = ['c.tenant_id = $1'];
    if (filter.state) {
      params.push(filter.state);
      where.push(`c.state = $${params.length}`);
    }
    if (filter.assignedTo === null) where.push('c.assigned_to IS NULL');
    else if (filter.assignedTo !== undefined) {
      params.push(filter.assignedTo);
      where.push(`c.assigned_to = $${params.length}::uuid`);
    }
    return this.page(tenantId, where.join(' AND '), params, 'c.last_message_at DESC, c.id', filter);
  }

  queue(tenantId: string, page: { limit: number; offset: number }): Promise<Page<ConversationRecord>> {
    return this.page(tenantId, `c.tenant_id = $1 AND c.state = 'HANDOFF_PENDING'`, [tenantId], 'c.handoff_at NULLS FIRST, c.created_at, c.id', page);
  }

  messages(tenantId: string, conversationId: string, limit: number): Promise<MessageRecord[]> {
    return this.db.forTenant(tenantId, async (em) => {
      // Parts of a long message are shown inside it, not as messages of their own.
      const rows = await em.find(MessageOrmEntity, {
        where: { tenantId, conversationId, parentMessageId: IsNull() },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: limit,
      });
      return this.withSenders(em, tenantId, rows);
    });
  }

  message(tenantId: string, messageId: string): Promise<MessageRecord | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const row = await em.findOneBy(MessageOrmEntity, { tenantId, id: messageId });
      return row ? (await this.withSenders(em, tenantId, [row]))[0] : null;
    });
  }

  events(tenantId: string, conversationId: string): Promise<ConversationEvent[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: EventRow[] = await em.query(
        `SELECT id, conversation_id, kind, from_state, to_state, actor_type, actor_id, assignee_id, reason, created_at
           FROM conversation_events WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY created_at, id`,
        [tenantId, conversationId],
      );
      return rows.map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        kind: r.kind,
        from: r.from_state,
        to: r.to_state,
        actor: { type: r.actor_type, id: r.actor_id },
        assigneeId: r.assignee_id,
        reason: r.reason,
        createdAt: r.created_at,
      }));
    });
  }

  private page(tenantId: string, where: string, params: unknown[], order: string, page: { limit: number; offset: number }): Promise<Page<ConversationRecord>> {
    return this.db.forTenant(tenantId, async (em) => {
      const n = params.length;
      const rows: ConversationRow[] = await em.query(`${CONVERSATION_SELECT} WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...params,
        page.limit,
        page.offset,
      ]);
      const [{ total }]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM conversations c WHERE ${where}`, params);
      return { items: rows.map(toRecord), total };
    });
  }

  private async withSenders(em: EntityManager, tenantId: string, rows: MessageOrmEntity[]): Promise<MessageRecord[]> {
    const parts = await this.partsOf(em, tenantId, rows);
    const ids = [...new Set(rows.map((r) => r.sentBy).filter((id): id is string => id !== null))];
    const staff: { id: string; name: string }[] = ids.length
      ? await em.query(`SELECT id, ${STAFF_NAME('s')} AS name FROM staff_users s WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[])`, [tenantId, ids])
      : [];
    const byId = new Map(staff.map((s) => [s.id, s]));
    return rows.map((row) => {
      const { sentBy, ...message } = row;
      const sender = sentBy ? byId.get(sentBy) : undefined;
      return { ...message, sender: sender ? { id: sender.id, name: sender.name } : null, parts: parts.get(row.id) ?? [] };
    });
  }

  private async partsOf(em: EntityManager, tenantId: string, rows: MessageOrmEntity[]): Promise<Map<string, MessageOrmEntity[]>> {
    const outbound = rows.filter((r) => r.direction === 'outbound' && !r.parentMessageId).map((r) => r.id);
    const byParent = new Map<string, MessageOrmEntity[]>();
    if (outbound.length === 0) return byParent;
    const parts = await em.find(MessageOrmEntity, { where: { tenantId, parentMessageId: In(outbound) }, order: { partIndex: 'ASC' } });
    for (const part of parts) byParent.set(part.parentMessageId!, [...(byParent.get(part.parentMessageId!) ?? []), part]);
    return byParent;
  }
}

function toRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    contactId: row.contact_id,
    whatsappNumberId: row.whatsapp_number_id,
    state: row.state,
    assignedTo: row.assigned_to,
    handoffReason: row.handoff_reason,
    handoffAt: row.handoff_at,
    lastMessageAt: row.last_message_at,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    contact: { id: row.contact_id, phoneNumber: row.contact_phone, name: row.contact_name },
    assignee: row.assigned_to && row.assignee_email ? { id: row.assigned_to, name: row.assignee_name ?? row.assignee_email, email: row.assignee_email } : null,
  };
}
