/** The JSON views the REST API and the live gateway share (issue 5 contract), and how the console shows them. */
export interface ConversationView {
  id: string;
  state: string;
  contact: { id: string; phoneNumber: string; name: string | null } | null;
  assignedTo: { id: string; name: string | null; email: string } | null;
  handoffReason: string | null;
  handoffAt: string | null;
  lastMessageAt: string;
  createdAt: string;
  closedAt: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  author: 'contact' | 'ai' | 'agent' | 'system';
  body: string;
  status: string;
  errorCode: string | null;
  sentBy: { id: string; name: string | null } | null;
  createdAt: string;
}

export interface NoteView {
  id: string;
  conversationId: string;
  kind: 'note' | 'release';
  body: string;
  author: { id: string; name: string | null } | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const STATE_LABELS: Record<string, string> = {
  ACTIVE: 'With the AI',
  WAITING_USER: 'Waiting for the customer',
  HANDOFF_PENDING: 'Waiting for an agent',
  HUMAN_ACTIVE: 'With an agent',
  CLOSED: 'Closed',
};

/** The handoff reasons the server records (conversation and ai modules); a staff member's own reason shows as written. */
const REASON_LABELS: Record<string, string> = {
  customer_requested: 'the customer asked for a person',
  staff_requested: 'taken over by staff',
  plan_limit_reached: "the plan's AI replies ran out",
  router_requested_human: 'the AI router asked for a person',
  low_router_confidence: 'the AI was unsure who should answer',
  agent_requested_human: 'the AI asked for a person',
  no_enabled_specialist: 'no AI specialist is enabled',
  ai_unavailable: 'the AI was unavailable',
};

export function handoffReasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason;
}

const AUTHOR_LABELS: Record<MessageView['author'], string> = { contact: 'Customer', ai: 'AI assistant', agent: 'Agent', system: 'System' };

const STATUS_LABELS: Record<string, string> = {
  pending: 'pending',
  queued: 'queued',
  accepted: 'accepted',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'not delivered',
  undelivered: 'not delivered',
};

/** Builds an element with text content only: nothing a customer wrote ever becomes markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

export function contactName(conversation: ConversationView): string {
  const contact = conversation.contact;
  if (!contact) return 'Unknown customer';
  return contact.name ? `${contact.name} (${contact.phoneNumber})` : contact.phoneNumber;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** One row of the queue or of "my chats": a button that opens the chat. */
export function conversationItem(conversation: ConversationView, flags: { selected: boolean; unread: boolean }): HTMLLIElement {
  const waitingSince = conversation.handoffAt ?? conversation.lastMessageAt;
  const button = el(
    'button',
    { type: 'button', class: 'conversation', 'data-conversation-id': conversation.id },
    el('span', { class: 'conversation__name' }, contactName(conversation)),
    el('span', { class: 'conversation__meta' }, `${STATE_LABELS[conversation.state] ?? conversation.state} · ${formatTime(waitingSince)}`),
  );
  if (conversation.handoffReason) button.append(el('span', { class: 'conversation__reason' }, handoffReasonLabel(conversation.handoffReason)));
  if (flags.unread) button.append(el('span', { class: 'conversation__unread' }, 'New messages'));
  if (flags.selected) button.setAttribute('aria-current', 'true');
  return el('li', {}, button);
}

export function messageItem(message: MessageView): HTMLLIElement {
  const who = message.author === 'agent' && message.sentBy?.name ? `Agent ${message.sentBy.name}` : AUTHOR_LABELS[message.author];
  const item = el(
    'li',
    { class: `entry entry--${message.author}`, 'data-message-id': message.id },
    el('span', { class: 'entry__who' }, `${who}`, el('span', { class: 'visually-hidden' }, ' wrote:')),
    el('p', { class: 'entry__body' }, message.body),
    el('span', { class: 'entry__meta' }, el('time', { datetime: message.createdAt }, formatTime(message.createdAt))),
  );
  if (message.direction === 'outbound') setDeliveryStatus(item, message.status, message.errorCode);
  return item;
}

export function noteItem(note: NoteView): HTMLLIElement {
  const who = note.author?.name ?? 'A staff member';
  const title = note.kind === 'release' ? `Note for the AI by ${who}` : `Internal note by ${who}`;
  return el(
    'li',
    { class: `entry entry--note entry--${note.kind}`, 'data-note-id': note.id },
    el('span', { class: 'entry__who' }, title, el('span', { class: 'visually-hidden' }, ' (never sent to the customer):')),
    el('p', { class: 'entry__body' }, note.body),
    el('span', { class: 'entry__meta' }, el('time', { datetime: note.createdAt }, formatTime(note.createdAt))),
  );
}

/** Shows (or updates) an outbound message's delivery status in its timeline entry. */
export function setDeliveryStatus(item: Element, status: string, errorCode: string | null): void {
  const meta = item.querySelector('.entry__meta');
  if (!meta) return;
  meta.querySelector('.entry__status')?.remove();
  const label = STATUS_LABELS[status] ?? status;
  const text = errorCode ? `${label} (error ${errorCode})` : label;
  const failed = status === 'failed' || status === 'undelivered';
  meta.append(el('span', { class: failed ? 'entry__status entry__status--failed' : 'entry__status' }, ` · ${text}`));
}
