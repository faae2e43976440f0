import { Injectable, Logger } from '@nestjs/common';
import { AnswerWithNotice } from '@modules/conversation/application/answer-with-notice.use-case';
import { consentCommandOf, consentConfirmation } from '../domain/consent-keywords';
import type { ChannelSettings } from '../domain/channel-settings';
import { ContactConsent } from './ports/contact-consent.port';

export interface InboundForConsent {
  tenantId: string;
  messageId: string;
  /** The contact's phone number, as the contact is stored. */
  phoneNumber: string;
  body: string;
  correlationId: string;
}

/**
 * 'answered_here': the message was an opt-out or opt-in keyword (confirmed once), or comes from a
 * contact who opted out: it never reaches the AI. 'for_the_ai': anything else.
 */
export type ConsentOutcome = 'answered_here' | 'for_the_ai';

/** Every inbound: records when the contact last wrote, and applies the opt-out and opt-in keywords. */
@Injectable()
export class ApplyConsentKeyword {
  private readonly logger = new Logger(ApplyConsentKeyword.name);

  constructor(
    private readonly consent: ContactConsent,
    private readonly notice: AnswerWithNotice,
  ) {}

  async execute(inbound: InboundForConsent, settings: ChannelSettings): Promise<ConsentOutcome> {
    const standing = await this.consent.inboundArrived(inbound.tenantId, inbound.phoneNumber);
    const command = consentCommandOf(inbound.body, settings);
    const log = { messageId: inbound.messageId, contactId: standing.contactId };
    if (command === 'opt_out') {
      const changed = await this.consent.optOut(inbound.tenantId, standing.contactId);
      // Confirmed once: a second STOP is stored and handled silently.
      await this.answer(inbound, changed ? consentConfirmation('opt_out', settings.optInKeywords) : null);
      this.logger.log({ ...log, changed }, 'contact opted out');
      return 'answered_here';
    }
    if (standing.optedOutAt === null) return 'for_the_ai';
    if (command === 'opt_in' && (await this.consent.optIn(inbound.tenantId, standing.contactId))) {
      await this.answer(inbound, consentConfirmation('opt_in', settings.optInKeywords));
      this.logger.log(log, 'contact opted back in');
      return 'answered_here';
    }
    await this.answer(inbound, null);
    this.logger.log(log, 'stored without an answer: the contact opted out');
    return 'answered_here';
  }

  private answer(inbound: InboundForConsent, text: string | null): Promise<boolean> {
    return this.notice.execute({ tenantId: inbound.tenantId, inboundMessageId: inbound.messageId, correlationId: inbound.correlationId, text });
  }
}
