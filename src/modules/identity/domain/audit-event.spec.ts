import { auditAction, auditTarget, auditTenant, carriesPersonalData, isAuditedRequest } from './audit-event';

const TENANT = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const NUMBER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('isAuditedRequest', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'delete'])('audits a %s under /api/v1', (method) => {
    expect(isAuditedRequest(method, '/api/v1/whatsapp-numbers/:id')).toBe(true);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('does not audit a read (%s)', (method) => {
    expect(isAuditedRequest(method, '/api/v1/whatsapp-numbers')).toBe(false);
  });

  it.each([
    ['the webhook', '/webhooks/twilio/inbound'],
    ['the sandbox', '/sandbox/inbound'],
    ['an unknown route', undefined],
  ])('does not audit writes outside /api/v1: %s', (_label, route) => {
    expect(isAuditedRequest('POST', route)).toBe(false);
  });
});

describe('auditAction', () => {
  it('names the action by its method and route template, not by the concrete URL', () => {
    expect(auditAction('patch', '/api/v1/whatsapp-numbers/:id')).toBe('PATCH /api/v1/whatsapp-numbers/:id');
    expect(auditAction('POST', '/api/v1/whatsapp-numbers/:id/disable')).toBe('POST /api/v1/whatsapp-numbers/:id/disable');
  });
});

describe('auditTarget', () => {
  it('takes the :id of the route and the resource segment before it', () => {
    expect(auditTarget('/api/v1/whatsapp-numbers/:id/disable', { id: NUMBER }, { id: 'something-else' })).toEqual({ targetType: 'whatsapp-numbers', targetId: NUMBER });
  });

  it('takes the id of the response body on creation', () => {
    expect(auditTarget('/api/v1/whatsapp-numbers', {}, { id: NUMBER, phoneNumber: '+5511999990000' })).toEqual({ targetType: 'whatsapp-numbers', targetId: NUMBER });
  });

  it('has no target id when neither the route nor the response names one', () => {
    expect(auditTarget('/api/v1/auth/logout', {}, undefined)).toEqual({ targetType: 'auth', targetId: null });
    expect(auditTarget('/api/v1/staff', {}, { id: 42 })).toEqual({ targetType: 'staff', targetId: null });
  });
});

describe('auditTenant', () => {
  it("is the actor's own tenant for tenant staff, whatever the route says", () => {
    expect(auditTenant(TENANT, '/api/v1/tenants/:id', { id: NUMBER })).toBe(TENANT);
  });

  it('is the tenant of the path when a platform admin acts on one tenant', () => {
    expect(auditTenant(null, '/api/v1/tenants/:id/suspend', { id: TENANT })).toBe(TENANT);
    expect(auditTenant(null, '/api/v1/tenants/:id', { id: TENANT })).toBe(TENANT);
    expect(auditTenant(null, '/api/v1/plans/:planId/tenants/:tenantId', { planId: NUMBER, tenantId: TENANT })).toBe(TENANT);
  });

  it('is none for a platform action that names no tenant', () => {
    expect(auditTenant(null, '/api/v1/tenants', {})).toBeNull();
    expect(auditTenant(null, '/api/v1/plans/:id', { id: NUMBER })).toBeNull();
  });

  it('ignores a tenant id that is not a uuid', () => {
    expect(auditTenant(null, '/api/v1/tenants/:id', { id: 'acme' })).toBeNull();
  });
});

describe('audited personal-data routes', () => {
  it('audits the export of a contact, a read that hands out personal data', () => {
    expect(isAuditedRequest('GET', '/api/v1/contacts/:id/export')).toBe(true);
    expect(isAuditedRequest('GET', '/api/v1/contacts/:id')).toBe(false);
  });

  it('marks contact routes as carrying personal data, and no others', () => {
    expect(carriesPersonalData('/api/v1/contacts/:id')).toBe(true);
    expect(carriesPersonalData('/api/v1/contacts')).toBe(true);
    expect(carriesPersonalData('/api/v1/contact-erasures')).toBe(false);
    expect(carriesPersonalData('/api/v1/staff/:id')).toBe(false);
  });
});
