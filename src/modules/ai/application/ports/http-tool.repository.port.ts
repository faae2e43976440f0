import type { Page } from '@core/http/pagination.dto';
import type { HttpMethod, JsonSchemaObject } from '../../domain/tools/http-tool';

/** A tool as stored: its headers as one sealed JSON, and their names for display. */
export interface StoredHttpTool {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  parameters: JsonSchemaObject;
  url: string;
  method: HttpMethod;
  headersSealed: string | null;
  headerNames: string[];
  timeoutMs: number;
  maxResponseBytes: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type HttpToolRecord = Omit<StoredHttpTool, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

/** A tenant's HTTP tools, always within that tenant. */
export abstract class HttpToolRepository {
  abstract list(tenantId: string, limit: number, offset: number): Promise<Page<StoredHttpTool>>;
  abstract find(tenantId: string, id: string): Promise<StoredHttpTool | null>;
  abstract listEnabled(tenantId: string): Promise<StoredHttpTool[]>;
  /** Throws HttpToolNameTakenError when the tenant already has a tool of that name. */
  abstract insert(tenantId: string, record: HttpToolRecord): Promise<StoredHttpTool>;
  /** Null when the tenant has no such tool; throws HttpToolNameTakenError like insert. */
  abstract update(tenantId: string, id: string, record: HttpToolRecord): Promise<StoredHttpTool | null>;
  /** False when the tenant has no such tool. */
  abstract delete(tenantId: string, id: string): Promise<boolean>;
}
