import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationHistory } from '../../application/ports/conversation-history.port';
import { MEDIA_PLACEHOLDER, MemoryTurn } from '../../domain/memory/memory';

interface MessageRow {
  id: string;
  author: MemoryTurn['author'];
  body: string;
  created_at: Date;
}

/** How a release note reads in the AI's history (a system turn). */
export const RELEASE_NOTE_PREFIX = '[note from the team]';

/**
 * L2 memory: reads the conversation module's messages (every author: customer, AI, agents, system)
 * and its release notes, read-only and tenant-scoped.
 */
@Injectable()
export class TypeOrmConversationHistory extends ConversationHistory {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  recent(tenantId: string, conversationId: string, limit: number): Promise<MemoryTurn[]> {
    if (limit < 1) return Promise.resolve([]);
    return this.db.forTenant(tenantId, async (em) => {
      // Throttled messages (over the contact's inbound limit) are never sent to the AI, not even as history.
      // Release notes join the messages as system turns: the AI reads what the team left it when giving the chat back.
      const rows: MessageRow[] = await em.query(
        `SELECT id, author, body, created_at FROM (
           SELECT id::text AS id, author, body, created_at FROM messages
            WHERE tenant_id = $1 AND conversation_id = $2 AND parent_message_id IS NULL AND NOT throttled
           UNION ALL
           SELECT 'note:' || id, 'system', $4::text || ' ' || body, created_at FROM conversation_notes
            WHERE tenant_id = $1 AND conversation_id = $2 AND kind = 'release'
           ORDER BY created_at DESC, id DESC
           LIMIT $3
         ) newest ORDER BY created_at, id`,
        [tenantId, conversationId, Math.floor(limit), RELEASE_NOTE_PREFIX],
      );
      return rows.map((row) => ({
        messageId: row.id,
        author: row.author,
        // A media-only message has an empty body; the model should still know something was sent.
        body: row.body === '' ? MEDIA_PLACEHOLDER : row.body,
        at: row.created_at.toISOString(),
      }));
    });
  }

  contactOf(tenantId: string, conversationId: string): Promise<string | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: { contact_id: string }[] = await em.query(`SELECT contact_id FROM conversations WHERE tenant_id = $1 AND id = $2`, [tenantId, conversationId]);
      return row?.contact_id ?? null;
    });
  }
}
