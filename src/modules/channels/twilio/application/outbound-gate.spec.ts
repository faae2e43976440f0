import { Logger } from '@nestjs/common';
import { DEFAULT_CHANNEL_SETTINGS } from '../domain/channel-settings';
import type { WhatsappTemplate } from '../domain/whatsapp-template';
import type { ChannelSettingsQueries } from './channel-settings-queries';
import { OutboundGate } from './outbound-gate';
import type { OutboundContexts, OutboundMessageContext } from './ports/outbound-context.port';
import type { WhatsappTemplateRepository } from './ports/whatsapp-template.repository.port';
import { strict } from '@test/support/strict-fake';

const NOW = new Date('2025-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

function context(over: Partial<OutboundMessageContext> = {}): OutboundMessageContext {
  return {
    contactId: 'contact-1',
    optedOutAt: null,
    lastInboundAt: hoursAgo(1),
    contactName: 'Maria',
    businessName: 'Padaria',
    conversationState: 'WAITING_USER',
    author: 'ai',
    body: 'Abrimos às 8h.',
    replyToBody: 'Que horas abrem?',
    templateId: null,
    contentVariables: null,
    ...over,
  };
}

function template(over: Partial<WhatsappTemplate> = {}): WhatsappTemplate {
  const at = new Date('2025-01-01T00:00:00Z');
  return { id: 'tpl-1', tenantId: 't', name: 'seguir', contentSid: 'HX0123456789abcdef0123456789abcdef', purpose: 'ai_follow_up', variables: [{ key: 'message', description: '' }], bodyPreview: null, enabled: true, createdAt: at, updatedAt: at, ...over };
}

function build(ctx: OutboundMessageContext | null, templates: WhatsappTemplate[] = []) {
  const used: [string, Record<string, string>][] = [];
  const asked: string[] = [];
  const gate = new OutboundGate(
    strict<OutboundContexts>('OutboundContexts', {
      forMessage: async () => ctx,
      useTemplate: async (_t: string, _m: string, templateId: string, vars: Record<string, string>) => void used.push([templateId, vars]),
    }),
    strict<WhatsappTemplateRepository>('WhatsappTemplateRepository', {
      enabledFor: async (_t: string, purpose: string) => (asked.push(purpose), templates.find((t) => t.purpose === purpose && t.enabled) ?? null),
      findById: async (_t: string, id: string) => templates.find((t) => t.id === id) ?? null,
    }),
    strict<ChannelSettingsQueries>('ChannelSettingsQueries', { forTenant: async () => ({ ...DEFAULT_CHANNEL_SETTINGS }) }),
  );
  return { plan: () => gate.plan('t', 'msg-1', NOW), afterRefusal: () => gate.afterWindowRefusal('t', 'msg-1'), used, asked };
}

describe('OutboundGate', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('lets a message inside the window go free-form', async () => {
    await expect(build(context()).plan()).resolves.toEqual({ kind: 'free_form' });
  });

  it("sends a message outside the window as the enabled template for its purpose, recording the choice", async () => {
    const { plan, used, asked } = build(context({ lastInboundAt: hoursAgo(25) }), [template()]);

    await expect(plan()).resolves.toEqual({ kind: 'template', contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: { message: 'Abrimos às 8h.' } });
    expect(asked).toEqual(['ai_follow_up']);
    expect(used).toEqual([['tpl-1', { message: 'Abrimos às 8h.' }]]);
  });

  it('refuses a message outside the window without a template, naming the purpose to register', async () => {
    const { plan } = build(context({ lastInboundAt: hoursAgo(25), author: 'system', conversationState: 'HANDOFF_PENDING' }));

    await expect(plan()).resolves.toEqual({ kind: 'refused', errorCode: 'OUTSIDE_WINDOW', errorMessage: expect.stringContaining('"handoff_follow_up"') });
  });

  it('refuses anything to an opted-out contact, even inside the window or as a chosen template', async () => {
    const optedOut = { optedOutAt: hoursAgo(2) };
    await expect(build(context(optedOut)).plan()).resolves.toMatchObject({ kind: 'refused', errorCode: 'CONTACT_OPTED_OUT' });
    await expect(build(context({ ...optedOut, templateId: 'tpl-1' }), [template()]).plan()).resolves.toMatchObject({ kind: 'refused', errorCode: 'CONTACT_OPTED_OUT' });
  });

  it('lets through the system confirmation that answers the opt-out keyword itself', async () => {
    await expect(build(context({ optedOutAt: hoursAgo(0), author: 'system', replyToBody: 'STOP' })).plan()).resolves.toEqual({ kind: 'free_form' });
    await expect(build(context({ optedOutAt: hoursAgo(0), author: 'ai', replyToBody: 'STOP' })).plan()).resolves.toMatchObject({ kind: 'refused' });
  });

  it("sends the agent's chosen template with its stored variables, unless it was disabled meanwhile", async () => {
    const chosen = context({ author: 'agent', templateId: 'tpl-2', contentVariables: { '1': 'Maria' }, lastInboundAt: hoursAgo(30) });
    await expect(build(chosen, [template({ id: 'tpl-2', purpose: 'other' })]).plan()).resolves.toEqual({ kind: 'template', contentSid: 'HX0123456789abcdef0123456789abcdef', contentVariables: { '1': 'Maria' } });
    await expect(build(chosen, [template({ id: 'tpl-2', enabled: false })]).plan()).resolves.toMatchObject({ kind: 'refused', errorCode: 'TEMPLATE_UNUSABLE' });
  });

  it("offers the purpose's template after Twilio's 63016 only for a message not already sent as one", async () => {
    await expect(build(context(), [template()]).afterRefusal()).resolves.toMatchObject({ kind: 'template' });
    await expect(build(context({ templateId: 'tpl-1' }), [template()]).afterRefusal()).resolves.toBeNull();
    await expect(build(context()).afterRefusal()).resolves.toBeNull();
  });
});
