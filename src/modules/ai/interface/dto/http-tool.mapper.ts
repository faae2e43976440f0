import type { StoredHttpTool } from '../../application/ports/http-tool.repository.port';
import type { HttpToolResponseDto } from './http-tool.dto';

/** Header values never leave the server: only their names, each with a masked value. */
export function toHttpToolResponse(tool: StoredHttpTool): HttpToolResponseDto {
  return {
    id: tool.id,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    url: tool.url,
    method: tool.method,
    headers: tool.headerNames.map((name) => ({ name, value: '***' as const })),
    timeoutMs: tool.timeoutMs,
    maxResponseBytes: tool.maxResponseBytes,
    enabled: tool.enabled,
    createdAt: tool.createdAt.toISOString(),
    updatedAt: tool.updatedAt.toISOString(),
  };
}
