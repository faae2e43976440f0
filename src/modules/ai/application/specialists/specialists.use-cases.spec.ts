import { strict } from '@test/support/strict-fake';
import type { PlanLimits } from '@modules/identity/application/plan-limits';
import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { DEFAULT_AI_SETTINGS, type AiSettings, type Specialist, type SpecialistDraft } from '../../domain/specialists/specialist';
import { SpecialistLimitError, SpecialistNotFoundError, SpecialistSlugTakenError, ToolNotInPlanError, UnknownToolError } from '../../domain/specialists/specialist.errors';
import { CreateSpecialist } from './create-specialist.use-case';
import { EnabledSpecialistLimit } from './enabled-specialist-limit';
import type { SpecialistRepository, SpecialistUpdate } from './ports/specialist.repository.port';
import { SetSpecialistEnabled } from './set-specialist-enabled.use-case';
import { SpecialistCatalogue } from './specialist-catalogue';
import { SpecialistToolPolicy } from './specialist-tool-policy';
import { UpdateSpecialist } from './update-specialist.use-case';

const TENANT = '11111111-1111-4111-8111-111111111111';
const STARTER_TOOLS = ['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human'];

/** One tenant's rows in memory, with the calls that matter to these rules recorded. */
function memoryRepository(httpTools: string[] = []) {
  let settings: AiSettings | null = null;
  let specialists: Specialist[] = [];
  let clock = 0;
  const calls: string[] = [];
  const repository = strict<SpecialistRepository>('repository', {
    inTransaction: async <T>(_tenantId: string, work: () => Promise<T>) => work(),
    findSettings: async () => settings,
    claimSettings: async () => {
      calls.push('claimSettings');
      if (settings) return null;
      settings = { ...DEFAULT_AI_SETTINGS };
      return settings;
    },
    lockSettings: async () => void calls.push('lockSettings'),
    countEnabled: async () => specialists.filter((s) => s.enabled).length,
    listEnabled: async () => specialists.filter((s) => s.enabled),
    insertAll: async (_tenantId: string, drafts: SpecialistDraft[]) =>
      drafts.map((draft) => {
        if (specialists.some((s) => s.slug === draft.slug)) throw new SpecialistSlugTakenError(draft.slug);
        clock += 1;
        const created = { ...draft, id: `id-${draft.slug}`, createdAt: new Date(clock), updatedAt: new Date(clock) };
        specialists.push(created);
        return created;
      }),
    find: async (_tenantId: string, id: string) => specialists.find((s) => s.id === id) ?? null,
    update: async (_tenantId: string, id: string, update: SpecialistUpdate) => {
      const found = specialists.find((s) => s.id === id);
      if (!found) return null;
      Object.assign(found, update);
      return found;
    },
    delete: async (_tenantId: string, id: string) => {
      const before = specialists.length;
      specialists = specialists.filter((s) => s.id !== id);
      return specialists.length < before;
    },
    httpToolNames: async () => httpTools,
  });
  return { repository, calls, specialists: () => specialists };
}

function setup(options: { maxSpecialists: number | null; planTools?: string[]; httpTools?: string[] }) {
  const memory = memoryRepository(options.httpTools);
  const limits = strict<PlanLimits>('limits', { maxSpecialists: async () => options.maxSpecialists });
  const flags = strict<FeatureFlags>('flags', { allowedTools: async () => options.planTools ?? STARTER_TOOLS });
  const catalogue = new SpecialistCatalogue(memory.repository, limits);
  const tools = new SpecialistToolPolicy(memory.repository, flags);
  const limit = new EnabledSpecialistLimit(memory.repository, limits);
  return {
    ...memory,
    catalogue,
    tools,
    create: new CreateSpecialist(catalogue, memory.repository, tools, limit),
    update: new UpdateSpecialist(catalogue, memory.repository, tools),
    setEnabled: new SetSpecialistEnabled(catalogue, memory.repository, limit),
  };
}

const orders = { slug: 'orders', name: 'Orders', description: 'Order tracking', systemPrompt: 'You track orders.', keywords: ['Pedido', 'pedido'] };

