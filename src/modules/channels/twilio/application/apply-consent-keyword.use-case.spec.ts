import { Logger } from '@nestjs/common';
import type { AnswerWithNotice, NoticeCommand } from '@modules/conversation/application/answer-with-notice.use-case';
import { DEFAULT_CHANNEL_SETTINGS } from '../domain/channel-settings';
import { ApplyConsentKeyword } from './apply-consent-keyword.use-case';
import type { ContactConsent } from './ports/contact-consent.port';
import { strict } from '@test/support/strict-fake';

const SETTINGS = { ...DEFAULT_CHANNEL_SETTINGS };

function build(optedOutAt: Date | null) {
  const log: string[] = [];
  const notices: (string | null)[] = [];
  let optedOut = optedOutAt;
  const consent = strict<ContactConsent>('ContactConsent', {
    inboundArrived: async (_tenantId: string, phone: string) => (log.push(`arrived ${phone}`), { contactId: 'contact-1', optedOutAt }),
    optOut: async () => {
      log.push('optOut');
      const changed = optedOut === null;
      optedOut = optedOut ?? new Date();
      return changed;
    },
    optIn: async () => {
      log.push('optIn');
      const changed = optedOut !== null;
      optedOut = null;
      return changed;
    },
  });
  const notice = strict<AnswerWithNotice>('AnswerWithNotice', { execute: async (command: NoticeCommand) => (notices.push(command.text), true) });
  const useCase = new ApplyConsentKeyword(consent, notice);
  const inbound = (body: string) => ({ tenantId: 'tenant-1', messageId: 'msg-1', phoneNumber: '+5511999990000', body, correlationId: 'corr-1' });
  return { useCase, inbound, log, notices };
}

describe('ApplyConsentKeyword', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('records the inbound for the 24-hour window and leaves ordinary text to the AI', async () => {
    const { useCase, inbound, log, notices } = build(null);

    await expect(useCase.execute(inbound('Vocês abrem amanhã?'), SETTINGS)).resolves.toBe('for_the_ai');

    expect(log).toEqual(['arrived +5511999990000']);
    expect(notices).toEqual([]);
  });

  it('opts the contact out on STOP and confirms it once, with the way back', async () => {
    const { useCase, inbound, log, notices } = build(null);

    await expect(useCase.execute(inbound('STOP'), SETTINGS)).resolves.toBe('answered_here');

    expect(log).toEqual(['arrived +5511999990000', 'optOut']);
    expect(notices).toEqual([expect.stringContaining('envie VOLTAR')]);
  });

  it('handles a second STOP without a second confirmation', async () => {
    const { useCase, inbound, notices } = build(new Date('2025-01-01T00:00:00Z'));

    await expect(useCase.execute(inbound('sair'), SETTINGS)).resolves.toBe('answered_here');

    expect(notices).toEqual([null]);
  });

  it("keeps an opted-out contact's other messages from the AI, answering nothing", async () => {
    const { useCase, inbound, notices } = build(new Date('2025-01-01T00:00:00Z'));

    await expect(useCase.execute(inbound('Qual o preço?'), SETTINGS)).resolves.toBe('answered_here');

    expect(notices).toEqual([null]);
  });

  it('opts an opted-out contact back in on VOLTAR, confirmed; from anyone else "voltar" is just text', async () => {
    const optedOut = build(new Date('2025-01-01T00:00:00Z'));
    await expect(optedOut.useCase.execute(optedOut.inbound('Voltar'), SETTINGS)).resolves.toBe('answered_here');
    expect(optedOut.log).toContain('optIn');
    expect(optedOut.notices).toEqual([expect.stringContaining('voltará a receber')]);

    const subscribed = build(null);
    await expect(subscribed.useCase.execute(subscribed.inbound('voltar'), SETTINGS)).resolves.toBe('for_the_ai');
    expect(subscribed.log).not.toContain('optIn');
  });
});
