import { Logger } from '@nestjs/common';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { DeliveryUpdate } from '@modules/conversation/application/ports/delivery-store.port';
import type { Message } from '@modules/conversation/domain/message';
import { strict } from '@test/support/strict-fake';
import { PART_NOT_SENT } from '../domain/outbound-text';
import type { OutboundGate } from './outbound-gate';
import { OutboundSend, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
import { SendAttempts, SendDeferred } from './send-attempts';
import { SendWhatsappMessage } from './send-whatsapp-message.use-case';
import type { SendingAccountResolver } from './sending-account-resolver';
import { attemptMethods, FakeClock, listedAs, SEND_CONFIG } from '@test/support/send-attempt-fakes';

const TENANT = 'tenant-1';
const ACCOUNT = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: 'auth-token',
  apiBaseUrl: 'https://api.twilio.com',
  messagingServiceSid: null,
  statusCallback: 'https://atende.example.test/webhooks/twilio/status',
  sendRatePerSecond: 10,
};
const PARAGRAPH = 'Uma frase longa sobre a entrega do pedido. '.repeat(20).trim();
const LONG = Array.from({ length: 5 }, (_, i) => `**Parte ${i + 1}** ${PARAGRAPH}`).join('\n\n');

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'parent',
    tenantId: TENANT,
    whatsappNumberId: 'number-1',
    conversationId: 'conv-1',
    contactId: 'contact-1',
    direction: 'outbound',
    author: 'ai',
    body: LONG,
    fromAddress: 'whatsapp:+14155238886',
    toAddress: 'whatsapp:+5511999990000',
    providerSid: null,
    status: 'pending',
    errorCode: null,
    inReplyTo: 'inbound-1',
    correlationId: 'corr-1',
    processedAt: null,
    rawPayload: null,
    createdAt: new Date('2025-01-01T12:00:00Z'),
    ...overrides,
  };
}

/** The use case over an in-memory parent and its parts; Twilio answers through `send`. */
function build(options: { parent?: Message; existingParts?: Partial<Message>[]; send?: (m: OutboundSend, n: number) => Promise<{ sid: string; status: string }> } = {}) {
  const parent = options.parent ?? message();
  let parts: Message[] = (options.existingParts ?? []).map((p, i) => message({ id: `part-${i + 1}`, parentMessageId: parent.id, partIndex: i + 1, inReplyTo: null, ...p }));
  const sends: OutboundSend[] = [];
  const records: [string, DeliveryUpdate][] = [];
  const clock = new FakeClock();
  const accepted: { sid: string; body: string; at: Date }[] = [];
  const find = (id: string) => (id === parent.id ? parent : parts.find((p) => p.id === id));
  const delivery = strict<MessageDelivery>('MessageDelivery', {
    outbound: async (_t: string, id: string) => (id === parent.id ? parent : (parts.find((p) => p.id === id) ?? null)),
    parts: async (_m: Message, bodies: string[]) => {
      if (parts.length === 0) parts = bodies.map((body, i) => message({ id: `part-${i + 1}`, body, parentMessageId: parent.id, partIndex: i + 1, inReplyTo: null }));
      return parts;
    },
    record: async (_t: string, id: string, update: DeliveryUpdate) => {
      records.push([id, update]);
      const stored = find(id);
      if (stored && update.providerSid) Object.assign(stored, { providerSid: update.providerSid, status: update.status, sendAttemptedAt: null });
      else if (stored) stored.status = update.status;
    },
    ...attemptMethods(find, () => parts.flatMap((p) => (p.providerSid ? [p.providerSid] : []))),
  });
  const twilio = strict<TwilioMessaging>('TwilioMessaging', {
    send: async (m: OutboundSend) => {
      sends.push(m);
      // Twilio keeps what it accepted even when its answer is lost (options.send then throws after accepting).
      accepted.push({ sid: `SM${sends.length}`, body: m.body, at: clock.now() });
      return options.send ? options.send(m, sends.length) : { sid: `SM${sends.length}`, status: 'queued' };
    },
    listSent: async () => listedAs(accepted),
  });
  const accounts = strict<SendingAccountResolver>('SendingAccountResolver', { forNumber: async () => ({ status: 'active', account: ACCOUNT }) });
  const gate = strict<OutboundGate>('OutboundGate', { plan: async () => ({ kind: 'free_form' }) });
  const useCase = new SendWhatsappMessage(delivery, accounts, twilio, gate, new SendAttempts(delivery, twilio, clock, SEND_CONFIG));
  return { useCase, sends, records, parts: () => parts, clock };
}

