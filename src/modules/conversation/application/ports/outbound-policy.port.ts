/** A template an agent picked for a reply, with the values of its variables. */
export interface RequestedTemplate {
  templateId: string;
  variables: Record<string, string>;
}

/** How an agent's reply goes out: free-form, or as an approved template (its id and filled variables). */
export interface AgentReplyPlan {
  /** What is stored as the message body: the agent's text, or the template's preview when only a template was given. */
  body: string;
  template: { templateId: string; contentVariables: Record<string, string> } | null;
}

/**
 * The channel's rules for messages to a customer (WhatsApp's 24-hour window, templates, opt-out),
 * asked before an agent's reply is stored. Implemented by the channel module, provided globally.
 * Throws a DomainError (422) when the reply may not go out: the contact opted out, or the window is
 * closed and no template fits.
 */
export abstract class OutboundPolicy {
  abstract planAgentReply(input: { tenantId: string; conversationId: string; body: string | null; template: RequestedTemplate | null }): Promise<AgentReplyPlan>;
}
