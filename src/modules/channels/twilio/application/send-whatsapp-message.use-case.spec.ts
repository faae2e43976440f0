import { Logger } from '@nestjs/common';
import type { MessageDelivery } from '@modules/conversation/application/message-delivery';
import type { OutboundDelivery } from '@modules/conversation/application/ports/message.repository.port';
import type { Message } from '@modules/conversation/domain/message';
import type { AcceptedSendLedger } from './ports/accepted-send-ledger.port';
import { OutboundSend, TwilioMessaging, TwilioSendError } from './ports/twilio-messaging.port';
import type { OutboundGate, SendPlan } from './outbound-gate';
import { NUMBER_DISABLED, SendWhatsappMessage } from './send-whatsapp-message.use-case';
import type { SendingAccount, SendingAccountResolver } from './sending-account-resolver';
import { strict } from '@test/support/strict-fake';

const TENANT = 'tenant-1';
const MESSAGE_ID = 'msg-42';
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
  | ['ledger.find', string]
  | ['ledger.remember', string, { sid: string; status: string }]
  | ['accounts.forNumber', string, string]
  | ['twilio.send', OutboundSend];

interface Setup {
  message?: Message | null;
  ledgerHas?: { sid: string; status: string } | null;
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
  const remembered = new Map<string, { sid: string; status: string }>();

  const deliveryMethods: Record<string, (...args: never[]) => unknown> = {
    outbound: async (tenantId: string, messageId: string) => {
      calls.push(['delivery.outbound', tenantId, messageId]);
      return setup.message === undefined ? outboundMessage() : setup.message;
    },
  };
  const ledgerMethods: Record<string, (...args: never[]) => unknown> = {};
  const accountMethods: Record<string, (...args: never[]) => unknown> = {};
  const twilioMethods: Record<string, (...args: never[]) => unknown> = {};

  const reachesLedger = setup.ledgerHas !== undefined || setup.account !== undefined || setup.send !== undefined;
  if (reachesLedger) {
    ledgerMethods.find = async (messageId: string) => {
      calls.push(['ledger.find', messageId]);
      return remembered.get(messageId) ?? setup.ledgerHas ?? null;
    };
  }
  if (setup.account !== undefined || setup.send !== undefined) {
    accountMethods.forNumber = async (tenantId: string, numberId: string) => {
      calls.push(['accounts.forNumber', tenantId, numberId]);
      const account = setup.account === undefined ? ACCOUNT : setup.account;
      if (account === null) return { status: 'missing' };
      return account === 'disabled' ? { status: 'disabled' } : { status: 'active', account };
    };
  }
  if (setup.send) {
    const send = setup.send;
    twilioMethods.send = async (message: OutboundSend) => {
      calls.push(['twilio.send', message]);
      return send();
    };
    ledgerMethods.remember = async (messageId: string, accepted: { sid: string; status: string }) => {
      calls.push(['ledger.remember', messageId, accepted]);
      remembered.set(messageId, accepted);
    };
  }
  if (reachesLedger) {
    deliveryMethods.record = async (tenantId: string, messageId: string, delivery: OutboundDelivery) => {
      calls.push(['delivery.record', tenantId, messageId, delivery]);
      if (setup.record) await setup.record();
    };
  }

  const useCase = new SendWhatsappMessage(
    strict<MessageDelivery>('MessageDelivery', deliveryMethods),
    strict<SendingAccountResolver>('SendingAccountResolver', accountMethods),
    strict<TwilioMessaging>('TwilioMessaging', twilioMethods),
    strict<AcceptedSendLedger>('AcceptedSendLedger', ledgerMethods),
    strict<OutboundGate>('OutboundGate', {
      plan: async () => setup.plan ?? { kind: 'free_form' },
      afterWindowRefusal: async () => setup.afterWindow ?? null,
    }),
  );
  const names = () => calls.map((call) => call[0]);
  const recorded = () => calls.flatMap((call) => (call[0] === 'delivery.record' ? [call[3]] : []));
  const sends = () => calls.filter((call) => call[0] === 'twilio.send');
  return { useCase, calls, names, recorded, sends };
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
        { ...ACCOUNT, from: 'whatsapp:+14155238886', to: 'whatsapp:+5511999990000', body: 'Olá! Como posso ajudar?' },
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

  it('remembers the accepted send in the ledger before writing it to the database', async () => {
    const { useCase, names } = build({ send: accepted() });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound', 'ledger.find', 'accounts.forNumber', 'twilio.send', 'ledger.remember', 'delivery.record']);
  });

  it('does not send again when the database write failed after Twilio accepted the message', async () => {
    let failRecord = true;
    const { useCase, sends, recorded } = build({
      send: accepted('SMdddddddddddddddddddddddddddddddd', 'accepted'),
      record: async () => {
        if (failRecord) {
          failRecord = false;
          throw new Error('database unavailable');
        }
      },
    });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toThrow('database unavailable');
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

  it('records the ledger\'s SID instead of sending when Twilio already accepted the message', async () => {
    const { useCase, names, recorded } = build({ ledgerHas: { sid: 'SMffffffffffffffffffffffffffffffff', status: 'sent' } });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound', 'ledger.find', 'delivery.record']);
    expect(recorded()).toEqual([{ status: 'sent', providerSid: 'SMffffffffffffffffffffffffffffffff' }]);
  });

  it('records a failure without sending when the sending number no longer exists', async () => {
    const { useCase, names, recorded } = build({ account: null });

    await useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true });

    expect(names()).toEqual(['delivery.outbound', 'ledger.find', 'accounts.forNumber', 'delivery.record']);
    expect(recorded()).toEqual([{ status: 'failed', errorMessage: 'sending number no longer exists' }]);
  });

  it('records a failure with a clear error and never calls Twilio when the sending number is disabled', async () => {
    const { useCase, names, recorded } = build({ account: 'disabled' });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).resolves.toBeUndefined();

    expect(names()).toEqual(['delivery.outbound', 'ledger.find', 'accounts.forNumber', 'delivery.record']);
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
    const { useCase, names } = build({ send: failsWith(error) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: true })).rejects.toBe(error);
    expect(names()).toEqual(['delivery.outbound', 'ledger.find', 'accounts.forNumber', 'twilio.send']);
  });

  it.each([
    ['a server error', 500, 'HTTP_500'],
    ['a rate limit', 429, 'HTTP_429'],
    ['a network failure', undefined, 'NETWORK'],
  ])('records %s as a final failure on the last attempt', async (_label, httpStatus, errorCode) => {
    const { useCase, names, recorded } = build({ send: failsWith(new TwilioSendError('Twilio is unavailable', httpStatus, undefined)) });

    await expect(useCase.execute({ tenantId: TENANT, messageId: MESSAGE_ID, mayRetry: false })).resolves.toBeUndefined();
    expect(names()).not.toContain('ledger.remember');
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
});
