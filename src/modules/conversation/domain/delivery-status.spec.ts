import { mayMoveTo, statusesThatMayMoveTo, statusOfParts, toDeliveryStatus } from './delivery-status';

describe('delivery status', () => {
  it('only moves forward: queued → sent → delivered → read', () => {
    expect(mayMoveTo('queued', 'sent')).toBe(true);
    expect(mayMoveTo('sent', 'read')).toBe(true);
    expect(mayMoveTo('delivered', 'sent')).toBe(false);
    expect(mayMoveTo('read', 'delivered')).toBe(false);
    expect(mayMoveTo('sent', 'sent')).toBe(false);
  });

  it('takes a failure until the message was delivered, and nothing after a failure', () => {
    expect(mayMoveTo('pending', 'failed')).toBe(true);
    expect(mayMoveTo('sent', 'undelivered')).toBe(true);
    expect(mayMoveTo('delivered', 'failed')).toBe(false);
    expect(mayMoveTo('failed', 'read')).toBe(false);
    expect(mayMoveTo('undelivered', 'failed')).toBe(false);
  });

  it('never applies a delivery status to an inbound message', () => {
    expect(mayMoveTo('received', 'read')).toBe(false);
    expect(statusesThatMayMoveTo('delivered')).toEqual(['pending', 'accepted', 'queued', 'sending', 'sent']);
  });

  it("reads Twilio's status names, and nothing else", () => {
    expect(toDeliveryStatus('Delivered')).toBe('delivered');
    expect(toDeliveryStatus('pending')).toBeNull();
    expect(toDeliveryStatus('received')).toBeNull();
  });

  it('gives a split message the status of its least advanced part, or the first failure', () => {
    expect(statusOfParts([{ status: 'read', errorCode: null }, { status: 'sent', errorCode: null }])).toEqual({ status: 'sent', errorCode: null });
    expect(statusOfParts([{ status: 'read', errorCode: null }, { status: 'undelivered', errorCode: '63024' }])).toEqual({ status: 'undelivered', errorCode: '63024' });
    expect(statusOfParts([])).toEqual({ status: 'pending', errorCode: null });
  });
});
