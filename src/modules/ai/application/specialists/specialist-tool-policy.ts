import { Injectable } from '@nestjs/common';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { ToolNotInPlanError, UnknownToolError } from '../../domain/specialists/specialist.errors';
import { HTTP_TOOLS_PLAN_ENTRY, isBuiltInTool } from '../../domain/tools/tool-names';
import { SpecialistRepository } from './ports/specialist.repository.port';

/**
 * Which tools an admin may give a specialist: built-ins and the tenant's own HTTP tools, each
 * allowed by the plan. The http_tools flag is not checked here: the engine checks it at run time.
 */
@Injectable()
export class SpecialistToolPolicy {
  constructor(
    private readonly repository: SpecialistRepository,
    private readonly flags: FeatureFlags,
  ) {}

  async assertUsable(tenantId: string, tools: string[]): Promise<void> {
    if (tools.length === 0) return;
    const custom = tools.filter((tool) => !isBuiltInTool(tool));
    if (custom.length > 0) {
      const existing = new Set(await this.repository.httpToolNames(tenantId));
      const unknown = custom.filter((name) => !existing.has(name));
      if (unknown.length > 0) throw new UnknownToolError(unknown);
    }
    const plan = new Set(await this.flags.allowedTools(tenantId));
    const refused = tools.filter((tool) => !plan.has(isBuiltInTool(tool) ? tool : HTTP_TOOLS_PLAN_ENTRY));
    if (refused.length > 0) throw new ToolNotInPlanError(refused);
  }
}
