import type { Contact } from '../domain/contact';
import { exportRecord, PersonalDataRegistry, PersonalDataSource } from './personal-data';

class FakeSource extends PersonalDataSource {
  constructor(
    readonly section: string,
    override readonly references: readonly string[] = [],
    override readonly transactional = true,
  ) {
    super();
  }

  export(_tenantId: string, _contact: Contact): Promise<unknown> {
    throw new Error('unexpected call: export');
  }

  erase(_tenantId: string, _contact: Contact): Promise<number> {
    throw new Error('unexpected call: erase');
  }
}

const sections = (sources: readonly PersonalDataSource[]) => sources.map((s) => s.section);

describe('PersonalDataRegistry', () => {
  it('erases a section before every section it references, whatever the registration order', () => {
    const registry = new PersonalDataRegistry();
    registry.register(new FakeSource('conversations'));
    registry.register(new FakeSource('sandboxMessages'));
    registry.register(new FakeSource('messages', ['conversations']));
    registry.register(new FakeSource('aiResults', ['conversations', 'messages']));

    const order = sections(registry.eraseOrder());

    expect(order).toHaveLength(4);
    expect(order.indexOf('aiResults')).toBeLessThan(order.indexOf('messages'));
    expect(order.indexOf('aiResults')).toBeLessThan(order.indexOf('conversations'));
    expect(order.indexOf('messages')).toBeLessThan(order.indexOf('conversations'));
  });

  it('erases stores outside the database after every database source', () => {
    const registry = new PersonalDataRegistry();
    registry.register(new FakeSource('sessionWindow', [], false));
    registry.register(new FakeSource('conversations'));
    registry.register(new FakeSource('messages', ['conversations']));

    expect(sections(registry.eraseOrder())).toEqual(['messages', 'conversations', 'sessionWindow']);
  });

  it('refuses a section registered twice, or one named like a key of the export document', () => {
    const registry = new PersonalDataRegistry();
    registry.register(new FakeSource('messages'));
    expect(() => registry.register(new FakeSource('messages'))).toThrow(/twice/);
    for (const reserved of ['contact', 'exportedAt', 'tenantId']) expect(() => registry.register(new FakeSource(reserved))).toThrow(/reserved/);
  });

  it('refuses to order sections that reference each other in a cycle', () => {
    const registry = new PersonalDataRegistry();
    registry.register(new FakeSource('a', ['b']));
    registry.register(new FakeSource('b', ['a']));
    expect(() => registry.eraseOrder()).toThrow(/cycle/);
  });

  it('exports raw rows with camelCase column names, leaving nested values alone', () => {
    expect(exportRecord({ from_address: 'whatsapp:+5511999990000', raw_payload: { ProfileName: 'Maria', wa_id: '1' }, id: 'x' })).toEqual({
      fromAddress: 'whatsapp:+5511999990000',
      rawPayload: { ProfileName: 'Maria', wa_id: '1' },
      id: 'x',
    });
  });
});
