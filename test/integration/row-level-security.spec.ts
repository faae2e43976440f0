import { Client } from 'pg';
import { createTestDatabase, queryDb } from '../support/test-database';

/**
 * The second isolation layer on its own: raw SQL with no tenant filter at all, run as the app's
 * login role. Only the transaction's tenant setting stands between tenant B and tenant A's rows.
 */
describe('row-level security, with the application-level filter bypassed', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('rls');
    for (const tenant of ['A', 'B']) {
      const [t] = await queryDb<{ id: string }>(db.url, `INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [`Tenant ${tenant}`]);
      const [n] = await queryDb<{ id: string }>(
        db.url,
        `INSERT INTO whatsapp_numbers (tenant_id, phone_number, twilio_account_sid, twilio_auth_token_sealed) VALUES ($1, $2, 'AC0', 'v1.x') RETURNING id`,
        [t.id, tenant === 'A' ? '+15550000001' : '+15550000002'],
      );
      const [c] = await queryDb<{ id: string }>(db.url, `INSERT INTO contacts (tenant_id, phone_number) VALUES ($1, '+5511900000000') RETURNING id`, [t.id]);
      const [conv] = await queryDb<{ id: string }>(
        db.url,
        `INSERT INTO conversations (tenant_id, contact_id, whatsapp_number_id) VALUES ($1, $2, $3) RETURNING id`,
        [t.id, c.id, n.id],
      );
      await queryDb(
        db.url,
        `INSERT INTO messages (tenant_id, whatsapp_number_id, conversation_id, contact_id, direction, author, body, from_address, to_address, provider_sid, status)
         VALUES ($1, $2, $3, $4, 'inbound', 'contact', $5, 'whatsapp:+5511900000000', 'whatsapp:+1555', $6, 'received')`,
        [t.id, n.id, conv.id, c.id, `secret of ${tenant}`, `SM${tenant.repeat(32)}`],
      );
      await queryDb(db.url, `INSERT INTO staff_users (tenant_id, email, password_hash, role) VALUES ($1, $2, 'x', 'agent')`, [t.id, `agent-${tenant}@rls.test`]);
      ids[tenant] = t.id;
      ids[`number${tenant}`] = n.id;
    }
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await db?.drop();
  });

  async function asTenant<T>(tenantId: string, sql: string, params: unknown[] = []): Promise<T[]> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return (await app.query(sql, params)).rows as T[];
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('enables RLS with a tenant_isolation policy on every table that has a tenant_id column, and on tenants', async () => {
    const tables = await queryDb<{ table: string; rls: boolean; policies: number }>(
      db.url,
      `SELECT c.relname AS table, c.relrowsecurity AS rls,
              (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation') AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND (c.relname = 'tenants' OR EXISTS (
           SELECT 1 FROM information_schema.columns col WHERE col.table_name = c.relname AND col.column_name = 'tenant_id'))
       ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    expect(tables.filter((t) => !t.rls || t.policies !== 1)).toEqual([]);
  });

  it('connects as a role that neither owns the tables nor bypasses RLS', async () => {
    const [row] = (await app.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`)).rows;
    expect(row).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it.each(['tenants', 'staff_users', 'whatsapp_numbers', 'contacts', 'conversations', 'messages'])(
    'shows tenant B only its own rows of %s, with no WHERE clause at all',
    async (table) => {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const rows = await asTenant<{ owner: string }>(ids.B, `SELECT ${column} AS owner FROM ${table}`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.owner === ids.B)).toBe(true);
    },
  );

  it("does not find tenant A's message even by its exact provider id", async () => {
    const rows = await asTenant(ids.B, `SELECT body FROM messages WHERE provider_sid = $1`, [`SM${'A'.repeat(32)}`]);
    expect(rows).toEqual([]);
  });

  it("refuses to write a row into tenant A's data, or to change or delete A's rows", async () => {
    await expect(
      asTenant(ids.B, `INSERT INTO contacts (tenant_id, phone_number) VALUES ($1, '+5511988887777')`, [ids.A]),
    ).rejects.toThrow(/row-level security/);
    const updated = await asTenant(ids.B, `UPDATE messages SET body = 'hacked' WHERE tenant_id = $1 RETURNING id`, [ids.A]);
    expect(updated).toEqual([]);
    const deleted = await asTenant(ids.B, `DELETE FROM conversations WHERE tenant_id = $1 RETURNING id`, [ids.A]);
    expect(deleted).toEqual([]);
    const stillThere = await queryDb<{ body: string }>(db.url, `SELECT body FROM messages WHERE tenant_id = $1`, [ids.A]);
    expect(stillThere).toEqual([{ body: 'secret of A' }]);
  });

  it('shows nothing at all when no tenant is set', async () => {
    expect((await app.query(`SELECT id FROM messages`)).rows).toEqual([]);
    expect((await app.query(`SELECT id FROM tenants`)).rows).toEqual([]);
  });

  it('shows every tenant only in the explicit platform scope', async () => {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.scope', 'platform', true)`);
      const rows = (await app.query(`SELECT DISTINCT tenant_id FROM messages`)).rows;
      expect(rows).toHaveLength(2);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('may not rewrite the migrations table', async () => {
    await expect(app.query(`DELETE FROM typeorm_migrations`)).rejects.toThrow(/permission denied/);
  });
});
