import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { MessageBacklog, UnfinishedInbound, UnfinishedMessage, UnfinishedMessages } from '../application/ports/unfinished-messages.port';
import type { ReconcileWindow } from '../domain/reconcile-window';

/** The predicates of the partial indexes of migration MessageReconciler: keep them the same. */
const INBOUND_OPEN = `direction = 'inbound' AND processed_at IS NULL`;
const OUTBOUND_UNSENT = `direction = 'outbound' AND status = 'pending' AND provider_sid IS NULL AND parent_message_id IS NULL`;

type Row = { id: string; tenant_id: string; correlation_id: string | null };

/** Platform scope: one pass serves every tenant; only ids leave these queries, each job then runs in its tenant's scope. */
@Injectable()
export class TypeOrmUnfinishedMessages extends UnfinishedMessages {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async inboundAwaitingOutcome(window: ReconcileWindow, limit: number): Promise<UnfinishedInbound[]> {
    const rows = await this.settled<Row & { awaits_transcript: boolean }>(`(kind = 'audio' AND transcript IS NULL) AS awaits_transcript`, INBOUND_OPEN, window, limit);
    return rows.map((row) => ({ ...unfinished(row), awaits: row.awaits_transcript ? 'transcript' : 'answer' }));
  }

  async outboundNeverSent(window: ReconcileWindow, limit: number): Promise<UnfinishedMessage[]> {
    return (await this.settled<Row>('true AS any', OUTBOUND_UNSENT, window, limit)).map(unfinished);
  }

  backlog({ settledBefore, notBefore }: ReconcileWindow): Promise<MessageBacklog> {
    return this.db.asPlatform(async (em) => {
      const [row]: Record<keyof MessageBacklog, string>[] = await em.query(
        `SELECT (SELECT count(*) FROM messages WHERE ${INBOUND_OPEN} AND created_at < $1 AND created_at >= $2) AS "inboundAwaitingAnswer",
                (SELECT count(*) FROM messages WHERE ${OUTBOUND_UNSENT} AND created_at < $1 AND created_at >= $2) AS "outboundAwaitingSend",
                (SELECT count(*) FROM messages WHERE ${INBOUND_OPEN} AND created_at < $2) AS "inboundBeyondHorizon",
                (SELECT count(*) FROM messages WHERE ${OUTBOUND_UNSENT} AND created_at < $2) AS "outboundBeyondHorizon"`,
        [settledBefore, notBefore],
      );
      return {
        inboundAwaitingAnswer: Number(row.inboundAwaitingAnswer),
        outboundAwaitingSend: Number(row.outboundAwaitingSend),
        inboundBeyondHorizon: Number(row.inboundBeyondHorizon),
        outboundBeyondHorizon: Number(row.outboundBeyondHorizon),
      };
    });
  }

  private settled<R extends Row>(extra: string, open: string, { settledBefore, notBefore }: ReconcileWindow, limit: number): Promise<R[]> {
    return this.db.asPlatform((em) =>
      em.query(
        `SELECT id, tenant_id, correlation_id, ${extra} FROM messages
         WHERE ${open} AND created_at < $1 AND created_at >= $2
         ORDER BY created_at, id LIMIT $3`,
        [settledBefore, notBefore, limit],
      ),
    );
  }
}

function unfinished(row: Row): UnfinishedMessage {
  return { tenantId: row.tenant_id, messageId: row.id, correlationId: row.correlation_id };
}
