import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { PLATFORM_ADMIN } from './test-app';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A thin JSON client over fetch, talking to the app over real HTTP. */
export async function call<T = any>(baseUrl: string, method: string, path: string, options: { token?: string; json?: unknown } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const text = await response.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, headers: response.headers };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const result = await call(baseUrl, 'POST', '/api/v1/auth/login', { json: { email, password } });
  if (result.status !== 200) throw new Error(`login failed for ${email}: ${result.status} ${result.text}`);
  return result.body.accessToken as string;
}

export interface TenantFixture {
  tenantId: string;
  adminEmail: string;
  adminToken: string;
  number: { id: string; phoneNumber: string; accountSid: string; authToken: string };
}

let sequence = 0;

/** newTenant(): a tenant, its admin, and a WhatsApp number with (stand-in) Twilio credentials. */
export async function newTenant(baseUrl: string, label = 'Tenant'): Promise<TenantFixture> {
  sequence += 1;
  const suffix = `${process.pid}${sequence}${randomBytes(2).toString('hex')}`;
  const platformToken = await login(baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  const adminEmail = `admin-${suffix}@tenant.test`;
  const password = 'tenant-admin-password-1';
  const created = await call(baseUrl, 'POST', '/api/v1/tenants', { token: platformToken, json: { name: `${label} ${suffix}`, admin: { email: adminEmail, password } } });
  if (created.status !== 201) throw new Error(`tenant creation failed: ${created.status} ${created.text}`);
  const adminToken = await login(baseUrl, adminEmail, password);
  const phoneNumber = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const number = await call(baseUrl, 'POST', '/api/v1/whatsapp-numbers', { token: adminToken, json: { phoneNumber, twilioAccountSid: accountSid, twilioAuthToken: authToken } });
  if (number.status !== 201) throw new Error(`number registration failed: ${number.status} ${number.text}`);
  return { tenantId: created.body.id, adminEmail, adminToken, number: { id: number.body.id, phoneNumber, accountSid, authToken } };
}

/** An agent of the tenant, created by its admin through the staff API, and logged in. */
export async function newAgent(baseUrl: string, tenant: TenantFixture, name = 'Agent'): Promise<{ id: string; token: string }> {
  const email = `agent-${randomBytes(4).toString('hex')}@tenant.test`;
  const password = 'agent-password-1';
  const created = await call(baseUrl, 'POST', '/api/v1/staff', { token: tenant.adminToken, json: { email, password, role: 'agent', name } });
  if (created.status !== 201) throw new Error(`agent creation failed: ${created.status} ${created.text}`);
  return { id: created.body.id as string, token: await login(baseUrl, email, password) };
}

export const PUBLIC_INBOUND_URL = 'https://atende.example.test/webhooks/twilio/inbound';

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** Twilio's inbound form for a WhatsApp text message. */
export function inboundForm(tenant: TenantFixture, input: { from: string; body: string; sid?: string }): Record<string, string> {
  const sid = input.sid ?? newMessageSid();
  return {
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: tenant.number.accountSid,
    From: `whatsapp:${input.from}`,
    To: `whatsapp:${tenant.number.phoneNumber}`,
    Body: input.body,
    NumMedia: '0',
    WaId: input.from.replace('+', ''),
    ProfileName: 'Cliente Teste',
  };
}

/** Posts the form as Twilio would, signed with the given token (the SDK computes the signature). */
export async function postInbound(
  baseUrl: string,
  form: Record<string, string>,
  authToken: string | null,
  path = '/webhooks/twilio/inbound',
  extraHeaders: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders };
  if (authToken) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(authToken, `https://atende.example.test${path}`, form);
  const response = await fetch(baseUrl + path, { method: 'POST', headers, body: new URLSearchParams(form).toString(), signal });
  const text = await response.text();
  return { status: response.status, body: undefined, text, headers: response.headers };
}
