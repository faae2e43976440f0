import { splitMessage } from './message-splitter';
import { markdownToWhatsapp } from './whatsapp-formatting';

/**
 * The texts a stored outbound body goes out as: the AI's Markdown in WhatsApp's formatting (people
 * write for WhatsApp already), split into parts WhatsApp accepts. Never empty.
 */
export function outboundTexts(author: string, body: string): string[] {
  const text = author === 'ai' ? markdownToWhatsapp(body) : body;
  const parts = splitMessage(text);
  return parts.length > 0 ? parts : [body];
}

/** Stored on the parts after one that failed: they are not sent, so the customer never reads a message with a hole in it. */
export const PART_NOT_SENT = 'PART_NOT_SENT';
