import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { type HttpMethod, type JsonSchemaObject, validateHttpToolDraft } from '../../domain/tools/http-tool';
import { HttpToolNotFoundError } from '../../domain/tools/http-tool.errors';
import { HttpToolRecord, HttpToolRepository, StoredHttpTool } from '../ports/http-tool.repository.port';
import { sealHeaders } from './http-tool-headers';

/** The fields to change; an absent one stays as it is. `headers` replaces the whole set ({} removes them all). */
export interface UpdateHttpToolCommand {
  tenantId: string;
  id: string;
  name?: string;
  description?: string;
  parameters?: unknown;
  url?: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxResponseBytes?: number;
  enabled?: boolean;
}

@Injectable()
export class UpdateHttpTool {
  constructor(
    private readonly repository: HttpToolRepository,
    private readonly box: SecretBox,
  ) {}

  async execute(command: UpdateHttpToolCommand): Promise<StoredHttpTool> {
    const current = await this.repository.find(command.tenantId, command.id);
    if (!current) throw new HttpToolNotFoundError();
    const record: HttpToolRecord = {
      name: command.name ?? current.name,
      description: command.description ?? current.description,
      parameters: (command.parameters as JsonSchemaObject | undefined) ?? current.parameters,
      url: command.url ?? current.url,
      method: command.method ?? current.method,
      headersSealed: current.headersSealed,
      headerNames: current.headerNames,
      timeoutMs: command.timeoutMs ?? current.timeoutMs,
      maxResponseBytes: command.maxResponseBytes ?? current.maxResponseBytes,
      enabled: command.enabled ?? current.enabled,
    };
    // The whole tool is checked again: a new URL may use a placeholder the stored parameters lack, and the reverse.
    validateHttpToolDraft({ name: record.name, parameters: record.parameters, url: record.url, headers: command.headers });
    if (command.headers !== undefined) Object.assign(record, sealHeaders(this.box, command.headers));
    const updated = await this.repository.update(command.tenantId, command.id, record);
    if (!updated) throw new HttpToolNotFoundError();
    return updated;
  }
}
