import { InvalidMessageSidError } from '../domain/conversation.errors';
import { MessageRepository, NewInboundMessage } from './ports/message.repository.port';
import { RecordInboundMessage } from './record-inbound-message.use-case';

/**
 * In-memory MessageRepository that, like the database's unique index on (provider, provider_sid),
 * stores a delivery at most once. Only insertInboundOnce is expected; any other call fails the test.
 */
class InMemoryInboundMessages {
  readonly rows = new Map<string, { id: string; processed: boolean; message: NewInboundMessage }>();
  insertCalls = 0;
  private nextId = 1;

  async insertInboundOnce(message: NewInboundMessage): Promise<{ id: string; inserted: boolean; processed: boolean }> {
    this.insertCalls += 1;
    await Promise.resolve(); // let concurrent callers interleave, as they would against the database
    const existing = this.rows.get(message.providerSid);
    if (existing) return { id: existing.id, inserted: false, processed: existing.processed };
    const row = { id: `msg-${this.nextId++}`, processed: false, message };
    this.rows.set(message.providerSid, row);
    return { id: row.id, inserted: true, processed: false };
  }

  markAnswered(providerSid: string): void {
    const row = this.rows.get(providerSid);
    if (!row) throw new Error(`no stored message ${providerSid}`);
    row.processed = true;
  }

  asPort(): MessageRepository {
    return new Proxy(this, {
      get(target, property, receiver) {
        if (property === 'insertInboundOnce') return target.insertInboundOnce.bind(target);
        if (property === 'then') return undefined;
        return () => {
          throw new Error(`unexpected MessageRepository.${String(property)} call`);
        };
      },
    }) as unknown as MessageRepository;
  }
}

const SID = 'SM0123456789abcdef0123456789abcdef';

function inbound(overrides: Partial<NewInboundMessage> = {}): NewInboundMessage {
  return {
    tenantId: 'tenant-1',
    whatsappNumberId: 'number-1',
    providerSid: SID,
    body: 'Olá!',
    fromAddress: 'whatsapp:+5511999990000',
    toAddress: 'whatsapp:+14155238886',
    correlationId: 'corr-1',
    rawPayload: { MessageSid: SID, Body: 'Olá!' },
    ...overrides,
  };
}

describe('RecordInboundMessage', () => {
  let store: InMemoryInboundMessages;
  let useCase: RecordInboundMessage;

  beforeEach(() => {
    store = new InMemoryInboundMessages();
    useCase = new RecordInboundMessage(store.asPort());
  });

  it('stores the first delivery of a MessageSid and admits it as new', async () => {
    const result = await useCase.execute(inbound());

    expect(result).toEqual({ messageId: 'msg-1', admission: { kind: 'new' } });
    expect(store.rows.get(SID)?.message.body).toBe('Olá!');
  });

  it('answers a Twilio retry of the same MessageSid only once, requeueing it while still unanswered', async () => {
    const first = await useCase.execute(inbound());
    const retry = await useCase.execute(inbound({ correlationId: 'corr-2' }));

    expect(retry).toEqual({ messageId: first.messageId, admission: { kind: 'duplicate', requeue: true } });
    expect(store.rows.size).toBe(1);
  });

  it('drops a retry without requeueing once the message was answered', async () => {
    const first = await useCase.execute(inbound());
    store.markAnswered(SID);

    const retry = await useCase.execute(inbound());

    expect(retry).toEqual({ messageId: first.messageId, admission: { kind: 'duplicate', requeue: false } });
  });

  it('admits exactly one of five concurrent deliveries of the same MessageSid as new', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => useCase.execute(inbound())));

    expect(results.filter((r) => r.admission.kind === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.admission.kind === 'duplicate')).toHaveLength(4);
    expect(new Set(results.map((r) => r.messageId))).toEqual(new Set(['msg-1']));
    expect(store.insertCalls).toBe(5);
  });

  it('admits different MessageSids independently', async () => {
    const a = await useCase.execute(inbound());
    const b = await useCase.execute(inbound({ providerSid: 'MM0123456789abcdef0123456789abcdef' }));

    expect(a.admission).toEqual({ kind: 'new' });
    expect(b.admission).toEqual({ kind: 'new' });
    expect(a.messageId).not.toBe(b.messageId);
  });

  it.each(['', 'SM123', 'AC0123456789abcdef0123456789abcdef', 'not-a-sid'])(
    'refuses a malformed MessageSid %p without touching the store',
    async (providerSid) => {
      await expect(useCase.execute(inbound({ providerSid }))).rejects.toBeInstanceOf(InvalidMessageSidError);
      expect(store.insertCalls).toBe(0);
    },
  );
});
