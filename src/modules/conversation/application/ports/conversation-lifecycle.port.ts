/**
 * Told when people change a conversation's course, for modules that keep state about it (the ai
 * module's session window and conversation summaries). Implemented by the ai module, wired at boot.
 */
export abstract class ConversationLifecycle {
  /** A person took over or gave the conversation back: cached AI context may be missing their turns. */
  abstract contextChanged(tenantId: string, conversationId: string): Promise<void>;
  /** The conversation closed: summarize it for the contact's long-term memory (asynchronously). */
  abstract closed(tenantId: string, conversationId: string): Promise<void>;
}
