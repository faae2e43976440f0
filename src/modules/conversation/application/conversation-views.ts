import type { ConversationNote, NoteKind } from '../domain/conversation-note';
import type { ConversationState } from '../domain/conversation-state';
import type { MessageAuthor, MessageDirection, MessageKind, MessageLocation, MessageMedia, MessageStatus } from '../domain/message';
import type { ConversationEvent, ConversationRecord, MessageRecord } from './ports/conversation-reader.port';

/**
 * The JSON views staff see, the same over REST and over the live gateway, so a console renders both
 * alike. Types (not interfaces) so that they are plain JSON records.
 */
export type ConversationView = {
  id: string;
  state: ConversationState;
  contact: { id: string; phoneNumber: string; name: string | null };
  assignedTo: { id: string; name: string; email: string } | null;
  handoffReason: string | null;
  handoffAt: string | null;
  lastMessageAt: string;
  createdAt: string;
  closedAt: string | null;
  whatsappNumberId: string;
};

export type MessageView = {
  id: string;
  conversationId: string | null;
  direction: MessageDirection;
  author: MessageAuthor;
  body: string;
  status: MessageStatus;
  errorCode: string | null;
  sentBy: { id: string; name: string } | null;
  createdAt: string;
  /** WhatsApp addresses and Twilio's id, for tracing a delivery. */
  from: string;
  to: string;
  providerSid: string | null;
  /** What the customer sent beyond text: attachments, a voice note's transcript, a shared location. */
  kind: MessageKind;
  media: MessageMedia[];
  transcript: string | null;
  location: MessageLocation | null;
  /** Stored over the contact's inbound limit (channel settings): never sent to the AI, not answered. */
  throttled: boolean;
  /** When Twilio reported the outbound message sent, delivered and read (status callbacks). */
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  /** A body over WhatsApp's 1,600 characters goes out as these parts, in order; empty otherwise. */
  parts: MessagePartView[];
};

export type MessagePartView = {
  index: number;
  status: MessageStatus;
  errorCode: string | null;
  providerSid: string | null;
  length: number;
};

export type NoteView = {
  id: string;
  conversationId: string;
  kind: NoteKind;
  body: string;
  author: { id: string; name: string } | null;
  createdAt: string;
};

export type EventView = {
  id: string;
  conversationId: string;
  kind: 'transition' | 'assignment';
  from: ConversationState;
  to: ConversationState;
  actor: { type: string; id: string | null };
  assigneeId: string | null;
  reason: string | null;
  createdAt: string;
};

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export function toConversationView(c: ConversationRecord): ConversationView {
  return {
    id: c.id,
    state: c.state,
    contact: { ...c.contact },
    assignedTo: c.assignee ? { ...c.assignee } : null,
    handoffReason: c.handoffReason,
    handoffAt: iso(c.handoffAt),
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    closedAt: iso(c.closedAt),
    whatsappNumberId: c.whatsappNumberId,
  };
}

export function toMessageView(m: MessageRecord): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    author: m.author,
    body: m.body,
    status: m.status,
    errorCode: m.errorCode,
    sentBy: m.sender ? { ...m.sender } : null,
    createdAt: m.createdAt.toISOString(),
    from: m.fromAddress,
    to: m.toAddress,
    providerSid: m.providerSid,
    kind: m.kind ?? 'text',
    media: (m.media ?? []).map((item) => ({ ...item })),
    transcript: m.transcript ?? null,
    location: m.location ? { ...m.location } : null,
    throttled: m.throttled ?? false,
    sentAt: iso(m.sentAt ?? null),
    deliveredAt: iso(m.deliveredAt ?? null),
    readAt: iso(m.readAt ?? null),
    parts: (m.parts ?? []).map((p) => ({ index: p.partIndex ?? 0, status: p.status, errorCode: p.errorCode, providerSid: p.providerSid, length: p.body.length })),
  };
}

export function toNoteView(n: ConversationNote): NoteView {
  return {
    id: n.id,
    conversationId: n.conversationId,
    kind: n.kind,
    body: n.body,
    author: n.author ? { ...n.author } : null,
    createdAt: n.createdAt.toISOString(),
  };
}

export function toEventView(e: ConversationEvent): EventView {
  return {
    id: e.id,
    conversationId: e.conversationId,
    kind: e.kind,
    from: e.from,
    to: e.to,
    actor: { ...e.actor },
    assigneeId: e.assigneeId,
    reason: e.reason,
    createdAt: e.createdAt.toISOString(),
  };
}
