import type { OutboundAuthor } from '../../domain/outbound-window';

/** Who a conversation's messages go to, as the channel's rules need it. */
export interface RecipientContext {
  contactId: string;
  optedOutAt: Date | null;
  /** The customer's last message (contacts.last_inbound_at, or their newest inbound message if later). */
  lastInboundAt: Date | null;
  contactName: string | null;
  businessName: string;
  conversationState: string;
}

/** A stored outbound message about to be sent, with its recipient. */
export interface OutboundMessageContext extends RecipientContext {
  author: OutboundAuthor;
  body: string;
  /** The text of the inbound message it answers, if any (a consent confirmation answers the keyword). */
  replyToBody: string | null;
  templateId: string | null;
  contentVariables: Record<string, string> | null;
}

export abstract class OutboundContexts {
  abstract forConversation(tenantId: string, conversationId: string): Promise<RecipientContext | null>;
  /** Null for a message with no contact (nothing to judge). */
  abstract forMessage(tenantId: string, messageId: string): Promise<OutboundMessageContext | null>;
  /** Records that the message goes out as this template, with these values. */
  abstract useTemplate(tenantId: string, messageId: string, templateId: string, contentVariables: Record<string, string>): Promise<void>;
}
