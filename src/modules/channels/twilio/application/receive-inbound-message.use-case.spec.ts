import { Logger } from '@nestjs/common';
import type { MessageRepository, NewInboundMessage } from '@modules/conversation/application/ports/message.repository.port';
import { RecordInboundMessage } from '@modules/conversation/application/record-inbound-message.use-case';
import { InvalidMessageSidError } from '@modules/conversation/domain/conversation.errors';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { ApplyConsentKeyword, ConsentOutcome, InboundForConsent } from './apply-consent-keyword.use-case';
import type { LeaveThrottledInbound } from '@modules/conversation/application/leave-throttled-inbound.use-case';
import { DEFAULT_CHANNEL_SETTINGS } from '../domain/channel-settings';
import type { RateWindow } from '../domain/inbound-rate-limit';
import type { ChannelSettingsQueries } from './channel-settings-queries';
import { InboundFlowControl } from './inbound-flow-control';
import type { AiJobQueue, BurstWindow } from './ports/ai-job-queue.port';
import type { InboundRateCounter } from './ports/inbound-rate-counter.port';
import type { TranscriptionQueue } from './ports/transcription-queue.port';
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
  messagingServiceSid: null,
  sendRatePerSecond: 10,
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
type Call = ['messages.insertInboundOnce', NewInboundMessage] | ['messages.markProcessed', string, string] | ['queue.enqueue', Job] | ['transcriptions.enqueue', Job] | ['consent.execute', InboundForConsent];

/**
 * The real RecordInboundMessage over an in-memory message table that, like the database's unique
 * index on (provider, provider_sid), keeps one row per MessageSid; and a queue that records jobs.
 */
function build(options: { enqueue?: () => Promise<void>; consent?: ConsentOutcome; inboundCount?: number } = {}) {
  const calls: Call[] = [];
  // The flow control's own collaborators: kept out of `calls`, checked by the tests about limits and bursts.
  const flow = { bursts: [] as (BurstWindow | undefined)[], counted: [] as string[], throttled: [] as { messageId: string; until: Date }[] };
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
    enqueue: async (job: Job, burst?: BurstWindow) => {
      calls.push(['queue.enqueue', job]);
      flow.bursts.push(burst);
      if (options.enqueue) await options.enqueue();
    },
  });

  const transcriptions = strict<TranscriptionQueue>('TranscriptionQueue', {
    enqueue: async (job: Job) => {
      calls.push(['transcriptions.enqueue', job]);
    },
  });

  const consent = strict<ApplyConsentKeyword>('ApplyConsentKeyword', {
    execute: async (inbound: InboundForConsent) => {
      calls.push(['consent.execute', inbound]);
      return options.consent ?? 'for_the_ai';
    },
  });

  const settings = strict<ChannelSettingsQueries>('ChannelSettingsQueries', { forTenant: async () => ({ ...DEFAULT_CHANNEL_SETTINGS, debounceMs: 2500, inboundLimitPerMinute: 3 }) });
  const counter = strict<InboundRateCounter>('InboundRateCounter', {
    increment: async (key: string, _window: RateWindow) => {
      flow.counted.push(key);
      return options.inboundCount ?? 1;
    },
  });
  const leaveThrottled = strict<LeaveThrottledInbound>('LeaveThrottledInbound', {
    execute: async (_tenantId: string, messageId: string, until: Date) => void flow.throttled.push({ messageId, until }),
  });
  const flowControl = new InboundFlowControl(counter, leaveThrottled, queue);
  const useCase = new ReceiveInboundMessage(new RecordInboundMessage(messages), flowControl, transcriptions, consent, settings);
  const markProcessed = (sid: string) => {
    const row = rows.get(sid);
    if (!row) throw new Error(`no stored message ${sid}`);
    row.processed = true;
  };
  const enqueued = () => calls.flatMap((call) => (call[0] === 'queue.enqueue' ? [call[1]] : []));
  const inserted = () => calls.flatMap((call) => (call[0] === 'messages.insertInboundOnce' ? [call[1]] : []));
  return { useCase, calls, rows, markProcessed, enqueued, inserted, flow };
}

