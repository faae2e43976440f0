import { randomBytes } from 'node:crypto';

/** The platform admin the service ensures at start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const PLATFORM_ADMIN = { email: 'root@atende-bench.test', password: 'bench-platform-admin-1' };

export async function call<T = any>(baseUrl: string, method: string, path: string, options: { token?: string; json?: unknown } = {}): Promise<{ status: number; body: T; text: string }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const text = await response.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

async function expectStatus<T>(what: string, status: number, result: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await result;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const body = await expectStatus<{ accessToken: string }>(`login ${email}`, 200, call(baseUrl, 'POST', '/api/v1/auth/login', { json: { email, password } }));
  return body.accessToken;
}

export const TENANT_ADMIN_PASSWORD = 'bench-tenant-admin-1';

export interface BenchTenant {
  tenantId: string;
  adminEmail: string;
  adminToken: string;
  number?: { id: string; phoneNumber: string; accountSid: string; authToken: string };
}

let sequence = 0;

/** A tenant and its admin through the public API; with `withNumber`, also a Twilio-bound WhatsApp number. */
export async function createTenant(baseUrl: string, platformToken: string, withNumber: boolean): Promise<BenchTenant> {
  sequence += 1;
  const suffix = `${process.pid}-${sequence}-${randomBytes(2).toString('hex')}`;
  const email = `admin-${suffix}@bench.test`;
  const password = TENANT_ADMIN_PASSWORD;
  const created = await expectStatus<{ id: string }>('tenant creation', 201, call(baseUrl, 'POST', '/api/v1/tenants', { token: platformToken, json: { name: `Bench ${suffix}`, admin: { email, password } } }));
  const adminToken = await login(baseUrl, email, password);
  if (!withNumber) return { tenantId: created.id, adminEmail: email, adminToken };
  const phoneNumber = `+1555${String(1_000_000 + sequence * 7919 + (process.pid % 1000)).slice(-7)}`;
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const number = await expectStatus<{ id: string }>(
    'number registration',
    201,
    call(baseUrl, 'POST', '/api/v1/whatsapp-numbers', { token: adminToken, json: { phoneNumber, twilioAccountSid: accountSid, twilioAuthToken: authToken } }),
  );
  return { tenantId: created.id, adminEmail: email, adminToken, number: { id: number.id, phoneNumber, accountSid, authToken } };
}

/** The number's send pace (messages a second it may send, all workers together): 10 unless set, 400 at most. */
export async function setSendRate(baseUrl: string, tenant: BenchTenant, perSecond: number): Promise<void> {
  await expectStatus('send rate update', 200, call(baseUrl, 'PATCH', `/api/v1/whatsapp-numbers/${tenant.number!.id}`, { token: tenant.adminToken, json: { sendRatePerSecond: perSecond } }));
}
