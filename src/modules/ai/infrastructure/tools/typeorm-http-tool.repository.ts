import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Page } from '@core/http/pagination.dto';
import type { HttpMethod, JsonSchemaObject } from '../../domain/tools/http-tool';
import { HttpToolNameTakenError } from '../../domain/tools/http-tool.errors';
import { HttpToolRecord, HttpToolRepository, StoredHttpTool } from '../../application/ports/http-tool.repository.port';

const COLUMNS =
  'id, tenant_id, name, description, parameters, url, method, headers_sealed, header_names, timeout_ms, max_response_bytes, enabled, created_at, updated_at';
const NAME_CONSTRAINT = 'http_tools_name_uq';

/** http_tools through raw SQL in tenant transactions (RLS applies). */
@Injectable()
export class TypeOrmHttpToolRepository extends HttpToolRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  list(tenantId: string, limit: number, offset: number): Promise<Page<StoredHttpTool>> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: HttpToolRow[] = await em.query(`SELECT ${COLUMNS} FROM http_tools WHERE tenant_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3`, [
        tenantId,
        limit,
        offset,
      ]);
      const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM http_tools WHERE tenant_id = $1`, [tenantId]);
      return { items: rows.map(toStoredHttpTool), total };
    });
  }

  find(tenantId: string, id: string): Promise<StoredHttpTool | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: HttpToolRow[] = await em.query(`SELECT ${COLUMNS} FROM http_tools WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return row ? toStoredHttpTool(row) : null;
    });
  }

  listEnabled(tenantId: string): Promise<StoredHttpTool[]> {
    return this.db.forTenant(tenantId, async (em) => {
      const rows: HttpToolRow[] = await em.query(`SELECT ${COLUMNS} FROM http_tools WHERE tenant_id = $1 AND enabled ORDER BY name`, [tenantId]);
      return rows.map(toStoredHttpTool);
    });
  }

  insert(tenantId: string, record: HttpToolRecord): Promise<StoredHttpTool> {
    return this.named(record.name, () =>
      this.db.forTenant(tenantId, async (em) => {
        const [row]: HttpToolRow[] = await em.query(
          `INSERT INTO http_tools (tenant_id, name, description, parameters, url, method, headers_sealed, header_names, timeout_ms, max_response_bytes, enabled)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
          [tenantId, ...values(record)],
        );
        return toStoredHttpTool(row);
      }),
    );
  }

  update(tenantId: string, id: string, record: HttpToolRecord): Promise<StoredHttpTool | null> {
    return this.named(record.name, () =>
      this.db.forTenant(tenantId, async (em) => {
        const [rows]: [HttpToolRow[], number] = await em.query(
          `UPDATE http_tools SET name = $3, description = $4, parameters = $5, url = $6, method = $7, headers_sealed = $8, header_names = $9,
             timeout_ms = $10, max_response_bytes = $11, enabled = $12, updated_at = now()
           WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
          [tenantId, id, ...values(record)],
        );
        return rows[0] ? toStoredHttpTool(rows[0]) : null;
      }),
    );
  }

  delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const [, count]: [unknown[], number] = await em.query(`DELETE FROM http_tools WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return count > 0;
    });
  }

  /** Turns the unique name violation into HttpToolNameTakenError. */
  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code === '23505' && driverError.constraint === NAME_CONSTRAINT) throw new HttpToolNameTakenError(name);
      throw error;
    }
  }
}

function values(record: HttpToolRecord): unknown[] {
  return [
    record.name,
    record.description,
    JSON.stringify(record.parameters),
    record.url,
    record.method,
    record.headersSealed,
    record.headerNames,
    record.timeoutMs,
    record.maxResponseBytes,
    record.enabled,
  ];
}

interface HttpToolRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  parameters: JsonSchemaObject;
  url: string;
  method: HttpMethod;
  headers_sealed: string | null;
  header_names: string[];
  timeout_ms: number;
  max_response_bytes: number;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

function toStoredHttpTool(row: HttpToolRow): StoredHttpTool {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    parameters: row.parameters,
    url: row.url,
    method: row.method,
    headersSealed: row.headers_sealed,
    headerNames: row.header_names,
    timeoutMs: row.timeout_ms,
    maxResponseBytes: row.max_response_bytes,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
