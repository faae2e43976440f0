import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationTimerStore, IdleCandidate, LockedConversation, SystemMessageToStore } from '../../application/ports/conversation-timer-store.port';
import { DEFAULT_CONVERSATION_SETTINGS } from '../../domain/conversation-settings';
import type { ConversationState } from '../../domain/conversation-state';
import type { Message } from '../../domain/message';
import { MessageOrmEntity } from '../message.orm-entity';

const LAST_CUSTOMER_TEXT = `(SELECT m.body FROM messages m
   WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.created_at DESC LIMIT 1)`;

@Injectable()
export class TypeOrmConversationTimerStore extends ConversationTimerStore {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  /**
   * Platform scope: finding idle conversations is cross-tenant by nature (one sweep serves every
   * tenant). Only ids leave this query; each conversation is then settled in its own tenant's scope.
   * The cursor is the row's timestamp as PostgreSQL prints it, so microseconds survive the round trip.
   */
  findIdle(cursor: string | null, limit: number): Promise<IdleCandidate[]> {
    const [afterAt, afterId] = cursor ? (JSON.parse(cursor) as [string, string]) : [null, null];
    return this.db.asPlatform(async (em) => {
      const rows: { tenant_id: string; id: string; at: string }[] = await em.query(
        `SELECT c.tenant_id, c.id, c.last_message_at::text AS at
         FROM conversations c LEFT JOIN conversation_settings s ON s.tenant_id = c.tenant_id
         WHERE c.state <> 'CLOSED'
           AND ($1::timestamptz IS NULL OR (c.last_message_at, c.id) > ($1::timestamptz, $2::uuid))
           AND (c.last_message_at <= now() - make_interval(secs => COALESCE(s.inactivity_close_after_seconds, $3))
                OR (c.state <> 'HANDOFF_PENDING' AND s.inactivity_follow_up_after_seconds IS NOT NULL
                    AND c.last_message_at <= now() - make_interval(secs => s.inactivity_follow_up_after_seconds)
                    AND (c.followed_up_at IS NULL OR c.followed_up_at < c.last_message_at)))
         ORDER BY c.last_message_at, c.id
         LIMIT $4`,
        [afterAt, afterId, DEFAULT_CONVERSATION_SETTINGS.inactivityCloseAfterSeconds, limit],
      );
      return rows.map((row) => ({ tenantId: row.tenant_id, conversationId: row.id, cursor: JSON.stringify([row.at, row.id]) }));
    });
  }

  lockOpen(tenantId: string, conversationId: string): Promise<LockedConversation | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: { id: string; tenant_id: string; state: ConversationState; last_message_at: Date; followed_up_at: Date | null; customer_text: string | null }[] = await em.query(
        `SELECT c.id, c.tenant_id, c.state, c.last_message_at, c.followed_up_at, ${LAST_CUSTOMER_TEXT} AS customer_text
         FROM conversations c WHERE c.tenant_id = $1 AND c.id = $2 AND c.state <> 'CLOSED'
         FOR UPDATE OF c`,
        [tenantId, conversationId],
      );
      if (rows.length === 0) return null;
      const [row] = rows;
      return { id: row.id, tenantId: row.tenant_id, state: row.state, lastMessageAt: row.last_message_at, followedUpAt: row.followed_up_at, customerText: row.customer_text };
    });
  }

  markFollowedUp(tenantId: string, conversationId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      // GREATEST: the mark must never look older than the activity it follows up, whatever the clocks.
      const [, affected]: [unknown, number] = await em.query(
        `UPDATE conversations SET followed_up_at = GREATEST(now(), last_message_at)
         WHERE tenant_id = $1 AND id = $2 AND state NOT IN ('CLOSED', 'HANDOFF_PENDING')
           AND (followed_up_at IS NULL OR followed_up_at < last_message_at)`,
        [tenantId, conversationId],
      );
      return affected === 1;
    });
  }

  markUnclaimedNotified(tenantId: string, conversationId: string, handoffAt: Date): Promise<{ customerText: string | null } | null> {
    return this.db.forTenant(tenantId, async (em) => {
      // A notice older than the current handoff belongs to an earlier wait. The slack absorbs a
      // handoff time read by the caller a moment before the row was written; a later handoff has its own timer.
      const [rows]: [{ customer_text: string | null }[], number] = await em.query(
        `UPDATE conversations c SET unclaimed_notified_at = GREATEST(now(), c.handoff_at)
         WHERE c.tenant_id = $1 AND c.id = $2 AND c.state = 'HANDOFF_PENDING' AND c.assigned_to IS NULL
           AND (c.unclaimed_notified_at IS NULL OR c.unclaimed_notified_at < c.handoff_at)
           AND (c.handoff_at IS NULL OR c.handoff_at < $3::timestamptz + interval '5 seconds')
         RETURNING ${LAST_CUSTOMER_TEXT} AS customer_text`,
        [tenantId, conversationId, handoffAt],
      );
      return rows.length === 1 ? { customerText: rows[0].customer_text } : null;
    });
  }

  storeSystemMessage(message: SystemMessageToStore): Promise<Message> {
    const { tenantId, conversationId, body, correlationId } = message;
    return this.db.forTenant(tenantId, async (em) => {
      // last_message_at stays: a timer's own message is not activity (it would restart the idle clock).
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO messages (tenant_id, whatsapp_number_id, conversation_id, contact_id, direction, author, body,
                               from_address, to_address, provider, status, correlation_id)
         SELECT c.tenant_id, c.whatsapp_number_id, c.id, c.contact_id, 'outbound', 'system', $3,
                'whatsapp:' || n.phone_number, 'whatsapp:' || k.phone_number, 'twilio', 'pending', $4
         FROM conversations c
         JOIN contacts k ON k.id = c.contact_id
         JOIN whatsapp_numbers n ON n.id = c.whatsapp_number_id
         WHERE c.tenant_id = $1 AND c.id = $2
         RETURNING id`,
        [tenantId, conversationId, body, correlationId],
      );
      return em.findOneByOrFail(MessageOrmEntity, { tenantId, id: row.id });
    });
  }

  pendingSystemMessages(tenantId: string, conversationId: string, correlationId: string): Promise<Message[]> {
    return this.db.forTenant(tenantId, (em) =>
      em.findBy(MessageOrmEntity, { tenantId, conversationId, correlationId, direction: 'outbound', author: 'system', status: 'pending' }),
    );
  }
}