describe('ReceiveInboundMessage', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('stores a new message, then enqueues it with its tenant, inbound id and correlation id, and returns "stored"', async () => {
    const { useCase, calls } = build();

    await expect(useCase.execute(NUMBER, params(), 'corr-1')).resolves.toBe('stored');

    expect(calls.map((call) => call[0])).toEqual(['messages.insertInboundOnce', 'consent.execute', 'queue.enqueue']);
    expect(calls[2]).toEqual(['queue.enqueue', { tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
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
        content: { kind: 'text', media: [], location: null, buttonPayload: null },
      },
    ]);
  });

  it('stores a media-only message with its attachment and a description as the body the AI reads', async () => {
    const { useCase, inserted, enqueued } = build();
    const { Body: _body, ...mediaOnly } = params({ NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/1', MediaContentType0: 'image/jpeg' });

    await expect(useCase.execute(NUMBER, mediaOnly, 'corr-1')).resolves.toBe('stored');

    expect(inserted()[0]?.body).toBe('[the customer sent an image: image/jpeg]');
    expect(inserted()[0]?.content).toEqual({ kind: 'image', media: [{ url: 'https://api.twilio.com/media/1', contentType: 'image/jpeg', size: null }], location: null, buttonPayload: null });
    expect(enqueued()).toEqual([{ tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
  });

  it('hands a voice note to the transcription queue, not to the AI', async () => {
    const { useCase, calls } = build();

    await useCase.execute(NUMBER, params({ Body: '', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/2', MediaContentType0: 'audio/ogg' }), 'corr-1');

    expect(calls.map((call) => call[0])).toEqual(['messages.insertInboundOnce', 'consent.execute', 'transcriptions.enqueue']);
    expect(calls[2]).toEqual(['transcriptions.enqueue', { tenantId: 'tenant-3', inboundMessageId: 'msg-1', correlationId: 'corr-1' }]);
  });

  it('gives the channel\'s consent rules the contact\'s phone and the text, and does not hand an opt-out (or an opted-out contact\'s message) to the AI', async () => {
    const { useCase, calls, enqueued } = build({ consent: 'answered_here' });

    await expect(useCase.execute(NUMBER, params({ Body: 'STOP' }), 'corr-1')).resolves.toBe('stored');

    expect(calls[1]).toEqual(['consent.execute', { tenantId: 'tenant-3', messageId: 'msg-1', phoneNumber: '+5511999990000', body: 'STOP', correlationId: 'corr-1' }]);
    expect(enqueued()).toEqual([]);
  });

  it('cuts a From that is not a WhatsApp E.164 address to the 64 characters the column holds', async () => {
    const { useCase, inserted } = build();
    const from = 'whatsapp:' + 'x'.repeat(100);

    await useCase.execute(NUMBER, params({ From: from }), 'corr-1');

    expect(inserted()[0]?.fromAddress).toBe(from.slice(0, 64));
  });

  it('stores a message with NUL bytes and lone surrogates in its fields, made storable, and still answers it', async () => {
    const { useCase, inserted, enqueued } = build();

    await useCase.execute(NUMBER, params({ Body: 'qual o\u0000 preço\ud800?', ProfileName: 'Ma\u0000ria', 'X\u0000': '\udc00' }), 'corr-1');

    expect(inserted()[0]?.body).toBe('qual o preço\uFFFD?');
    expect(inserted()[0]?.rawPayload).toMatchObject({ Body: 'qual o preço\uFFFD?', ProfileName: 'Maria', X: '\uFFFD' });
    expect(enqueued()).toHaveLength(1);
  });

  it('refuses a MessageSid that is a Twilio SID only once its NUL byte is removed', async () => {
    const { useCase, calls } = build();

    await expect(useCase.execute(NUMBER, params({ MessageSid: `${SID}\u0000` }), 'corr-1')).rejects.toBeInstanceOf(InvalidMessageSidError);

    expect(calls).toEqual([]);
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

  describe('the channel limits', () => {
    it("waits for the rest of the customer's burst: the job is due when the contact's debounce window closes", async () => {
      const { useCase, flow } = build();
      await useCase.execute(NUMBER, params(), 'corr-1');
      expect(flow.bursts).toEqual([{ key: 'tenant-3:number-7:whatsapp:+5511999990000', windowMs: 2500 }]);
    });

    it("stores a message over the contact's inbound limit as throttled until the minute ends, and never hands it to the AI", async () => {
      const { useCase, enqueued, flow } = build({ inboundCount: 4 });

      await expect(useCase.execute(NUMBER, params(), 'corr-1')).resolves.toBe('stored');

      expect(enqueued()).toEqual([]);
      expect(flow.throttled).toEqual([{ messageId: 'msg-1', until: expect.any(Date) }]);
      expect(flow.throttled[0].until.getTime() % 60_000).toBe(0);
      expect(flow.counted).toEqual(['tenant-3:whatsapp:+5511999990000']);
    });

    it('answers the limit-th message of the minute', async () => {
      const { useCase, enqueued, flow } = build({ inboundCount: 3 });
      await useCase.execute(NUMBER, params(), 'corr-1');
      expect(enqueued()).toHaveLength(1);
      expect(flow.throttled).toEqual([]);
    });

    it('does not count a Twilio retry of a stored message again', async () => {
      const { useCase, flow } = build();
      await useCase.execute(NUMBER, params(), 'corr-1');
      await useCase.execute(NUMBER, params(), 'corr-2');
      expect(flow.counted).toHaveLength(1);
    });
  });
});
