import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationNotes, NewConversationNote } from '../application/ports/conversation-notes.port';
import type { ConversationNote, NoteKind } from '../domain/conversation-note';

interface NoteRow {
  id: string;
  tenant_id: string;
  conversation_id: string;
  kind: NoteKind;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
}

const NOTE_SELECT = `
  SELECT n.id, n.tenant_id, n.conversation_id, n.kind, n.body, n.author_id, coalesce(nullif(s.name, ''), s.email) AS author_name, n.created_at
    FROM conversation_notes n LEFT JOIN staff_users s ON s.id = n.author_id`;

@Injectable()
export class TypeOrmConversationNotes extends ConversationNotes {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  add(note: NewConversationNote): Promise<ConversationNote> {
    return this.db.forTenant(note.tenantId, async (em) => {
      const [inserted]: { id: string }[] = await em.query(
        `INSERT INTO conversation_notes (tenant_id, conversation_id, author_id, kind, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [note.tenantId, note.conversationId, note.authorId, note.kind, note.body],
      );
      const [row]: NoteRow[] = await em.query(`${NOTE_SELECT} WHERE n.tenant_id = $1 AND n.id = $2`, [note.tenantId, inserted.id]);
      return toNote(row);
    });
  }

  list(tenantId: string, conversationId: string): Promise<ConversationNote[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: NoteRow[] = await em.query(`${NOTE_SELECT} WHERE n.tenant_id = $1 AND n.conversation_id = $2 ORDER BY n.created_at, n.id`, [tenantId, conversationId]);
      return rows.map(toNote);
    });
  }
}

function toNote(row: NoteRow): ConversationNote {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    conversationId: row.conversation_id,
    kind: row.kind,
    body: row.body,
    author: row.author_id && row.author_name ? { id: row.author_id, name: row.author_name } : null,
    createdAt: row.created_at,
  };
}
