import type { Provider } from '@nestjs/common';
import { ApplyConsentKeyword } from '../application/apply-consent-keyword.use-case';
import { ChannelOutboundPolicy } from '../application/channel-outbound-policy';
import { OutboundGate } from '../application/outbound-gate';
import { ChannelSettingsWriter } from '../application/ports/channel-settings-writer.port';
import { ContactConsent } from '../application/ports/contact-consent.port';
import { OutboundContexts } from '../application/ports/outbound-context.port';
import { WhatsappTemplateRepository } from '../application/ports/whatsapp-template.repository.port';
import { UpdateChannelSettings } from '../application/update-channel-settings.use-case';
import { WhatsappTemplates } from '../application/whatsapp-templates.use-cases';
import { TypeOrmChannelSettingsWriter } from './typeorm-channel-settings.writer';
import { TypeOrmContactConsent } from './typeorm-contact-consent';
import { TypeOrmOutboundContexts } from './typeorm-outbound-contexts';
import { TypeOrmWhatsappTemplateRepository } from './typeorm-whatsapp-template.repository';

/** The outbound policy: templates, channel settings, opt-out and the 24-hour window. */
export const OUTBOUND_POLICY_PROVIDERS: Provider[] = [
  { provide: WhatsappTemplateRepository, useClass: TypeOrmWhatsappTemplateRepository },
  { provide: ChannelSettingsWriter, useClass: TypeOrmChannelSettingsWriter },
  { provide: ContactConsent, useClass: TypeOrmContactConsent },
  { provide: OutboundContexts, useClass: TypeOrmOutboundContexts },
  WhatsappTemplates,
  UpdateChannelSettings,
  ApplyConsentKeyword,
  OutboundGate,
  ChannelOutboundPolicy,
];
