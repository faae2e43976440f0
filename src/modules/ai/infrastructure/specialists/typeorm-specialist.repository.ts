import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import type { AiSettings, Specialist, SpecialistDraft } from '../../domain/specialists/specialist';
import { SpecialistSlugTakenError } from '../../domain/specialists/specialist.errors';
import { SpecialistRepository, SpecialistUpdate } from '../../application/specialists/ports/specialist.repository.port';
import {
  isUniqueViolation,
  SETTINGS_COLUMN_OF,
  SETTINGS_COLUMNS,
  SettingsRow,
  SPECIALIST_COLUMN_OF,
  SPECIALIST_COLUMNS,
  SpecialistRow,
  toAiSettings,
  toSpecialist,
} from './specialist-rows';

/** Raw SQL over the specialists, ai_settings and http_tools tables, each call in the tenant's scope. */
@Injectable()
export class TypeOrmSpecialistRepository extends SpecialistRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  inTransaction<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.db.forTenant(tenantId, () => work());
  }

  findSettings(tenantId: string): Promise<AiSettings | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: SettingsRow[] = await em.query(`SELECT ${SETTINGS_COLUMNS} FROM ai_settings WHERE tenant_id = $1`, [tenantId]);
      return row ? toAiSettings(row) : null;
    });
  }

  claimSettings(tenantId: string): Promise<AiSettings | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: SettingsRow[] = await em.query(
        `INSERT INTO ai_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING RETURNING ${SETTINGS_COLUMNS}`,
        [tenantId],
      );
      return row ? toAiSettings(row) : null;
    });
  }

  lockSettings(tenantId: string): Promise<void> {
    return this.db.forTenant(tenantId, async (em) => {
      await em.query(`SELECT 1 FROM ai_settings WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
    });
  }

  updateSettings(tenantId: string, changes: Partial<AiSettings>): Promise<AiSettings> {
    const fields = (Object.keys(changes) as (keyof AiSettings)[]).filter((field) => changes[field] !== undefined);
    const sets = fields.map((field, i) => `${SETTINGS_COLUMN_OF[field]} = $${i + 2}`);
    return this.db.forTenant(tenantId, async (em) => {
      const [rows]: [SettingsRow[], number] = await em.query(
        `UPDATE ai_settings SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE tenant_id = $1 RETURNING ${SETTINGS_COLUMNS}`,
        [tenantId, ...fields.map((field) => changes[field])],
      );
      if (!rows[0]) throw new Error(`tenant ${tenantId} has no ai_settings row to update`);
      return toAiSettings(rows[0]);
    });
  }

  insertAll(tenantId: string, drafts: SpecialistDraft[]): Promise<Specialist[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const created: Specialist[] = [];
      for (const [index, draft] of drafts.entries()) {
        try {
          // now() is the transaction's start; the offset keeps the given order in created_at.
          const [row]: SpecialistRow[] = await em.query(
            `INSERT INTO specialists (tenant_id, slug, name, description, system_prompt, allowed_tools, keywords, enabled, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9::int * interval '1 microsecond', now())
             RETURNING ${SPECIALIST_COLUMNS}`,
            [tenantId, draft.slug, draft.name, draft.description, draft.systemPrompt, draft.allowedTools, draft.keywords, draft.enabled, index],
          );
          created.push(toSpecialist(row));
        } catch (error) {
          if (isUniqueViolation(error)) throw new SpecialistSlugTakenError(draft.slug);
          throw error;
        }
      }
      return created;
    });
  }

  list(tenantId: string, limit: number, offset: number): Promise<Page<Specialist>> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: SpecialistRow[] = await em.query(
        `SELECT ${SPECIALIST_COLUMNS} FROM specialists WHERE tenant_id = $1 ORDER BY created_at, slug LIMIT $2 OFFSET $3`,
        [tenantId, limit, offset],
      );
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM specialists WHERE tenant_id = $1`, [tenantId]);
      return { items: rows.map(toSpecialist), total };
    });
  }

  listEnabled(tenantId: string): Promise<Specialist[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: SpecialistRow[] = await em.query(
        `SELECT ${SPECIALIST_COLUMNS} FROM specialists WHERE tenant_id = $1 AND enabled ORDER BY created_at, slug`,
        [tenantId],
      );
      return rows.map(toSpecialist);
    });
  }

  countEnabled(tenantId: string): Promise<number> {
    return this.db.forTenant(tenantId, async (em) => {
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM specialists WHERE tenant_id = $1 AND enabled`, [tenantId]);
      return total;
    });
  }

  find(tenantId: string, id: string): Promise<Specialist | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: SpecialistRow[] = await em.query(`SELECT ${SPECIALIST_COLUMNS} FROM specialists WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return row ? toSpecialist(row) : null;
    });
  }

  update(tenantId: string, id: string, update: SpecialistUpdate): Promise<Specialist | null> {
    const fields = (Object.keys(SPECIALIST_COLUMN_OF) as (keyof SpecialistUpdate)[]).filter((field) => update[field] !== undefined);
    const sets = fields.map((field, i) => `${SPECIALIST_COLUMN_OF[field]} = $${i + 3}`);
    return this.db.forTenant(tenantId, async (em) => {
      const [rows]: [SpecialistRow[], number] = await em.query(
        `UPDATE specialists SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${SPECIALIST_COLUMNS}`,
        [tenantId, id, ...fields.map((field) => update[field])],
      );
      return rows[0] ? toSpecialist(rows[0]) : null;
    });
  }

  delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const [, count]: [unknown[], number] = await em.query(`DELETE FROM specialists WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return count > 0;
    });
  }

  httpToolNames(tenantId: string): Promise<string[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: { name: string }[] = await em.query(`SELECT name FROM http_tools WHERE tenant_id = $1`, [tenantId]);
      return rows.map((row) => row.name);
    });
  }
}
