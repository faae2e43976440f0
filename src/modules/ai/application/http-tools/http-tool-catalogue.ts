import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import type { HttpToolDefinition } from '../../domain/tools/http-tool';
import { HttpToolRepository } from '../ports/http-tool.repository.port';
import { openHttpTool } from './http-tool-headers';

/** The HTTP tools the AI engine may offer a tenant's agents (the plan and flag are the engine's to check). */
@Injectable()
export class HttpToolCatalogue {
  private readonly logger = new Logger(HttpToolCatalogue.name);

  constructor(
    private readonly repository: HttpToolRepository,
    private readonly box: SecretBox,
  ) {}

  /** The tenant's enabled tools, by name, headers opened. A tool whose headers cannot be opened is left out. */
  async enabledFor(tenantId: string): Promise<HttpToolDefinition[]> {
    const tools = await this.repository.listEnabled(tenantId);
    return tools.flatMap((tool) => {
      try {
        return [openHttpTool(this.box, tool)];
      } catch (error) {
        // Only after ENCRYPTION_KEY changed: one unusable tool must not stop the tenant's replies.
        this.logger.error({ tenantId, toolId: tool.id, err: (error as Error).message }, 'HTTP tool headers cannot be opened; tool left out');
        return [];
      }
    });
  }
}
