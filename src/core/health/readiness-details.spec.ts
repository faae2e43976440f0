import { Logger } from '@nestjs/common';
import { ReadinessDetails } from './readiness-details';

describe('ReadinessDetails', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('collects every registered section by name', async () => {
    const details = new ReadinessDetails();
    details.register('ai', async () => ({ breakers: { 'openai:gpt-4o-mini': 'open' } }));

    expect(await details.collect()).toEqual({ ai: { breakers: { 'openai:gpt-4o-mini': 'open' } } });
  });

  it('reports a failing source as unavailable instead of failing the probe', async () => {
    const details = new ReadinessDetails();
    details.register('ai', async () => {
      throw new Error('Connection is closed.');
    });

    expect(await details.collect()).toEqual({ ai: 'unavailable: Connection is closed.' });
  });

  it('refuses a name that would hide a field of the response', () => {
    expect(() => new ReadinessDetails().register('checks', async () => ({}))).toThrow(/checks/);
  });
  it('shows a section registered on request only when it is asked for', async () => {
    const details = new ReadinessDetails();
    details.register('ai', async () => ({ breakers: {} }));
    details.register('messages', async () => ({ inboundAwaitingAnswer: 2 }), { onRequest: true });
    expect(await details.collect()).toEqual({ ai: { breakers: {} } });
    expect(await details.collect(['messages'])).toEqual({ ai: { breakers: {} }, messages: { inboundAwaitingAnswer: 2 } });
  });
});
