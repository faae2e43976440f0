import { burstKey, burstMessages, burstOf, BurstMessage } from './burst';

function msg(id: string, second: number, overrides: Partial<BurstMessage> = {}): BurstMessage {
  return { id, tenantId: 't1', whatsappNumberId: 'n1', fromAddress: 'whatsapp:+5511999990000', createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, second)), ...overrides };
}

describe('burst', () => {
  it('answers the newest message with the older unanswered ones as its context, oldest first', () => {
    const burst = burstOf([msg('b', 2), msg('c', 3), msg('a', 1)]);
    expect(burst?.last.id).toBe('c');
    expect(burst?.earlier.map((m) => m.id)).toEqual(['a', 'b']);
    expect(burstMessages(burst!).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('is a single message when only one is unanswered, and nothing when none is', () => {
    expect(burstOf([msg('a', 1)])).toEqual({ last: msg('a', 1), earlier: [] });
    expect(burstOf([])).toBeNull();
  });

  it('keeps the stored order of messages with the same timestamp', () => {
    const burst = burstOf([msg('x', 1), msg('y', 1), msg('z', 1)]);
    expect(burstMessages(burst!).map((m) => m.id)).toEqual(['x', 'y', 'z']);
  });

  it('keys a burst by tenant, number and the contact address, so two contacts or numbers never share a run', () => {
    expect(burstKey(msg('a', 1))).toBe('t1:n1:whatsapp:+5511999990000');
    expect(burstKey(msg('a', 1, { whatsappNumberId: 'n2' }))).not.toBe(burstKey(msg('a', 1)));
    expect(burstKey(msg('a', 1, { fromAddress: 'whatsapp:+5511888880000' }))).not.toBe(burstKey(msg('a', 1)));
  });
});
