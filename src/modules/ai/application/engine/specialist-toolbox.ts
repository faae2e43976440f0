import { Injectable } from '@nestjs/common';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import type { Specialist } from '../../domain/specialists/specialist';
import { toolsPermitted } from '../../domain/tools/tool-names';
import type { HttpToolDefinition } from '../../domain/tools/http-tool';
import { HttpToolCatalogue } from '../http-tools/http-tool-catalogue';
import { HttpToolRunner } from '../ports/http-tool-runner.port';
import { BuiltInTools, ToolScope } from './built-in-tools';
import type { EngineTool } from './engine.ports';

/**
 * The tools one specialist gets in one run: those it lists, narrowed to what the tenant's plan allows
 * (built-ins by name, tenant HTTP tools through the plan's 'http' entry and the http_tools flag) and,
 * for the knowledge base, the knowledge_base flag. Every tool is audited through the run.
 */
@Injectable()
export class SpecialistToolbox {
  constructor(
    private readonly flags: FeatureFlags,
    private readonly builtIns: BuiltInTools,
    private readonly httpTools: HttpToolCatalogue,
    private readonly httpRunner: HttpToolRunner,
  ) {}

  async toolsFor(specialist: Specialist, scope: ToolScope): Promise<EngineTool[]> {
    const [planAllowedTools, httpToolsEnabled, knowledgeBase] = await Promise.all([
      this.flags.allowedTools(scope.tenantId),
      this.flags.isEnabled(scope.tenantId, 'http_tools'),
      this.flags.isEnabled(scope.tenantId, 'knowledge_base'),
    ]);
    const definitions = httpToolsEnabled && specialist.allowedTools.length > 0 ? await this.httpTools.enabledFor(scope.tenantId) : [];
    const permitted = toolsPermitted({ specialistTools: specialist.allowedTools, planAllowedTools, httpToolsEnabled, httpToolNames: definitions.map((d) => d.name) });
    const builtIn = permitted.builtIn.filter((name) => name !== 'search_knowledge_base' || knowledgeBase);
    const http = definitions.filter((d) => permitted.http.includes(d.name)).map((d) => this.httpTool(d));
    return [...this.builtIns.build(builtIn, scope), ...http].map((tool) => scope.run.audited(tool));
  }

  private httpTool(definition: HttpToolDefinition): EngineTool {
    return {
      name: definition.name,
      description: definition.description,
      parameters: definition.parameters as unknown as Record<string, unknown>,
      run: async (args) => {
        const outcome = await this.httpRunner.run(definition, args);
        return JSON.stringify({ ok: outcome.ok, status: outcome.status, output: outcome.output, truncated: outcome.truncated, error: outcome.error });
      },
    };
  }
}
