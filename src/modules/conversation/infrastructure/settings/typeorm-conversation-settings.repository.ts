import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ConversationSettingsRepository } from '../../application/ports/conversation-settings.repository.port';
import type { ConversationSettings } from '../../domain/conversation-settings';

interface SettingsRow {
  handoff_acknowledgement: string | null;
  unclaimed_notice_after_seconds: number | null;
  unclaimed_notice: string | null;
  inactivity_close_after_seconds: number;
  inactivity_follow_up_after_seconds: number | null;
  inactivity_follow_up: string | null;
  auto_assign: boolean;
}

const COLUMNS = `handoff_acknowledgement, unclaimed_notice_after_seconds, unclaimed_notice, inactivity_close_after_seconds,
                 inactivity_follow_up_after_seconds, inactivity_follow_up, auto_assign`;

@Injectable()
export class TypeOrmConversationSettingsRepository extends ConversationSettingsRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  find(tenantId: string): Promise<ConversationSettings | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: SettingsRow[] = await em.query(`SELECT ${COLUMNS} FROM conversation_settings WHERE tenant_id = $1`, [tenantId]);
      return rows.length === 1 ? toSettings(rows[0]) : null;
    });
  }

  save(tenantId: string, s: ConversationSettings): Promise<ConversationSettings> {
    return this.db.forTenant(tenantId, async (em) => {
      // Lists its own columns only: last_assigned_staff_id belongs to automatic assignment.
      const rows: SettingsRow[] = await em.query(
        `INSERT INTO conversation_settings (tenant_id, ${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id) DO UPDATE SET
           handoff_acknowledgement = EXCLUDED.handoff_acknowledgement,
           unclaimed_notice_after_seconds = EXCLUDED.unclaimed_notice_after_seconds,
           unclaimed_notice = EXCLUDED.unclaimed_notice,
           inactivity_close_after_seconds = EXCLUDED.inactivity_close_after_seconds,
           inactivity_follow_up_after_seconds = EXCLUDED.inactivity_follow_up_after_seconds,
           inactivity_follow_up = EXCLUDED.inactivity_follow_up,
           auto_assign = EXCLUDED.auto_assign,
           updated_at = now()
         RETURNING ${COLUMNS}`,
        [
          tenantId,
          s.handoffAcknowledgement,
          s.unclaimedNoticeAfterSeconds,
          s.unclaimedNotice,
          s.inactivityCloseAfterSeconds,
          s.inactivityFollowUpAfterSeconds,
          s.inactivityFollowUp,
          s.autoAssign,
        ],
      );
      return toSettings(rows[0]);
    });
  }
}

function toSettings(row: SettingsRow): ConversationSettings {
  return {
    handoffAcknowledgement: row.handoff_acknowledgement,
    unclaimedNoticeAfterSeconds: row.unclaimed_notice_after_seconds,
    unclaimedNotice: row.unclaimed_notice,
    inactivityCloseAfterSeconds: row.inactivity_close_after_seconds,
    inactivityFollowUpAfterSeconds: row.inactivity_follow_up_after_seconds,
    inactivityFollowUp: row.inactivity_follow_up,
    autoAssign: row.auto_assign,
  };
}
