import { Logger } from '@nestjs/common';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { OutboundDelivery } from '@modules/conversation/application/ports/message.repository.port';
import type { Message } from '@modules/conversation/domain/message';
import { OutboundSend, SentQuery, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
import type { OutboundGate, SendPlan } from './outbound-gate';
import { SEND_UNCERTAIN, SendAttempts, SendDeferred } from './send-attempts';
import { NUMBER_DISABLED, SendWhatsappMessage } from './send-whatsapp-message.use-case';
import type { SendingAccount, SendingAccountResolver } from './sending-account-resolver';
import { attemptMethods, FakeClock, listedAs, SEND_CONFIG } from '@test/support/send-attempt-fakes';
import { strict } from '@test/support/strict-fake';

const TENANT = 'tenant-1';
const MESSAGE_ID = 'msg-42';
const CALLBACK = 'https://atende.example.test/webhooks/twilio/status?messageId=msg-42';
const ACCOUNT: SendingAccount = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: 'auth-token',
  apiBaseUrl: 'https://api.twilio.com',
  messagingServiceSid: null,
  statusCallback: 'https://atende.example.test/webhooks/twilio/status',
  sendRatePerSecond: 10,
};

function outboundMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: MESSAGE_ID,
    tenantId: TENANT,
    whatsappNumberId: 'number-1',
    conversationId: 'conv-1',
    contactId: 'contact-1',
    direction: 'outbound',
    author: 'ai',
    body: 'Olá! Como posso ajudar?',
    fromAddress: 'whatsapp:+14155238886',
    toAddress: 'whatsapp:+5511999990000',
    providerSid: null,
    status: 'pending',
    errorCode: null,
    inReplyTo: 'msg-41',
    correlationId: 'corr-1',
    processedAt: null,
    rawPayload: null,
    createdAt: new Date('2025-01-01T12:00:00Z'),
    ...overrides,
  };
}

/** Everything the use case did, in order, across all its ports. */
type Call =
  | ['delivery.outbound', string, string]
  | ['delivery.record', string, string, OutboundDelivery]
  | ['delivery.beginAttempt', string]
  | ['accounts.forNumber', string, string]
  | ['twilio.send', OutboundSend]
  | ['twilio.listSent', SentQuery];

interface Setup {
  message?: Message | null;
  /** What Twilio's list answers (default: the sends it accepted in this test). */
  listed?: () => Promise<ReturnType<typeof listedAs>>;
  /** Sids already recorded on other messages. */
  knownSids?: string[];
  /** null: the number no longer exists; 'disabled': it exists but is disabled. */
  account?: SendingAccount | null | 'disabled';
  send?: () => Promise<{ sid: string; status: string }>;
  record?: () => Promise<void>;
  /** What the channel's rules say (default: free-form). */
  plan?: SendPlan;
  /** The template to retry with after Twilio's 63016 (default: none). */
  afterWindow?: SendPlan | null;
}

/**
 * Builds the use case with strict fakes. A port method exists on its fake only when the setup
 * says the use case should reach it, so a call the scenario does not expect fails the test.
 */
