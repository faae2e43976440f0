import { Logger } from '@nestjs/common';
import type { MessageRepository, NewInboundMessage } from '@modules/conversation/application/ports/message.repository.port';
import { RecordInboundMessage } from '@modules/conversation/application/record-inbound-message.use-case';
import { InvalidMessageSidError } from '@modules/conversation/domain/conversation.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { AiJobQueue } from './ports/ai-job-queue.port';
import type { WebhookParams } from './ports/twilio-signature.validator.port';
import { ReceiveInboundMessage } from './receive-inbound-message.use-case';
import { strict } from '@test/support/strict-fake';

const SID = 'SM0123456789abcdef0123456789abcdef';

const NUMBER: WhatsappNumber = {
  id: 'number-7',
  tenantId: 'tenant-3',
  phoneNumber: '+14155238886',
  twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
  sealedAuthToken: 'v1.sealed.token.value',
  isSandbox: false,
  disabledAt: null,
  createdAt: new Date('2025-01-01T00:00:00Z'),
};

function params(overrides: WebhookParams = {}): WebhookParams {
  return {
    MessageSid: SID,
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+5511999990000',
    To: 'whatsapp:+14155238886',
    Body: 'Olá, vocês abrem amanhã?',
    NumMedia: '0',
    ProfileName: 'Maria',
    WaId: '5511999990000',
    ...overrides,
  };
}

type Job = { tenantId: string; inboundMessageId: string; correlationId: string };
type Call = ['messages.insertInboundOnce', NewInboundMessage] | ['messages.markProcessed', string, string] | ['queue.enqueue', Job];

/**
 * The real RecordInboundMessage over an in-memory message table that, like the database's unique
 * index on (provider, provider_sid), keeps one row per MessageSid; and a queue that records jobs.
 */
function build(options: { enqueue?: () => Promise<void> } = {}) {
  const calls: Call[] = [];
  const rows = new Map<string, { id: string; processed: boolean; message: NewInboundMessage }>();
  let nextId = 1;

  const messages = strict<MessageRepository>('MessageRepository', {
    insertInboundOnce: async (message: NewInboundMessage) => {
      calls.push(['messages.insertInboundOnce', message]);
      const existing = rows.get(message.providerSid);
      if (existing) return { id: existing.id, inserted: false, processed: existing.processed };
      const row = { id: `msg-${nextId++}`, processed: false, message };
      rows.set(message.providerSid, row);
      return { id: row.id, inserted: true, processed: false };
    },
    markProcessed: async (tenantId: string, messageId: string) => {
      calls.push(['messages.markProcessed', tenantId, messageId]);
      const row = [...rows.values()].find((r) => r.id === messageId);
      if (!row || row.processed) return false;
      row.processed = true;
      return true;
    },
  });
  const queue = strict<AiJobQueue>('AiJobQueue', {
    enqueue: async (job: Job) => {
      calls.push(['queue.enqueue', job]);
      if (options.enqueue) await options.enqueue();
    },
  });

  const useCase = new ReceiveInboundMessage(new RecordInboundMessage(messages), queue);
  const markProcessed = (sid: string) => {
    const row = rows.get(sid);
    if (!row) throw new Error(`no stored message ${sid}`);
    row.processed = true;
  };
  const enqueued = () => calls.flatMap((call) => (call[0] === 'queue.enqueue' ? [call[1]] : []));
  const inserted = () => calls.flatMap((call) => (call[0] === 'messages.insertInboundOnce' ? [call[1]] : []));
  return { useCase, calls, rows, markProcessed, enqueued, inserted };
}

