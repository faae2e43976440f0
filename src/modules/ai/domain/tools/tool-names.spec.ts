import { BUILT_IN_TOOLS, HTTP_TOOLS_PLAN_ENTRY, isBuiltInTool, toolsPermitted } from './tool-names';

const FREE = ['search_knowledge_base', 'request_human'];
const PRO = ['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human', 'http'];

describe('the tool-name catalogue', () => {
  it('names the four built-in tools and the plan entry for HTTP tools', () => {
    expect(BUILT_IN_TOOLS).toEqual(['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human']);
    expect(HTTP_TOOLS_PLAN_ENTRY).toBe('http');
    expect(isBuiltInTool('recall_memories')).toBe(true);
    expect(isBuiltInTool('http')).toBe(false);
    expect(isBuiltInTool('consultar_saldo')).toBe(false);
  });
});

describe('toolsPermitted', () => {
  const everything = [...BUILT_IN_TOOLS, 'consultar_saldo', 'status_do_pedido'];

  it('permits a built-in only when both the specialist and the plan list it', () => {
    const permitted = toolsPermitted({ specialistTools: ['remember_fact', 'search_knowledge_base'], planAllowedTools: FREE, httpToolsEnabled: false, httpToolNames: [] });
    expect(permitted).toEqual({ builtIn: ['search_knowledge_base'], http: [] });
    expect(toolsPermitted({ specialistTools: [], planAllowedTools: PRO, httpToolsEnabled: true, httpToolNames: ['consultar_saldo'] })).toEqual({ builtIn: [], http: [] });
  });

  it("permits the tenant's HTTP tool when the specialist lists it, the plan has 'http', the flag is on and the tool is enabled", () => {
    const permitted = toolsPermitted({ specialistTools: everything, planAllowedTools: PRO, httpToolsEnabled: true, httpToolNames: ['consultar_saldo', 'outra_ferramenta'] });
    expect(permitted).toEqual({ builtIn: [...BUILT_IN_TOOLS], http: ['consultar_saldo'] });
  });

  it("permits no HTTP tool when the plan lacks 'http' or the http_tools flag is off", () => {
    const starter = PRO.filter((tool) => tool !== 'http');
    expect(toolsPermitted({ specialistTools: everything, planAllowedTools: starter, httpToolsEnabled: true, httpToolNames: ['consultar_saldo'] }).http).toEqual([]);
    expect(toolsPermitted({ specialistTools: everything, planAllowedTools: PRO, httpToolsEnabled: false, httpToolNames: ['consultar_saldo'] }).http).toEqual([]);
  });

  it('never treats a built-in name or the plan entry itself as an HTTP tool, and lists each tool once in the specialist order', () => {
    const permitted = toolsPermitted({
      specialistTools: ['request_human', 'http', 'status_do_pedido', 'request_human', 'status_do_pedido'],
      planAllowedTools: PRO,
      httpToolsEnabled: true,
      httpToolNames: ['status_do_pedido', 'request_human'],
    });
    expect(permitted).toEqual({ builtIn: ['request_human'], http: ['status_do_pedido'] });
  });
});
