import { strict } from '@test/support/strict-fake';
import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import type { Specialist } from '../../domain/specialists/specialist';
import type { HttpToolDefinition } from '../../domain/tools/http-tool';
import type { HttpToolCatalogue } from '../http-tools/http-tool-catalogue';
import type { KnowledgeBaseQueries } from '../knowledge-base/knowledge-base-queries';
import type { ContactMemories } from '../memory/contact-memories';
import type { HttpToolOutcome, HttpToolRunner } from '../ports/http-tool-runner.port';
import { BuiltInTools } from './built-in-tools';
import { EngineRun } from './engine-run';
import { SpecialistToolbox } from './specialist-toolbox';

const TENANT = '11111111-1111-4111-8111-111111111111';
const ALL_BUILT_INS = ['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human'];

const specialist = (allowedTools: string[]): Specialist => ({
  id: 'spec-1',
  slug: 'support',
  name: 'Suporte',
  description: 'Dúvidas gerais',
  systemPrompt: 'Ajude o cliente.',
  allowedTools,
  keywords: [],
  enabled: true,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
});

const httpTool = (name: string): HttpToolDefinition => ({
  id: `id-${name}`,
  name,
  description: `The ${name} tool`,
  parameters: { type: 'object', properties: { numero: { type: 'integer' } }, required: ['numero'] },
  url: `https://erp.example.com/${name}/{numero}`,
  method: 'GET',
  headers: { authorization: 'Bearer secret' },
  timeoutMs: 5000,
  maxResponseBytes: 16384,
  enabled: true,
});

interface Setup {
  plan: string[];
  flags: { http_tools: boolean; knowledge_base: boolean };
  /** The tenant's enabled HTTP tools; leave out when the catalogue must not be read. */
  catalogue?: HttpToolDefinition[];
  outcome?: HttpToolOutcome;
}

function setup(state: Setup) {
  const flagReads: string[] = [];
  const flags = strict<FeatureFlags>('flags', {
    allowedTools: async (tenantId: string) => {
      flagReads.push(`allowedTools:${tenantId}`);
      return state.plan;
    },
    isEnabled: async (tenantId: string, flag: string) => {
      flagReads.push(`${flag}:${tenantId}`);
      return state.flags[flag as keyof Setup['flags']];
    },
  });
  const catalogue = strict<HttpToolCatalogue>('catalogue', state.catalogue ? { enabledFor: async () => state.catalogue ?? [] } : {});
  const ran: { tool: string; args: unknown }[] = [];
  const runner = strict<HttpToolRunner>('runner', {
    run: async (tool: HttpToolDefinition, args: unknown) => {
      ran.push({ tool: tool.name, args });
      return state.outcome ?? { ok: true, status: 200, output: '{}', truncated: false, durationMs: 5 };
    },
  });
  // The built-ins are only listed here, never run: their ports must not be touched.
  const builtIns = new BuiltInTools(strict<KnowledgeBaseQueries>('knowledgeBase', {}), strict<ContactMemories>('memories', {}));
  const run = new EngineRun(false);
  const scope = { tenantId: TENANT, contactId: 'contact-1', conversationId: 'conversation-1', run };
  return { toolbox: new SpecialistToolbox(flags, builtIns, catalogue, runner), scope, run, ran, flagReads };
}

const names = (tools: { name: string }[]) => tools.map((t) => t.name);
const ON = { http_tools: true, knowledge_base: true };

describe('SpecialistToolbox.toolsFor', () => {
  it('gives a specialist only the built-ins that both it and the plan list, in the specialist order', async () => {
    const { toolbox, scope, flagReads } = setup({ plan: ['request_human', 'search_knowledge_base'], flags: ON, catalogue: [] });

    const tools = await toolbox.toolsFor(specialist(ALL_BUILT_INS), scope);

    expect(names(tools)).toEqual(['search_knowledge_base', 'request_human']);
    expect(flagReads.sort()).toEqual([`allowedTools:${TENANT}`, `http_tools:${TENANT}`, `knowledge_base:${TENANT}`]);
  });

  it('leaves search_knowledge_base out when the knowledge_base flag is off, even if plan and specialist list it', async () => {
    const { toolbox, scope } = setup({ plan: ALL_BUILT_INS, flags: { http_tools: true, knowledge_base: false }, catalogue: [] });

    expect(names(await toolbox.toolsFor(specialist(ALL_BUILT_INS), scope))).toEqual(['remember_fact', 'recall_memories', 'request_human']);
  });

  it('offers the tenant HTTP tools the specialist lists when the plan has the http entry and the http_tools flag is on', async () => {
    const { toolbox, scope } = setup({ plan: ['request_human', 'http'], flags: ON, catalogue: [httpTool('consultar_pedido'), httpTool('emitir_boleto')] });

    const tools = await toolbox.toolsFor(specialist(['request_human', 'consultar_pedido', 'cancelar_pedido']), scope);

    // emitir_boleto is the tenant's but not this specialist's; cancelar_pedido is not an enabled tool of the tenant.
    expect(names(tools)).toEqual(['request_human', 'consultar_pedido']);
    expect(tools[1]).toMatchObject({ description: 'The consultar_pedido tool', parameters: httpTool('consultar_pedido').parameters });
  });

  it('offers no HTTP tool when the plan lacks the http entry', async () => {
    const { toolbox, scope } = setup({ plan: ['request_human'], flags: ON, catalogue: [httpTool('consultar_pedido')] });

    expect(names(await toolbox.toolsFor(specialist(['request_human', 'consultar_pedido']), scope))).toEqual(['request_human']);
  });

  it('does not even read the HTTP tool catalogue when the http_tools flag is off', async () => {
    const { toolbox, scope } = setup({ plan: ['request_human', 'http'], flags: { http_tools: false, knowledge_base: true } });

    expect(names(await toolbox.toolsFor(specialist(['request_human', 'consultar_pedido']), scope))).toEqual(['request_human']);
  });

  it('gives a specialist without tools none, without reading the catalogue', async () => {
    const { toolbox, scope } = setup({ plan: [...ALL_BUILT_INS, 'http'], flags: ON });

    expect(await toolbox.toolsFor(specialist([]), scope)).toEqual([]);
  });

  it('runs an HTTP tool through the runner and returns its outcome as JSON, audited in the run', async () => {
    const outcome: HttpToolOutcome = { ok: true, status: 200, output: '{"status":"enviado"}', truncated: false, durationMs: 12 };
    const { toolbox, scope, run, ran } = setup({ plan: ['http'], flags: ON, catalogue: [httpTool('consultar_pedido')], outcome });
    const [tool] = await toolbox.toolsFor(specialist(['consultar_pedido']), scope);

    const result = await tool.run({ numero: 12345 });

    expect(ran).toEqual([{ tool: 'consultar_pedido', args: { numero: 12345 } }]);
    expect(JSON.parse(result)).toEqual({ ok: true, status: 200, output: '{"status":"enviado"}', truncated: false });
    expect(run.toolCalls).toEqual([expect.objectContaining({ tool: 'consultar_pedido', args: { numero: 12345 }, ok: true, result })]);
  });

  it('hands the run to the built-ins: request_human marks the run as asking for a person, and is audited', async () => {
    const { toolbox, scope, run } = setup({ plan: ['request_human'], flags: ON, catalogue: [] });
    const [requestHuman] = await toolbox.toolsFor(specialist(['request_human']), scope);

    await requestHuman.run({ reason: 'cliente irritado' });

    expect(run.humanRequested).toBe('cliente irritado');
    expect(run.usedTool('request_human')).toBe(true);
  });
});
