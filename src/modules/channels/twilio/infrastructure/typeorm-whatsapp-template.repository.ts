import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import { TemplateFields, WhatsappTemplateRepository } from '../application/ports/whatsapp-template.repository.port';
import { TemplateNameTakenError } from '../domain/channel.errors';
import type { TemplatePurpose, WhatsappTemplate } from '../domain/whatsapp-template';

const COLUMNS = `id, tenant_id AS "tenantId", name, content_sid AS "contentSid", purpose, variables, body_preview AS "bodyPreview",
                 enabled, created_at AS "createdAt", updated_at AS "updatedAt"`;

const FIELD_COLUMNS: Record<keyof TemplateFields, string> = {
  name: 'name',
  contentSid: 'content_sid',
  purpose: 'purpose',
  variables: 'variables',
  bodyPreview: 'body_preview',
  enabled: 'enabled',
};

@Injectable()
export class TypeOrmWhatsappTemplateRepository extends WhatsappTemplateRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  create(tenantId: string, f: TemplateFields): Promise<WhatsappTemplate> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: WhatsappTemplate[] = await em.query(
        `INSERT INTO whatsapp_templates (tenant_id, name, content_sid, purpose, variables, body_preview, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, name) DO NOTHING RETURNING ${COLUMNS}`,
        [tenantId, f.name, f.contentSid, f.purpose, JSON.stringify(f.variables), f.bodyPreview, f.enabled],
      );
      if (!row) throw new TemplateNameTakenError();
      return row;
    });
  }

  findById(tenantId: string, id: string): Promise<WhatsappTemplate | null> {
    return this.db.forTenant(tenantId, (em) => one(em, `SELECT ${COLUMNS} FROM whatsapp_templates WHERE tenant_id = $1 AND id = $2`, [tenantId, id]));
  }

  list(tenantId: string, filter: { purpose?: TemplatePurpose; limit: number; offset: number }): Promise<Page<WhatsappTemplate>> {
    return this.db.forTenant(tenantId, async (em) => {
      const where = `tenant_id = $1 AND ($2::varchar IS NULL OR purpose = $2)`;
      const items: WhatsappTemplate[] = await em.query(`SELECT ${COLUMNS} FROM whatsapp_templates WHERE ${where} ORDER BY name, id LIMIT $3 OFFSET $4`, [
        tenantId,
        filter.purpose ?? null,
        filter.limit,
        filter.offset,
      ]);
      const [{ total }]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM whatsapp_templates WHERE ${where}`, [tenantId, filter.purpose ?? null]);
      return { items, total };
    });
  }

  update(tenantId: string, id: string, fields: Partial<TemplateFields>): Promise<WhatsappTemplate | null> {
    const entries = (Object.keys(FIELD_COLUMNS) as (keyof TemplateFields)[]).filter((k) => fields[k] !== undefined);
    const params: unknown[] = [tenantId, id, ...entries.map((k) => (k === 'variables' ? JSON.stringify(fields[k]) : fields[k]))];
    const sets = entries.map((k, i) => `${FIELD_COLUMNS[k]} = $${i + 3}`).concat('updated_at = now()');
    return this.db.forTenant(tenantId, async (em) => {
      const clash: { id: string }[] = fields.name !== undefined ? await em.query(`SELECT id FROM whatsapp_templates WHERE tenant_id = $1 AND name = $2 AND id <> $3`, [tenantId, fields.name, id]) : [];
      if (clash.length > 0) throw new TemplateNameTakenError();
      return one(em, `UPDATE whatsapp_templates SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, params);
    });
  }

  delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const deleted = await one(em, `DELETE FROM whatsapp_templates WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenantId, id]);
      return deleted !== null;
    });
  }

  enabledFor(tenantId: string, purpose: TemplatePurpose): Promise<WhatsappTemplate | null> {
    return this.db.forTenant(tenantId, (em) =>
      one(em, `SELECT ${COLUMNS} FROM whatsapp_templates WHERE tenant_id = $1 AND purpose = $2 AND enabled ORDER BY updated_at DESC, id LIMIT 1`, [tenantId, purpose]),
    );
  }
}

async function one(em: EntityManager, sql: string, params: unknown[]): Promise<WhatsappTemplate | null> {
  const rows: WhatsappTemplate[] | [WhatsappTemplate[], number] = await em.query(sql, params);
  // An UPDATE or DELETE … RETURNING comes back from the pg driver as [rows, count].
  const list = Array.isArray(rows[0]) ? (rows[0] as WhatsappTemplate[]) : (rows as WhatsappTemplate[]);
  return list[0] ?? null;
}
