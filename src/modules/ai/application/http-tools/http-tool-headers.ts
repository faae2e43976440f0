import type { SecretBox } from '@core/crypto/secret-box';
import type { HttpToolDefinition } from '../../domain/tools/http-tool';
import type { StoredHttpTool } from '../ports/http-tool.repository.port';

/** The headers sealed as one JSON (null when there are none), and their names for display. */
export function sealHeaders(box: SecretBox, headers: Record<string, string>): { headersSealed: string | null; headerNames: string[] } {
  const headerNames = Object.keys(headers);
  return { headersSealed: headerNames.length ? box.seal(JSON.stringify(headers)) : null, headerNames };
}

/** The tool as the runner needs it, its headers opened (in memory only). */
export function openHttpTool(box: SecretBox, tool: StoredHttpTool): HttpToolDefinition {
  const headers = tool.headersSealed ? (JSON.parse(box.open(tool.headersSealed)) as Record<string, string>) : {};
  return {
    id: tool.id,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    url: tool.url,
    method: tool.method,
    headers,
    timeoutMs: tool.timeoutMs,
    maxResponseBytes: tool.maxResponseBytes,
    enabled: tool.enabled,
  };
}
