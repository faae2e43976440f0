import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { HTTP_TOOL_LIMITS, type HttpMethod, type JsonSchemaObject, validateHttpToolDraft } from '../../domain/tools/http-tool';
import { HttpToolRepository, StoredHttpTool } from '../ports/http-tool.repository.port';
import { sealHeaders } from './http-tool-headers';

export interface CreateHttpToolCommand {
  tenantId: string;
  name: string;
  description: string;
  parameters: unknown;
  url: string;
  method: HttpMethod;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxResponseBytes?: number;
  enabled?: boolean;
}

/** Defines a tenant's HTTP tool; its headers are sealed before they are stored. */
@Injectable()
export class CreateHttpTool {
  constructor(
    private readonly repository: HttpToolRepository,
    private readonly box: SecretBox,
  ) {}

  execute(command: CreateHttpToolCommand): Promise<StoredHttpTool> {
    const headers = command.headers ?? {};
    validateHttpToolDraft({ name: command.name, parameters: command.parameters, url: command.url, headers });
    return this.repository.insert(command.tenantId, {
      name: command.name,
      description: command.description,
      parameters: command.parameters as JsonSchemaObject,
      url: command.url,
      method: command.method,
      ...sealHeaders(this.box, headers),
      timeoutMs: command.timeoutMs ?? HTTP_TOOL_LIMITS.timeoutMs.default,
      maxResponseBytes: command.maxResponseBytes ?? HTTP_TOOL_LIMITS.maxResponseBytes.default,
      enabled: command.enabled ?? true,
    });
  }
}
