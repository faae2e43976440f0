import { Injectable } from '@nestjs/common';
import { AgentReplyPlan, OutboundPolicy, RequestedTemplate } from '@modules/conversation/application/ports/outbound-policy.port';
import { ContactOptedOutError, OutsideWindowError, TemplateNotFoundError, TemplateUnusableError } from '../domain/channel.errors';
import { insideSessionWindow } from '../domain/outbound-window';
import { automaticVariables, renderPreview, variableMismatch } from '../domain/whatsapp-template';
import { OutboundContexts, RecipientContext } from './ports/outbound-context.port';
import { WhatsappTemplateRepository } from './ports/whatsapp-template.repository.port';

const VARIABLE_VALUE_MAX = 1024;

/** The channel's answer to "may this agent reply go out, and how": checked before it is stored, so a refusal is a 422. */
@Injectable()
export class ChannelOutboundPolicy extends OutboundPolicy {
  constructor(
    private readonly contexts: OutboundContexts,
    private readonly templates: WhatsappTemplateRepository,
  ) {
    super();
  }

  async planAgentReply(input: { tenantId: string; conversationId: string; body: string | null; template: RequestedTemplate | null }): Promise<AgentReplyPlan> {
    const recipient = await this.contexts.forConversation(input.tenantId, input.conversationId);
    if (recipient?.optedOutAt) throw new ContactOptedOutError();
    if (input.template) return this.chosen(input.tenantId, input.template, input.body);
    const body = input.body ?? '';
    if (!recipient || insideSessionWindow(recipient.lastInboundAt, new Date())) return { body, template: null };
    return this.automatic(input.tenantId, recipient, body);
  }

  private async chosen(tenantId: string, requested: RequestedTemplate, body: string | null): Promise<AgentReplyPlan> {
    const template = await this.templates.findById(tenantId, requested.templateId);
    if (!template) throw new TemplateNotFoundError();
    if (!template.enabled) throw new TemplateUnusableError(`The template "${template.name}" is disabled`);
    const notText = Object.entries(requested.variables).filter(([, v]) => typeof v !== 'string' || v.length > VARIABLE_VALUE_MAX);
    if (notText.length > 0) throw new TemplateUnusableError(`Variable values must be text of at most ${VARIABLE_VALUE_MAX} characters: ${notText.map(([k]) => k).join(', ')}`);
    const { missing, unknown } = variableMismatch(template.variables, requested.variables);
    if (missing.length > 0) throw new TemplateUnusableError(`The template "${template.name}" needs a value for: ${missing.join(', ')}`);
    if (unknown.length > 0) throw new TemplateUnusableError(`The template "${template.name}" has no variable: ${unknown.join(', ')}`);
    return { body: body ?? renderPreview(template, requested.variables), template: { templateId: template.id, contentVariables: requested.variables } };
  }

  private async automatic(tenantId: string, recipient: RecipientContext, body: string): Promise<AgentReplyPlan> {
    const template = await this.templates.enabledFor(tenantId, 'reopen_conversation');
    if (!template) throw new OutsideWindowError('reopen_conversation');
    const contentVariables = automaticVariables(template.variables, { message: body, contactName: recipient.contactName ?? '', businessName: recipient.businessName });
    return { body, template: { templateId: template.id, contentVariables } };
  }
}