function build(setup: Setup) {
  const calls: Call[] = [];
  const clock = new FakeClock();
  const current = setup.message === null ? null : { ...(setup.message ?? outboundMessage()) };
  const twilioAccepted: { sid: string; body: string; at: Date; status: string }[] = [];

  const deliveryMethods: Record<string, (...args: never[]) => unknown> = {
    outbound: async (tenantId: string, messageId: string) => {
      calls.push(['delivery.outbound', tenantId, messageId]);
      return current ? { ...current } : null;
    },
  };
  const accountMethods: Record<string, (...args: never[]) => unknown> = {};
  const twilioMethods: Record<string, (...args: never[]) => unknown> = {
    listSent: async (query: SentQuery) => {
      calls.push(['twilio.listSent', query]);
      return setup.listed ? setup.listed() : listedAs(twilioAccepted);
    },
  };

  if (setup.account !== undefined || setup.send !== undefined || setup.listed !== undefined) {
    accountMethods.forNumber = async (tenantId: string, numberId: string) => {
      calls.push(['accounts.forNumber', tenantId, numberId]);
      const account = setup.account === undefined ? ACCOUNT : setup.account;
      if (account === null) return { status: 'missing' };
      return account === 'disabled' ? { status: 'disabled' } : { status: 'active', account };
    };
    deliveryMethods.record = async (tenantId: string, messageId: string, delivery: OutboundDelivery) => {
      calls.push(['delivery.record', tenantId, messageId, delivery]);
      if (setup.record) await setup.record();
      if (current && delivery.providerSid) Object.assign(current, { providerSid: delivery.providerSid, status: delivery.status, sendAttemptedAt: null });
      else if (current) current.status = delivery.status;
    };
  }
  if (setup.send) {
    const send = setup.send;
    twilioMethods.send = async (message: OutboundSend) => {
      calls.push(['twilio.send', message]);
      const result = await send();
      twilioAccepted.push({ ...result, body: message.body, at: clock.now() });
      return result;
    };
    const attempts = attemptMethods(() => current ?? undefined, () => []);
    deliveryMethods.beginAttempt = async (...args: Parameters<typeof attempts.beginAttempt>) => {
      calls.push(['delivery.beginAttempt', args[1]]);
      return attempts.beginAttempt(...args);
    };
    deliveryMethods.settleAttempt = attempts.settleAttempt;
  }
  deliveryMethods.findBySid = async (_t: string, sid: string) => ((setup.knownSids ?? []).includes(sid) ? outboundMessage({ id: 'other', providerSid: sid }) : null);

  const delivery = strict<MessageDelivery>('MessageDelivery', deliveryMethods);
  const twilio = strict<TwilioMessaging>('TwilioMessaging', twilioMethods);
  const useCase = new SendWhatsappMessage(
    delivery,
    strict<SendingAccountResolver>('SendingAccountResolver', accountMethods),
    twilio,
    strict<OutboundGate>('OutboundGate', {
      plan: async () => setup.plan ?? { kind: 'free_form' },
      afterWindowRefusal: async () => setup.afterWindow ?? null,
    }),
    new SendAttempts(delivery, twilio, clock, SEND_CONFIG),
  );
  const names = () => calls.map((call) => call[0]);
  const recorded = () => calls.flatMap((call) => (call[0] === 'delivery.record' ? [call[3]] : []));
  const sends = () => calls.filter((call) => call[0] === 'twilio.send');
  return { useCase, calls, names, recorded, sends, clock, current: () => current };
}