describe('SendWhatsappMessage: a body over 1,600 characters', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('goes out as its parts, in order, in WhatsApp formatting, each recorded with its own sid', async () => {
    const { useCase, sends, records, parts } = build();

    await useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: true });

    expect(parts().length).toBeGreaterThanOrEqual(2);
    expect(sends.map((s) => s.body)).toEqual(parts().map((p) => p.body));
    expect(sends.every((s) => s.body.length <= 1600 && !s.body.includes('**'))).toBe(true);
    expect(sends[0].body.startsWith('*Parte 1*')).toBe(true);
    expect(records).toEqual(parts().map((p, i) => [p.id, { status: 'queued', providerSid: `SM${i + 1}` }]));
  });

  it('skips the parts a first attempt already sent', async () => {
    const { useCase, sends } = build({ existingParts: [{ body: 'um', providerSid: 'SMold', status: 'sent' }, { body: 'dois' }, { body: 'três' }] });

    await useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: true });

    expect(sends.map((s) => s.body)).toEqual(['dois', 'três']);
  });

  it('marks the parts after one that failed for good as not sent, and sends none of them', async () => {
    const { useCase, sends, records } = build({
      existingParts: [{ body: 'um' }, { body: 'dois' }, { body: 'três' }],
      send: async (_m, n) => {
        if (n === 2) throw new TwilioSendError('invalid', 400, 21610);
        return { sid: `SM${n}`, status: 'queued' };
      },
    });

    await useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: true });

    expect(sends.map((s) => s.body)).toEqual(['um', 'dois']);
    expect(records.map(([id, u]) => [id, u.status, u.errorCode])).toEqual([
      ['part-1', 'queued', undefined],
      ['part-2', 'failed', '21610'],
      ['part-3', 'failed', PART_NOT_SENT],
    ]);
  });

  it("rethrows a 429 with Retry-After even on the job's last attempt, so the wait never fails the message", async () => {
    const { useCase, records } = build({
      parent: message({ body: 'curta' }),
      send: async () => {
        throw new TwilioSendError('Too many requests', 429, 20429, 2000);
      },
    });

    await expect(useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: false })).rejects.toMatchObject({ retryAfterMs: 2000 });
    expect(records).toEqual([]);
  });

  it('leaves a part alone when a job names it: only its parent sends it', async () => {
    const { useCase, sends } = build({ existingParts: [{ body: 'um' }] });

    await useCase.execute({ tenantId: TENANT, messageId: 'part-1', mayRetry: true });

    expect(sends).toEqual([]);
  });

  it('sends an agent\'s text as written, without converting Markdown', async () => {
    const { useCase, sends } = build({ parent: message({ author: 'agent', body: 'Use **negrito** assim' }) });

    await useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: true });

    expect(sends.map((s) => s.body)).toEqual(['Use **negrito** assim']);
  });

  it('finds at Twilio a part whose answer was lost, and goes on with the next parts without sending it twice', async () => {
    const { useCase, sends, records, clock } = build({
      existingParts: [{ body: 'um' }, { body: 'dois' }, { body: 'três' }],
      send: async (_m, n) => {
        if (n === 2) throw new TwilioSendError('socket hang up', undefined, undefined);
        return { sid: `SM${n}`, status: 'queued' };
      },
    });
    const run = () => useCase.execute({ tenantId: TENANT, messageId: 'parent', mayRetry: true });

    await expect(run()).rejects.toMatchObject({ message: 'socket hang up' });
    await expect(run()).rejects.toBeInstanceOf(SendDeferred);
    clock.advance(SEND_CONFIG.TWILIO_SEND_LOOKUP_MARGIN_MS);
    await run();

    expect(sends.map((s) => s.body)).toEqual(['um', 'dois', 'três']);
    expect(records.map(([id, u]) => [id, u.providerSid])).toEqual([
      ['part-1', 'SM1'],
      ['part-2', 'SM2'],
      ['part-3', 'SM3'],
    ]);
  });
});
