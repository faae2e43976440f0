import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '@core/crypto/secret-box';
import { NumberNotFoundError, SandboxCredentialsError, SandboxMessagingServiceError } from '../domain/twilio.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { CredentialChange, SendingChange, WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';
import { UpdateWhatsappNumber } from './update-whatsapp-number.use-case';
import { strict } from '@test/support/strict-fake';

const box = new SecretBox(randomBytes(32).toString('hex'));
const OLD_TOKEN = 'old-auth-token-0123456789abcdef';
const NEW_TOKEN = 'new-auth-token-fedcba9876543210';

function number(overrides: Partial<WhatsappNumber> = {}): WhatsappNumber {
  return {
    id: 'number-1',
    tenantId: 'tenant-1',
    phoneNumber: '+14155238886',
    twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
    sealedAuthToken: box.seal(OLD_TOKEN),
    messagingServiceSid: null,
    sendRatePerSecond: 10,
    isSandbox: false,
    disabledAt: null,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** An in-memory table of one tenant's numbers. */
function build(rows: WhatsappNumber[] = [number()]) {
  const changes: [string, string, CredentialChange][] = [];
  const repository = strict<WhatsappNumberRepository>('WhatsappNumberRepository', {
    findById: async (tenantId: string, id: string) => rows.find((n) => n.tenantId === tenantId && n.id === id) ?? null,
    updateCredentials: async (tenantId: string, id: string, change: CredentialChange) => {
      changes.push([tenantId, id, change]);
      const row = rows.find((n) => n.tenantId === tenantId && n.id === id);
      if (!row) return null;
      if (change.twilioAccountSid) row.twilioAccountSid = change.twilioAccountSid;
      if (change.sealedAuthToken) row.sealedAuthToken = change.sealedAuthToken;
      return row;
    },
  });
  return { useCase: new UpdateWhatsappNumber(repository, box), changes, rows };
}

describe('UpdateWhatsappNumber', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('seals a rotated auth token so that only the new one opens, and never stores it in clear', async () => {
    const { useCase, changes, rows } = build();

    await useCase.execute({ tenantId: 'tenant-1', id: 'number-1', twilioAuthToken: NEW_TOKEN });

    expect(changes).toHaveLength(1);
    const sealed = changes[0][2].sealedAuthToken ?? '';
    expect(sealed).not.toContain(NEW_TOKEN);
    expect(box.open(rows[0].sealedAuthToken)).toBe(NEW_TOKEN);
    expect(changes[0][2].twilioAccountSid).toBeUndefined();
  });

  it('changes the account SID alone, keeping the token', async () => {
    const { useCase, rows } = build();

    const updated = await useCase.execute({ tenantId: 'tenant-1', id: 'number-1', twilioAccountSid: `AC${'e'.repeat(32)}` });

    expect(updated.twilioAccountSid).toBe(`AC${'e'.repeat(32)}`);
    expect(box.open(rows[0].sealedAuthToken)).toBe(OLD_TOKEN);
  });

  it('refuses real credentials for a sandbox number, changing nothing', async () => {
    const { useCase, changes } = build([number({ isSandbox: true })]);

    await expect(useCase.execute({ tenantId: 'tenant-1', id: 'number-1', twilioAuthToken: NEW_TOKEN })).rejects.toBeInstanceOf(SandboxCredentialsError);
    await expect(useCase.execute({ tenantId: 'tenant-1', id: 'number-1', twilioAccountSid: `AC${'e'.repeat(32)}` })).rejects.toBeInstanceOf(SandboxCredentialsError);
    expect(changes).toEqual([]);
  });

  it("answers another tenant's number as not found, changing nothing", async () => {
    const { useCase, changes } = build();

    await expect(useCase.execute({ tenantId: 'tenant-2', id: 'number-1', twilioAuthToken: NEW_TOKEN })).rejects.toBeInstanceOf(NumberNotFoundError);
    expect(changes).toEqual([]);
  });

  it('returns the number unchanged when asked to change nothing', async () => {
    const { useCase, changes } = build();

    await expect(useCase.execute({ tenantId: 'tenant-1', id: 'number-1' })).resolves.toMatchObject({ id: 'number-1' });
    expect(changes).toEqual([]);
  });
});

describe('UpdateWhatsappNumber: how a number sends', () => {
  beforeAll(() => Logger.overrideLogger(false));

  function withSending(rows: WhatsappNumber[]) {
    const sendingChanges: SendingChange[] = [];
    const repository = strict<WhatsappNumberRepository>('WhatsappNumberRepository', {
      findById: async (tenantId: string, id: string) => rows.find((n) => n.tenantId === tenantId && n.id === id) ?? null,
      updateSending: async (tenantId: string, id: string, change: SendingChange) => {
        sendingChanges.push(change);
        const row = rows.find((n) => n.tenantId === tenantId && n.id === id)!;
        if (change.messagingServiceSid !== undefined) row.messagingServiceSid = change.messagingServiceSid;
        if (change.sendRatePerSecond !== undefined) row.sendRatePerSecond = change.sendRatePerSecond;
        return row;
      },
    });
    return { useCase: new UpdateWhatsappNumber(repository, box), sendingChanges };
  }

  it('sets and clears a Messaging Service and the send rate without touching the credentials', async () => {
    const rows = [number()];
    const { useCase, sendingChanges } = withSending(rows);
    const sid = 'MG0123456789abcdef0123456789abcdef';

    expect((await useCase.execute({ tenantId: 'tenant-1', id: 'number-1', messagingServiceSid: sid, sendRatePerSecond: 2 })).messagingServiceSid).toBe(sid);
    expect((await useCase.execute({ tenantId: 'tenant-1', id: 'number-1', messagingServiceSid: null })).messagingServiceSid).toBeNull();

    expect(sendingChanges).toEqual([{ messagingServiceSid: sid, sendRatePerSecond: 2 }, { messagingServiceSid: null, sendRatePerSecond: undefined }]);
    expect(rows[0].sendRatePerSecond).toBe(2);
  });

  it('refuses a Messaging Service for a sandbox number, but lets it change its rate', async () => {
    const rows = [number({ isSandbox: true })];
    const { useCase } = withSending(rows);

    await expect(useCase.execute({ tenantId: 'tenant-1', id: 'number-1', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' })).rejects.toBeInstanceOf(SandboxMessagingServiceError);
    await expect(useCase.execute({ tenantId: 'tenant-1', id: 'number-1', sendRatePerSecond: 1 })).resolves.toMatchObject({ sendRatePerSecond: 1 });
  });
});
