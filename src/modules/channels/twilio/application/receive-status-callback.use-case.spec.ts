import { Logger } from '@nestjs/common';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { DeliveryUpdate } from '@modules/conversation/application/ports/delivery-store.port';
import type { Message } from '@modules/conversation/domain/message';
import { strict } from '@test/support/strict-fake';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { AcceptedSendLedger } from './ports/accepted-send-ledger.port';
import { ReceiveStatusCallback } from './receive-status-callback.use-case';

const NUMBER = { id: 'number-1', tenantId: 'tenant-1' } as WhatsappNumber;
const AT = new Date('2025-01-01T12:00:00Z');

function build(stored: Record<string, string>, remembered: Record<string, string> = {}) {
  const records: [string, string, DeliveryUpdate][] = [];
  const delivery = strict<MessageDelivery>('MessageDelivery', {
    findBySid: async (_t: string, sid: string) => (stored[sid] ? ({ id: stored[sid] } as Message) : null),
    outbound: async (tenantId: string, id: string) => (tenantId === 'tenant-1' && Object.values(remembered).includes(id) ? ({ id } as Message) : null),
    record: async (tenantId: string, id: string, update: DeliveryUpdate) => {
      records.push([tenantId, id, update]);
    },
  });
  const ledger = strict<AcceptedSendLedger>('AcceptedSendLedger', { messageFor: async (sid: string) => remembered[sid] ?? null });
  return { useCase: new ReceiveStatusCallback(delivery, ledger), records };
}

describe('ReceiveStatusCallback', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it("records the status with the time it was reported, under the number's tenant", async () => {
    const { useCase, records } = build({ SM1: 'msg-1' });

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM1', MessageStatus: 'delivered' }, AT)).resolves.toBe('recorded');

    expect(records).toEqual([['tenant-1', 'msg-1', { status: 'delivered', providerSid: 'SM1', at: AT }]]);
  });

  it("keeps Twilio's error code for a failure", async () => {
    const { useCase, records } = build({ SM1: 'msg-1' });

    await useCase.execute(NUMBER, { SmsSid: 'SM1', SmsStatus: 'undelivered', ErrorCode: '63024' }, AT);

    expect(records[0][2]).toEqual({ status: 'undelivered', providerSid: 'SM1', at: AT, errorCode: '63024', errorMessage: null });
  });

  it('finds a message whose sid only the send ledger knows yet (the callback beat the send job)', async () => {
    const { useCase, records } = build({}, { SM2: 'msg-2' });

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM2', MessageStatus: 'sent' }, AT)).resolves.toBe('recorded');

    expect(records[0].slice(0, 2)).toEqual(['tenant-1', 'msg-2']);
  });

  it('ignores statuses it does not track and sids it does not know', async () => {
    const { useCase, records } = build({ SM1: 'msg-1' });

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM1', MessageStatus: 'receiving' }, AT)).resolves.toBe('ignored');
    await expect(useCase.execute(NUMBER, { MessageSid: 'SM3', MessageStatus: 'read' }, AT)).resolves.toBe('unknown_message');
    expect(records).toEqual([]);
  });
});
