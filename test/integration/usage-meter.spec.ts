import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/core/database/data-source-options';
import { ScopedDb } from '../../src/core/database/scoped-db';
import { UsageMeter } from '../../src/modules/identity/application/usage-meter';
import { usagePeriod } from '../../src/modules/identity/domain/usage';
import { TypeOrmUsageCounterRepository } from '../../src/modules/identity/infrastructure/typeorm-usage-counter.repository';
import { createTestDatabase, queryDb } from '../support/test-database';

/**
 * The usage meter against the real PostgreSQL, connected as the app's own role (RLS applies):
 * concurrent workers asking for the same tenant's last AI replies of the month.
 */
describe('UsageMeter over PostgreSQL, as the app role', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let meter: UsageMeter;
  const JUNE = new Date('2025-06-15T12:00:00Z');

  async function newTenant(planCode: string | null): Promise<string> {
    const [tenant] = await queryDb<{ id: string }>(db.url, `INSERT INTO tenants (name) VALUES ('Meter test') RETURNING id`);
    if (planCode) await queryDb(db.url, `INSERT INTO subscriptions (tenant_id, plan_id) SELECT $1, id FROM plans WHERE code = $2`, [tenant.id, planCode]);
    return tenant.id;
  }

  async function newPlan(code: string, aiRepliesPerMonth: number | null): Promise<void> {
    await queryDb(db.url, `INSERT INTO plans (code, name, ai_replies_per_month) VALUES ($1, $1, $2)`, [code, aiRepliesPerMonth]);
  }

  const stored = async (tenantId: string, period = '2025-06') =>
    (await queryDb<{ ai_replies: number; prompt_tokens: string; completion_tokens: string }>(
      db.url,
      `SELECT ai_replies, prompt_tokens, completion_tokens FROM usage_counters WHERE tenant_id = $1 AND period = $2`,
      [tenantId, period],
    ))[0];

  beforeAll(async () => {
    db = await createTestDatabase('usage_meter');
    await newPlan('limit_five', 5);
    await newPlan('limit_zero', 0);
    await newPlan('unlimited', null);
    dataSource = await new DataSource(buildDataSourceOptions(db.appUrl)).initialize();
    meter = new UsageMeter(new TypeOrmUsageCounterRepository(new ScopedDb(dataSource)));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('runs as a role that row-level security binds', async () => {
    const [row] = await dataSource.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(row).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('allows exactly the limit when 20 workers ask at once, and stores exactly the limit', async () => {
    const tenantId = await newTenant('limit_five');

    const grants = await Promise.all(Array.from({ length: 20 }, () => meter.tryConsumeAiReply(tenantId, JUNE)));

    expect(grants.filter((g) => g.allowed)).toHaveLength(5);
    expect(grants.filter((g) => g.allowed).map((g) => g.used).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(grants.filter((g) => !g.allowed).every((g) => g.used === 5 && g.limit === 5)).toBe(true);
    expect((await stored(tenantId)).ai_replies).toBe(5);
  });

  it('keeps refusing once the limit is reached, without counting the refusals', async () => {
    const tenantId = await newTenant('limit_five');
    for (let i = 0; i < 5; i++) await meter.tryConsumeAiReply(tenantId, JUNE);

    await expect(meter.tryConsumeAiReply(tenantId, JUNE)).resolves.toEqual({ allowed: false, used: 5, limit: 5 });
    expect((await stored(tenantId)).ai_replies).toBe(5);
  });

  it('starts every UTC month from zero', async () => {
    const tenantId = await newTenant('limit_five');
    for (let i = 0; i < 5; i++) await meter.tryConsumeAiReply(tenantId, new Date('2025-06-30T23:59:59.999Z'));
    expect((await meter.tryConsumeAiReply(tenantId, new Date('2025-06-30T23:59:59.999Z'))).allowed).toBe(false);

    await expect(meter.tryConsumeAiReply(tenantId, new Date('2025-07-01T00:00:00.000Z'))).resolves.toEqual({ allowed: true, used: 1, limit: 5 });
    expect((await stored(tenantId, '2025-06')).ai_replies).toBe(5);
    expect((await stored(tenantId, '2025-07')).ai_replies).toBe(1);
  });

  it('never allows a reply on a plan with a limit of zero, and writes no counter', async () => {
    const tenantId = await newTenant('limit_zero');
    await expect(meter.tryConsumeAiReply(tenantId, JUNE)).resolves.toEqual({ allowed: false, used: 0, limit: 0 });
    expect(await stored(tenantId)).toBeUndefined();
  });

  it('always allows on an unlimited plan, and still counts', async () => {
    const tenantId = await newTenant('unlimited');
    const grants = await Promise.all(Array.from({ length: 20 }, () => meter.tryConsumeAiReply(tenantId, JUNE)));
    expect(grants.every((g) => g.allowed && g.limit === null)).toBe(true);
    expect((await stored(tenantId)).ai_replies).toBe(20);
  });

  it("uses the default plan's limit for a tenant without a subscription", async () => {
    const tenantId = await newTenant(null);
    const [defaultPlan] = await queryDb<{ ai_replies_per_month: number }>(db.url, `SELECT ai_replies_per_month FROM plans WHERE is_default`);
    await expect(meter.tryConsumeAiReply(tenantId, JUNE)).resolves.toEqual({ allowed: true, used: 1, limit: defaultPlan.ai_replies_per_month });
  });

  it("applies the new plan's limit at once when the subscription changes, counting this month's replies", async () => {
    const tenantId = await newTenant('limit_five');
    for (let i = 0; i < 5; i++) await meter.tryConsumeAiReply(tenantId, JUNE);
    await queryDb(db.url, `UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'unlimited') WHERE tenant_id = $1`, [tenantId]);

    await expect(meter.tryConsumeAiReply(tenantId, JUNE)).resolves.toEqual({ allowed: true, used: 6, limit: null });
  });

  it("counts one tenant's replies apart from another's", async () => {
    const a = await newTenant('limit_five');
    const b = await newTenant('limit_five');
    for (let i = 0; i < 5; i++) await meter.tryConsumeAiReply(a, JUNE);

    await expect(meter.tryConsumeAiReply(b, JUNE)).resolves.toEqual({ allowed: true, used: 1, limit: 5 });
    expect((await stored(a)).ai_replies).toBe(5);
  });

  it('adds the tokens of concurrent replies without losing any, in the same monthly row', async () => {
    const tenantId = await newTenant('limit_five');
    await meter.tryConsumeAiReply(tenantId, JUNE);

    await Promise.all(Array.from({ length: 10 }, (_, i) => meter.recordTokens(tenantId, 100 + i, 10, JUNE)));

    expect(await stored(tenantId)).toEqual({ ai_replies: 1, prompt_tokens: String(10 * 100 + 45), completion_tokens: '100' });
    await expect(meter.usageOf(tenantId, JUNE)).resolves.toEqual({ period: '2025-06', aiReplies: 1, promptTokens: 1045, completionTokens: 100, costUsd: 0 });
  });

  const storedCost = async (tenantId: string, period = '2025-06') =>
    (await queryDb<{ cost_usd: string }>(db.url, `SELECT cost_usd::text FROM usage_counters WHERE tenant_id = $1 AND period = $2`, [tenantId, period]))[0]?.cost_usd;

  it('adds the costs of concurrent replies exactly, in decimal: 0.000123 + 0.00021 = 0.000333', async () => {
    const tenantId = await newTenant('limit_five');

    await Promise.all([meter.recordTokens(tenantId, 100, 10, JUNE, 0.000123), meter.recordTokens(tenantId, 200, 20, JUNE, 0.00021)]);

    expect(await storedCost(tenantId)).toBe('0.000333');
    expect(await stored(tenantId)).toEqual({ ai_replies: 0, prompt_tokens: '300', completion_tokens: '30' });
    await expect(meter.usageOf(tenantId, JUNE)).resolves.toMatchObject({ promptTokens: 300, completionTokens: 30, costUsd: 0.000333 });
  });

  it('loses no cost and gains no binary drift when many workers add at once', async () => {
    const tenantId = await newTenant('limit_five');
    const costs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.000123 : 0.00021));

    await Promise.all(costs.map((cost) => meter.recordTokens(tenantId, 1, 1, JUNE, cost)));
    // Ten tenths: 1 exactly in numeric, where adding the doubles gives 0.9999999999999999.
    await Promise.all(Array.from({ length: 10 }, () => meter.recordTokens(tenantId, 0, 0, JUNE, 0.1)));

    expect(await storedCost(tenantId)).toBe('1.003330');
    expect((await meter.usageOf(tenantId, JUNE)).costUsd).toBe(1.00333);
  });

  it('keeps the costs of one tenant and month apart from the others', async () => {
    const a = await newTenant('limit_five');
    const b = await newTenant('limit_five');

    await meter.recordTokens(a, 10, 1, JUNE, 0.5);
    await meter.recordTokens(a, 10, 1, new Date('2025-07-01T00:00:00Z'), 0.25);
    await meter.recordTokens(b, 10, 1, JUNE, 0.125);

    expect([await storedCost(a, '2025-06'), await storedCost(a, '2025-07'), await storedCost(b, '2025-06')]).toEqual(['0.500000', '0.250000', '0.125000']);
  });

  it('reads the last months newest first, with the months without use as zeros', async () => {
    const tenantId = await newTenant('limit_five');
    await meter.recordTokens(tenantId, 500, 50, new Date('2025-04-10T00:00:00Z'), 0.0042);
    await meter.recordTokens(tenantId, 70, 7, JUNE, 0.0007);
    await meter.recordTokens(tenantId, 9, 9, new Date('2024-12-10T00:00:00Z'), 1);

    await expect(meter.history(tenantId, 4, JUNE)).resolves.toEqual([
      { period: '2025-06', aiReplies: 0, promptTokens: 70, completionTokens: 7, costUsd: 0.0007 },
      { period: '2025-05', aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
      { period: '2025-04', aiReplies: 0, promptTokens: 500, completionTokens: 50, costUsd: 0.0042 },
      { period: '2025-03', aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    ]);
  });

  it('reports an untouched month as zero', async () => {
    const tenantId = await newTenant('limit_five');
    await expect(meter.usageOf(tenantId, JUNE)).resolves.toEqual({ period: usagePeriod(JUNE), aiReplies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
  });
});
