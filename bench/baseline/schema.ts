import { withClient } from '../lib/postgres';

/** The baseline's own tables in the scenario's database, and the number it serves (same phone and token as the product's). */
export async function prepareBaselineTables(ownerUrl: string, number: { phoneNumber: string; authToken: string; tenantId: string }): Promise<void> {
  await withClient(ownerUrl, async (c) => {
    await c.query(`CREATE TABLE IF NOT EXISTS bench_baseline_numbers (phone_number varchar(20) PRIMARY KEY, tenant_id uuid NOT NULL, auth_token text NOT NULL)`);
    await c.query(`
      CREATE TABLE IF NOT EXISTS bench_baseline_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_sid varchar(64) NOT NULL UNIQUE,
        tenant_id uuid NOT NULL,
        from_address varchar(64) NOT NULL,
        to_address varchar(64) NOT NULL,
        body text NOT NULL,
        raw_payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await c.query(`INSERT INTO bench_baseline_numbers VALUES ($1, $2, $3) ON CONFLICT (phone_number) DO UPDATE SET auth_token = excluded.auth_token`, [
      number.phoneNumber,
      number.tenantId,
      number.authToken,
    ]);
  });
}
