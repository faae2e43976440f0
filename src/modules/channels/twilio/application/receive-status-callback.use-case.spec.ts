import { Logger } from '@nestjs/common';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { DeliveryUpdate } from '@modules/conversation/application/ports/delivery-store.port';
import type { Message } from '@modules/conversation/domain/message';
import { strict } from '@test/support/strict-fake';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { ReceiveStatusCallback } from './receive-status-callback.use-case';

const NUMBER = { id: 'number-1', tenantId: 'tenant-1' } as WhatsappNumber;
const UNRECORDED = { id: 'msg-2', whatsappNumberId: 'number-1', fromAddress: 'whatsapp:+14155238886', toAddress: 'whatsapp:+5511999990000', providerSid: null } as Message;
const ADDRESSES = { From: UNRECORDED.fromAddress, To: UNRECORDED.toAddress };
const AT = new Date('2025-01-01T12:00:00Z');

function build(stored: Record<string, string>, outbound: Message[] = []) {
  const records: [string, string, DeliveryUpdate][] = [];
  const delivery = strict<MessageDelivery>('MessageDelivery', {
    findBySid: async (_t: string, sid: string) => (stored[sid] ? ({ id: stored[sid] } as Message) : null),
    outbound: async (tenantId: string, id: string) => (tenantId === 'tenant-1' ? (outbound.find((m) => m.id === id) ?? null) : null),
    record: async (tenantId: string, id: string, update: DeliveryUpdate) => {
      records.push([tenantId, id, update]);
    },
  });
  return { useCase: new ReceiveStatusCallback(delivery), records };
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

  it('records the sid on the message its callback URL names, when the send never got its sid back', async () => {
    const { useCase, records } = build({}, [UNRECORDED]);

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM2', MessageStatus: 'sent', ...ADDRESSES }, AT, 'msg-2')).resolves.toBe('recorded');

    expect(records).toEqual([['tenant-1', 'msg-2', { status: 'sent', providerSid: 'SM2', at: AT }]]);
  });

  it.each([
    ['another customer', { ...ADDRESSES, To: 'whatsapp:+5511888880000' }, UNRECORDED],
    ['another sender', { ...ADDRESSES, From: 'whatsapp:+14155230000' }, UNRECORDED],
    ["another number's message", ADDRESSES, { ...UNRECORDED, whatsappNumberId: 'number-2' }],
    ['a message with another sid already', ADDRESSES, { ...UNRECORDED, providerSid: 'SM9' }],
  ])('does not record a named message when the callback is about %s', async (_label, addresses, message) => {
    const { useCase, records } = build({}, [message as Message]);

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM2', MessageStatus: 'sent', ...addresses }, AT, 'msg-2')).resolves.toBe('unknown_message');
    expect(records).toEqual([]);
  });

  it('ignores statuses it does not track and sids it does not know', async () => {
    const { useCase, records } = build({ SM1: 'msg-1' });

    await expect(useCase.execute(NUMBER, { MessageSid: 'SM1', MessageStatus: 'receiving' }, AT)).resolves.toBe('ignored');
    await expect(useCase.execute(NUMBER, { MessageSid: 'SM3', MessageStatus: 'read' }, AT)).resolves.toBe('unknown_message');
    expect(records).toEqual([]);
  });
});
