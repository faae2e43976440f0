import { Injectable, Logger } from '@nestjs/common';
import { OPTED_OUT_MESSAGE, outsideWindowMessage, SEND_REFUSALS } from '../domain/channel.errors';
import { consentCommandOf } from '../domain/consent-keywords';
import { purposeOf, routeOutbound } from '../domain/outbound-window';
import { automaticVariables } from '../domain/whatsapp-template';
import { ChannelSettingsQueries } from './channel-settings-queries';
import { OutboundContexts, OutboundMessageContext } from './ports/outbound-context.port';
import { WhatsappTemplateRepository } from './ports/whatsapp-template.repository.port';

export type SendPlan =
  | { kind: 'free_form' }
  | { kind: 'template'; contentSid: string; contentVariables: Record<string, string> }
  | { kind: 'refused'; errorCode: string; errorMessage: string };

/**
 * The channel's rules applied to every message right before it goes to Twilio, whoever wrote it:
 * never to a contact who opted out (except the confirmation of that very choice); free-form only
 * within 24 hours of the customer's last message, else as the tenant's enabled template for the
 * message's purpose, else refused with a reason.
 */
@Injectable()
export class OutboundGate {
  private readonly logger = new Logger(OutboundGate.name);

  constructor(
    private readonly contexts: OutboundContexts,
    private readonly templates: WhatsappTemplateRepository,
    private readonly settings: ChannelSettingsQueries,
  ) {}

  async plan(tenantId: string, messageId: string, now = new Date()): Promise<SendPlan> {
    const ctx = await this.contexts.forMessage(tenantId, messageId);
    if (!ctx) return { kind: 'free_form' };
    const route = routeOutbound(
      { optedOut: ctx.optedOutAt !== null, isConsentConfirmation: await this.confirmsConsent(tenantId, ctx), lastInboundAt: ctx.lastInboundAt, hasTemplate: ctx.templateId !== null },
      now,
    );
    if (route.kind === 'blocked_opted_out') return { kind: 'refused', errorCode: SEND_REFUSALS.optedOut, errorMessage: OPTED_OUT_MESSAGE };
    if (route.kind === 'free_form') return { kind: 'free_form' };
    if (route.kind === 'as_chosen_template') return this.chosenTemplate(tenantId, ctx);
    return (await this.automaticTemplate(tenantId, messageId, ctx)) ?? this.refusedOutsideWindow(ctx);
  }

  /** Twilio said the window is closed (63016) for a free-form send: the template for its purpose, once, or null. */
  async afterWindowRefusal(tenantId: string, messageId: string): Promise<SendPlan | null> {
    const ctx = await this.contexts.forMessage(tenantId, messageId);
    if (!ctx || ctx.templateId !== null) return null;
    return this.automaticTemplate(tenantId, messageId, ctx);
  }

  private async chosenTemplate(tenantId: string, ctx: OutboundMessageContext): Promise<SendPlan> {
    const template = await this.templates.findById(tenantId, ctx.templateId as string);
    if (!template?.enabled) return { kind: 'refused', errorCode: SEND_REFUSALS.templateUnusable, errorMessage: 'The template chosen for this message was disabled before it was sent' };
    return { kind: 'template', contentSid: template.contentSid, contentVariables: ctx.contentVariables ?? {} };
  }

  private async automaticTemplate(tenantId: string, messageId: string, ctx: OutboundMessageContext): Promise<SendPlan | null> {
    const template = await this.templates.enabledFor(tenantId, purposeOf(ctx.author, ctx.conversationState));
    if (!template) return null;
    const contentVariables = automaticVariables(template.variables, { message: ctx.body, contactName: ctx.contactName ?? '', businessName: ctx.businessName });
    await this.contexts.useTemplate(tenantId, messageId, template.id, contentVariables);
    this.logger.log({ messageId, templateId: template.id, purpose: template.purpose }, 'outside the 24-hour window: sent as a template');
    return { kind: 'template', contentSid: template.contentSid, contentVariables };
  }

  private refusedOutsideWindow(ctx: OutboundMessageContext): SendPlan {
    return { kind: 'refused', errorCode: SEND_REFUSALS.outsideWindow, errorMessage: outsideWindowMessage(purposeOf(ctx.author, ctx.conversationState)) };
  }

  private async confirmsConsent(tenantId: string, ctx: OutboundMessageContext): Promise<boolean> {
    if (ctx.optedOutAt === null || ctx.replyToBody === null || ctx.author !== 'system') return false;
    return consentCommandOf(ctx.replyToBody, await this.settings.forTenant(tenantId)) !== null;
  }
}
