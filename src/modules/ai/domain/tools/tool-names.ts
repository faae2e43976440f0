/** The tools every tenant's specialists may be given, subject to the plan's allowed_tools. */
export const BUILT_IN_TOOLS = ['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human'] as const;
export type BuiltInTool = (typeof BUILT_IN_TOOLS)[number];

/** The allowed_tools entry of a plan that lets its tenants' specialists call their own HTTP tools. */
export const HTTP_TOOLS_PLAN_ENTRY = 'http';

export function isBuiltInTool(name: string): name is BuiltInTool {
  return (BUILT_IN_TOOLS as readonly string[]).includes(name);
}

export interface ToolPermissionInput {
  /** The specialist's allowed_tools: built-in names and names of the tenant's HTTP tools. */
  specialistTools: string[];
  /** The plan's allowed_tools. */
  planAllowedTools: string[];
  /** The tenant's feature flag http_tools. */
  httpToolsEnabled: boolean;
  /** The names of the tenant's enabled HTTP tools. */
  httpToolNames: string[];
}

export interface PermittedTools {
  builtIn: BuiltInTool[];
  http: string[];
}

/**
 * The tools a specialist may really use in a run, in the specialist's order: a built-in when both
 * the specialist and the plan list it; an HTTP tool when the specialist lists it, the plan has the
 * 'http' entry, the http_tools flag is on and the tenant has that tool enabled.
 */
export function toolsPermitted(input: ToolPermissionInput): PermittedTools {
  const plan = new Set(input.planAllowedTools);
  const requested = [...new Set(input.specialistTools)];
  const builtIn = requested.filter(isBuiltInTool).filter((tool) => plan.has(tool));
  const httpAllowed = plan.has(HTTP_TOOLS_PLAN_ENTRY) && input.httpToolsEnabled;
  const existing = new Set(input.httpToolNames);
  const http = httpAllowed ? requested.filter((name) => !isBuiltInTool(name) && existing.has(name)) : [];
  return { builtIn, http };
}