const accepted = (sid = 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', status = 'queued') => async () => ({ sid, status });
const failsWith = (error: Error) => async (): Promise<never> => {
  throw error;
};

describe('SendWhatsappMessage', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('sends a pending message once through the number\'s account and records the SID and status', async () => {
    const { useCase, sends, recorded } = build({ send: accepted('SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'queued') });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(sends()).toEqual([
      [
        'twilio.send',
        { ...ACCOUNT, statusCallback: CALLBACK, from: 'whatsapp:+14155238886', to: 'whatsapp:+5511999990000', body: 'Olá! Como posso ajudar?' },
      ],
    ]);
    expect(recorded()).toEqual([{ status: 'queued', providerSid: 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }]);
  });

  it('looks up the sending account of the message\'s own number in its tenant', async () => {
    const { useCase, calls } = build({ message: outboundMessage({ whatsappNumberId: 'number-7' }), send: accepted() });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(calls).toContainEqual(['accounts.forNumber', TENANT, 'number-7']);
  });

  it('records a status Twilio reports that the app does not know as queued', async () => {
    const { useCase, recorded } = build({ send: accepted('SMcccccccccccccccccccccccccccccccc', 'scheduled') });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(recorded()).toEqual([{ status: 'queued', providerSid: 'SMcccccccccccccccccccccccccccccccc' }]);
  });

  it('records the attempt in the database before calling Twilio, and the SID after', async () => {
    const { useCase, names, current } = build({ send: accepted() });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound', 'accounts.forNumber', 'delivery.beginAttempt', 'twilio.send', 'delivery.record']);
    expect(current()).toMatchObject({ sendAttempts: 1, providerSid: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
  });

  it('does not send again when the database write failed after Twilio accepted the message', async () => {
    let failRecord = true;
    const { useCase, sends, recorded, clock } = build({
      send: accepted('SMdddddddddddddddddddddddddddddddd', 'accepted'),
      record: async () => {
        if (failRecord) {
          failRecord = false;
          throw new Error('database unavailable');
        }
      },
    });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toThrow('database unavailable');
    // The call may still be in flight until it times out, and Twilio's list lags: the retry waits that long first.
    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toEqual(new SendDeferred(25_000));
    clock.advance(25_000);
    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(sends()).toHaveLength(1);
    expect(recorded()).toEqual([
      { status: 'accepted', providerSid: 'SMdddddddddddddddddddddddddddddddd' },
      { status: 'accepted', providerSid: 'SMdddddddddddddddddddddddddddddddd' },
    ]);
  });

  it('does not send a message that already has a provider SID', async () => {
    const { useCase, names } = build({ message: outboundMessage({ providerSid: 'SMeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }) });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound']);
  });

  it.each(['queued', 'sent', 'delivered', 'failed'] as const)('does not send a message whose status is %s', async (status) => {
    const { useCase, names } = build({ message: outboundMessage({ status }) });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound']);
  });

  it('does nothing when the message is not a stored outbound message', async () => {
    const { useCase, names } = build({ message: null });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound']);
  });

  it('records the SID Twilio has for an earlier attempt that timed out, instead of sending again', async () => {
    const attemptedAt = new Date('2025-01-01T11:59:00Z');
    const { useCase, names, recorded } = build({
      message: outboundMessage({ sendAttemptedAt: attemptedAt, sendLookupAfter: attemptedAt, sendAttempts: 1 }),
      listed: async () => listedAs([{ sid: 'SMffffffffffffffffffffffffffffffff', body: 'Olá! Como posso ajudar?', at: attemptedAt, status: 'sent' }]),
    });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).not.toContain('twilio.send');
    expect(recorded()).toEqual([{ status: 'sent', providerSid: 'SMffffffffffffffffffffffffffffffff' }]);
  });

  it('records a failure without sending when the sending number no longer exists', async () => {
    const { useCase, names, recorded } = build({ account: null });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound', 'accounts.forNumber', 'delivery.record']);
    expect(recorded()).toEqual([{ status: 'failed', errorMessage: 'sending number no longer exists' }]);
  });

  it('records a failure with a clear error and never calls Twilio when the sending number is disabled', async () => {
    const { useCase, names, recorded } = build({ account: 'disabled' });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).resolves.toBeUndefined();

    expect(names()).toEqual(['delivery.outbound', 'accounts.forNumber', 'delivery.record']);
    expect(recorded()).toEqual([
      { status: 'failed', errorCode: NUMBER_DISABLED, errorMessage: 'The sending WhatsApp number is disabled; enable it to send from it' },
    ]);
  });

  it.each([
    ['a server error', 500],
    ['a rate limit', 429],
    ['a network failure', undefined],
  ])('rethrows %s for the queue to retry while retries remain, recording nothing', async (_label, httpStatus) => {
    const error = new TwilioSendError('Twilio is unavailable', httpStatus, undefined);
    const { useCase, sends, recorded } = build({ send: failsWith(error) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toBe(error);
    expect(sends()).toHaveLength(1);
    expect(recorded()).toEqual([]);
  });

  it.each([
    ['a server error', 500, 'HTTP_500'],
    ['a rate limit', 429, 'HTTP_429'],
    ['a network failure', undefined, 'NETWORK'],
  ])('records %s as a final failure on the last attempt', async (_label, httpStatus, errorCode) => {
    const { useCase, recorded } = build({ send: failsWith(new TwilioSendError('Twilio is unavailable', httpStatus, undefined)) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: false })).resolves.toBeUndefined();
    expect(recorded()).toEqual([{ status: 'failed', errorCode, errorMessage: 'Twilio is unavailable' }]);
  });

  it('records an invalid destination number (400, code 21211) as failed at once, without a retry', async () => {
    const error = new TwilioSendError("The 'To' number is not a valid phone number.", 400, 21211);
    const { useCase, sends, recorded } = build({ send: failsWith(error) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).resolves.toBeUndefined();
    expect(sends()).toHaveLength(1);
    expect(recorded()).toEqual([{ status: 'failed', errorCode: '21211', errorMessage: "The 'To' number is not a valid phone number." }]);
  });

  it('prefers Twilio\'s error code over the HTTP status when recording a final failure', async () => {
    const { useCase, recorded } = build({ send: failsWith(new TwilioSendError('Too many requests', 429, 20429)) });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: false });

    expect(recorded()).toEqual([{ status: 'failed', errorCode: '20429', errorMessage: 'Too many requests' }]);
  });

  it('keeps at most 1000 characters of a failure message', async () => {
    const { useCase, recorded } = build({ send: failsWith(new TwilioSendError('x'.repeat(5000), 400, 21610)) });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(recorded()[0]?.errorMessage).toHaveLength(1000);
  });

  it('rethrows an error that is not a Twilio send failure without recording it', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const { useCase, names } = build({ send: failsWith(bug) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: false })).rejects.toBe(bug);
    expect(names()).not.toContain('delivery.record');
  });

  describe("under the channel's rules", () => {
    const TEMPLATE: SendPlan = { kind: 'template', contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: { message: 'Olá! Como posso ajudar?' } };
    const WINDOW_CLOSED = new TwilioSendError('Message failed: outside the allowed window', 400, 63016);

    it('sends nothing that the rules refuse, and stores it as failed with their code', async () => {
      const { useCase, sends, recorded } = build({ account: ACCOUNT, plan: { kind: 'refused', errorCode: 'CONTACT_OPTED_OUT', errorMessage: 'opted out' } });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()).toEqual([]);
      expect(recorded()).toEqual([{ status: 'failed', errorCode: 'CONTACT_OPTED_OUT', errorMessage: 'opted out' }]);
    });

    it('sends the template (ContentSid and variables) when the rules say so', async () => {
      const { useCase, sends } = build({ send: accepted(), plan: TEMPLATE });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()[0]?.[1]).toMatchObject({ template: { contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: { message: 'Olá! Como posso ajudar?' } } });
    });

    it("retries once as the purpose's template when Twilio answers 63016 to a free-form send", async () => {
      let call = 0;
      const { useCase, sends, recorded } = build({ send: async () => (call++ === 0 ? Promise.reject(WINDOW_CLOSED) : { sid: 'SMdddddddddddddddddddddddddddddddd', status: 'queued' }), afterWindow: TEMPLATE });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends().map((c) => (c[1] as OutboundSend).template ?? null)).toEqual([null, { contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: { message: 'Olá! Como posso ajudar?' } }]);
      expect(recorded()).toEqual([{ status: 'queued', providerSid: 'SMdddddddddddddddddddddddddddddddd' }]);
    });

    it('stores 63016 as the failure when the tenant has no template for the purpose', async () => {
      const { useCase, sends, recorded } = build({ send: failsWith(WINDOW_CLOSED) });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()).toHaveLength(1);
      expect(recorded()).toEqual([{ status: 'failed', errorCode: '63016', errorMessage: 'Message failed: outside the allowed window' }]);
    });
  });

  describe('when an earlier attempt may or may not have reached Twilio', () => {
    const attemptedAt = new Date('2025-01-01T11:59:00Z');
    const inFlight = (overrides: Partial<Message> = {}) => outboundMessage({ sendAttemptedAt: attemptedAt, sendLookupAfter: attemptedAt, sendAttempts: 1, ...overrides });

    it("waits a margin after a 5xx, then sends once more when Twilio's list certainly does not hold it", async () => {
      let call = 0;
      const { useCase, sends, recorded, clock } = build({
        send: async () => (call++ === 0 ? Promise.reject(new TwilioSendError('Internal error', 500, 20500)) : { sid: 'SM1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', status: 'queued' }),
      });
      const run = () => useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      await expect(run()).rejects.toMatchObject({ httpStatus: 500 });
      await expect(run()).rejects.toEqual(new SendDeferred(10_000));
      clock.advance(10_000);
      await run();

      expect(sends()).toHaveLength(2);
      expect(recorded()).toEqual([{ status: 'queued', providerSid: 'SM1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }]);
    });

    it("sends nothing while Twilio's list cannot be read, and on the last try stores the message as failed with SEND_UNCERTAIN", async () => {
      const unreadable = new TwilioSendError('Service unavailable', 503, 20503);
      const { useCase, names, recorded } = build({ message: inFlight(), listed: () => Promise.reject(unreadable) });

      await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toBe(unreadable);
      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: false });

      expect(names()).not.toContain('twilio.send');
      expect(recorded()).toEqual([{ status: 'failed', errorCode: SEND_UNCERTAIN, errorMessage: expect.stringContaining('not sent again') }]);
    });

    it('finds an earlier template send by its window alone: Twilio renders the body itself', async () => {
      const { useCase, names, recorded } = build({
        message: inFlight({ sendAttemptContentSid: 'HX0123456789abcdef0123456789abcdef' }),
        listed: async () => listedAs([{ sid: 'SM2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', body: 'Olá Ana, sua resposta: Olá! Como posso ajudar?', at: attemptedAt }]),
      });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(names()).not.toContain('twilio.send');
      expect(recorded()).toEqual([{ status: 'queued', providerSid: 'SM2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }]);
    });

    it("does not take another message's send for this one, and sends when nothing else matches", async () => {
      const { useCase, sends } = build({
        message: inFlight(),
        knownSids: ['SM3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
        listed: async () => listedAs([{ sid: 'SM3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', body: 'Olá! Como posso ajudar?', at: attemptedAt }]),
        send: accepted('SM4aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
      });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()).toHaveLength(1);
    });

    it('does not count a send as found when its body differs from what was attempted', async () => {
      const { useCase, sends } = build({
        message: inFlight(),
        listed: async () => listedAs([{ sid: 'SM5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', body: 'Outra resposta', at: attemptedAt }]),
        send: accepted(),
      });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()).toHaveLength(1);
    });

    it('sends nothing when another worker began a newer attempt while this one looked at the list', async () => {
      let other: (() => void) | undefined;
      const { useCase, sends, current } = build({
        message: inFlight(),
        listed: async () => {
          other?.();
          return [];
        },
        send: accepted(),
      });
      other = () => Object.assign(current()!, { sendAttemptedAt: new Date('2025-01-01T12:00:01Z') });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(sends()).toEqual([]);
    });

    it('stops sending once the message was handed to Twilio as often as a job has attempts, across jobs', async () => {
      const { useCase, recorded } = build({ message: inFlight({ sendAttempts: 5 }), listed: async () => [], send: failsWith(new TwilioSendError('Internal error', 500, 20500)) });

      await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

      expect(recorded()).toEqual([{ status: 'failed', errorCode: '20500', errorMessage: 'Internal error' }]);
    });
  });
});