describe('SpecialistCatalogue', () => {
  it('seeds the settings and the three defaults the first time, general first, and never again', async () => {
    const { catalogue, calls, repository } = setup({ maxSpecialists: 3 });
    const first = await catalogue.forRouting(TENANT);
    expect(first.settings).toEqual(DEFAULT_AI_SETTINGS);
    expect(first.specialists.map((s) => s.slug)).toEqual(['support', 'billing', 'relationship']);

    for (const specialist of first.specialists) await repository.delete(TENANT, specialist.id);
    expect((await catalogue.forRouting(TENANT)).specialists).toEqual([]);
    expect(calls.filter((c) => c === 'claimSettings')).toHaveLength(1);
  });

  it('enables only as many defaults as the plan allows (free: the general one)', async () => {
    const { catalogue, specialists } = setup({ maxSpecialists: 1 });
    expect((await catalogue.forRouting(TENANT)).specialists.map((s) => s.slug)).toEqual(['support']);
    expect(specialists().map((s) => [s.slug, s.enabled])).toEqual([['support', true], ['billing', false], ['relationship', false]]);
  });

  it('does not seed when another caller claimed the settings row first', async () => {
    const { catalogue, repository, specialists } = setup({ maxSpecialists: null });
    await repository.claimSettings(TENANT);
    expect(await catalogue.settings(TENANT)).toEqual(DEFAULT_AI_SETTINGS);
    expect(specialists()).toEqual([]);
  });
});

describe('SpecialistToolPolicy', () => {
  it('accepts built-ins of the plan and existing HTTP tools when the plan has "http"', async () => {
    const { tools } = setup({ maxSpecialists: null, planTools: [...STARTER_TOOLS, 'http'], httpTools: ['consultar_saldo'] });
    await expect(tools.assertUsable(TENANT, ['request_human', 'consultar_saldo'])).resolves.toBeUndefined();
  });

  it('refuses a name that is neither built-in nor an HTTP tool of the tenant with AI.UNKNOWN_TOOL', async () => {
    const { tools } = setup({ maxSpecialists: null, planTools: [...STARTER_TOOLS, 'http'], httpTools: ['consultar_saldo'] });
    await expect(tools.assertUsable(TENANT, ['request_human', 'send_email', 'http'])).rejects.toThrow(new UnknownToolError(['send_email', 'http']));
  });

  it("refuses a built-in or an HTTP tool the plan does not allow with AI.TOOL_NOT_IN_PLAN", async () => {
    const { tools } = setup({ maxSpecialists: null, planTools: ['search_knowledge_base', 'request_human'], httpTools: ['consultar_saldo'] });
    const refusal = tools.assertUsable(TENANT, ['search_knowledge_base', 'remember_fact', 'consultar_saldo']);
    await expect(refusal).rejects.toThrow(ToolNotInPlanError);
    await expect(refusal).rejects.toThrow('remember_fact, consultar_saldo');
  });
});

describe('creating, changing and enabling specialists', () => {
  it('creates after seeding the defaults, with normalised keywords, counting the enabled ones under a lock', async () => {
    const { create, calls, specialists } = setup({ maxSpecialists: 4 });
    const created = await create.execute(TENANT, { ...orders, allowedTools: ['search_knowledge_base'] });
    expect(created).toMatchObject({ slug: 'orders', enabled: true, keywords: ['pedido'], allowedTools: ['search_knowledge_base'] });
    expect(specialists().map((s) => s.slug)).toEqual(['support', 'billing', 'relationship', 'orders']);
    expect(calls).toEqual(['claimSettings', 'lockSettings']);
  });

  it("refuses an enabled specialist beyond the plan's max_specialists, but takes a disabled one", async () => {
    const { create } = setup({ maxSpecialists: 3 });
    await expect(create.execute(TENANT, orders)).rejects.toThrow(SpecialistLimitError);
    await expect(create.execute(TENANT, { ...orders, enabled: false })).resolves.toMatchObject({ enabled: false });
  });

  it('enables within the limit only, and disables the last enabled one', async () => {
    const { catalogue, setEnabled } = setup({ maxSpecialists: 1 });
    const [support] = (await catalogue.forRouting(TENANT)).specialists;
    await expect(setEnabled.execute(TENANT, 'id-billing', true)).rejects.toThrow(SpecialistLimitError);
    expect(await setEnabled.execute(TENANT, support.id, false)).toMatchObject({ enabled: false });
    expect((await catalogue.forRouting(TENANT)).specialists).toEqual([]);
    expect(await setEnabled.execute(TENANT, 'id-billing', true)).toMatchObject({ enabled: true });
    await expect(setEnabled.execute(TENANT, 'id-nope', true)).rejects.toThrow(SpecialistNotFoundError);
  });

  it('answers 404 before looking at the tools of an update, and checks the tools it is given', async () => {
    const { update, catalogue } = setup({ maxSpecialists: null });
    await expect(update.execute(TENANT, 'id-nope', { allowedTools: ['send_email'] })).rejects.toThrow(SpecialistNotFoundError);
    await catalogue.settings(TENANT);
    await expect(update.execute(TENANT, 'id-billing', { allowedTools: ['send_email'] })).rejects.toThrow(UnknownToolError);
    expect(await update.execute(TENANT, 'id-billing', { keywords: [' Boleto '], name: ' Finance ' })).toMatchObject({ name: 'Finance', keywords: ['boleto'] });
  });
});