describe('ReceiveInboundMessage', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('stores a new message, then enqueues it with its tenant, inbound id and correlation id, and returns "stored"', async () => {
    const { useCase, calls } = build();

    await expect(useCase.execute(NUMBER, params(), 'corr-1')).resolves.toBe('stored');

    expect(calls.map((call) => call[0])).toEqual(['messages.insertInboundOnce', 'queue.enqueue']);
    expect(calls[1]).toEqual(['queue.enqueue', { tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
  });

  it('stores Body, From, To, MessageSid and the raw params under the number\'s tenant and id', async () => {
    const { useCase, inserted } = build();
    const webhook = params();

    await useCase.execute(NUMBER, webhook, 'corr-1');

    expect(inserted()).toEqual([
      {
        tenantId: 'tenant-3',
        whatsappNumberId: 'number-7',
        providerSid: SID,
        body: 'Olá, vocês abrem amanhã?',
        fromAddress: 'whatsapp:+5511999990000',
        toAddress: 'whatsapp:+14155238886',
        correlationId: 'corr-1',
        rawPayload: webhook,
      },
    ]);
  });

  it('stores an empty body for a message without Body, such as a media-only one', async () => {
    const { useCase, inserted } = build();
    const { Body: _body, ...mediaOnly } = params({ NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/1' });

    await expect(useCase.execute(NUMBER, mediaOnly, 'corr-1')).resolves.toBe('stored');

    expect(inserted()[0]?.body).toBe('');
  });

  it('cuts a From that is not a WhatsApp E.164 address to the 64 characters the column holds', async () => {
    const { useCase, inserted } = build();
    const from = 'whatsapp:' + 'x'.repeat(100);

    await useCase.execute(NUMBER, params({ From: from }), 'corr-1');

    expect(inserted()[0]?.fromAddress).toBe(from.slice(0, 64));
  });

  it('drops a duplicate delivery whose message was already processed, without enqueueing, and returns "duplicate"', async () => {
    const { useCase, markProcessed, enqueued } = build();
    await useCase.execute(NUMBER, params(), 'corr-1');
    markProcessed(SID);

    await expect(useCase.execute(NUMBER, params(), 'corr-2')).resolves.toBe('duplicate');

    expect(enqueued()).toEqual([{ tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
  });

  it('enqueues a duplicate delivery of a still unprocessed message again, with the same inbound id, and returns "duplicate"', async () => {
    const { useCase, rows, enqueued } = build();
    await useCase.execute(NUMBER, params(), 'corr-1');

    await expect(useCase.execute(NUMBER, params(), 'corr-2')).resolves.toBe('duplicate');

    expect(rows.size).toBe(1);
    expect(enqueued()).toEqual([
      { tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' },
      { tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-2' },
    ]);
  });

  it('lets a queue failure propagate so Twilio retries, and enqueues the stored message on that retry', async () => {
    let queueDown = true;
    const { useCase, rows, enqueued } = build({
      enqueue: async () => {
        if (queueDown) throw new Error('redis unavailable');
      },
    });

    await expect(useCase.execute(NUMBER, params(), 'corr-1')).rejects.toThrow('redis unavailable');
    queueDown = false;
    await expect(useCase.execute(NUMBER, params(), 'corr-2')).resolves.toBe('duplicate');

    expect(rows.size).toBe(1);
    expect(enqueued().map((job) => job.inboundMessageId)).toEqual(['msg-1', 'msg-1']);
  });

  describe('for a disabled number', () => {
    const DISABLED: WhatsappNumber = { ...NUMBER, disabledAt: new Date('2025-02-01T00:00:00Z') };

    it('stores the message and marks it handled instead of enqueueing it, and returns "stored"', async () => {
      const { useCase, calls, rows } = build();

      await expect(useCase.execute(DISABLED, params(), 'corr-1')).resolves.toBe('stored');

      expect(calls.map((call) => call[0])).toEqual(['messages.insertInboundOnce', 'messages.markProcessed']);
      expect(calls[1]).toEqual(['messages.markProcessed', 'tenant-3', 'msg-1']);
      expect(rows.get(SID)?.processed).toBe(true);
    });

    it('drops a retry of that message without marking or enqueueing anything', async () => {
      const { useCase, calls } = build();
      await useCase.execute(DISABLED, params(), 'corr-1');

      await expect(useCase.execute(DISABLED, params(), 'corr-2')).resolves.toBe('duplicate');

      expect(calls.map((call) => call[0])).toEqual(['messages.insertInboundOnce', 'messages.markProcessed', 'messages.insertInboundOnce']);
    });

    it('leaves unanswered a message stored before the number was disabled and delivered again after', async () => {
      let queueDown = true;
      const { useCase, enqueued, rows } = build({
        enqueue: async () => {
          if (queueDown) throw new Error('redis unavailable');
        },
      });
      await expect(useCase.execute(NUMBER, params(), 'corr-1')).rejects.toThrow('redis unavailable');
      queueDown = false;

      await expect(useCase.execute(DISABLED, params(), 'corr-2')).resolves.toBe('duplicate');

      expect(enqueued()).toEqual([{ tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
      expect(rows.get(SID)?.processed).toBe(true);
    });
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'SM123'],
    ['repeated', [SID, SID]],
  ])('refuses a delivery whose MessageSid is %s, storing and enqueueing nothing', async (_label, sid) => {
    const { useCase, calls } = build();
    const webhook = params();
    if (sid === undefined) delete webhook.MessageSid;
    else webhook.MessageSid = sid;

    await expect(useCase.execute(NUMBER, webhook, 'corr-1')).rejects.toBeInstanceOf(InvalidMessageSidError);

    expect(calls).toEqual([]);
  });
});
