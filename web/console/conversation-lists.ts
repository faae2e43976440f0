import type { ConsoleApi } from './api.js';
import { byId, conversationItem, type ConversationView, type Page } from './views.js';

const PAGE_SIZE = 100;

/**
 * The queue (HANDOFF_PENDING, oldest handoff first) and "my chats" (HUMAN_ACTIVE and assigned to
 * the caller, latest activity first). Loaded over REST, then kept current from live updates.
 */
export class ConversationLists {
  private readonly queue = new Map<string, ConversationView>();
  private readonly mine = new Map<string, ConversationView>();
  private readonly unread = new Set<string>();
  private selectedId: string | null = null;

  constructor(
    private readonly api: ConsoleApi,
    private readonly me: () => string,
    onOpen: (conversationId: string) => void,
  ) {
    for (const list of [byId('queue-list'), byId('mine-list')]) {
      list.addEventListener('click', (event) => {
        const button = (event.target as Element).closest<HTMLElement>('[data-conversation-id]');
        if (button?.dataset.conversationId) onOpen(button.dataset.conversationId);
      });
    }
  }

  async reload(): Promise<void> {
    const [queue, mine] = await Promise.all([
      this.api.get<Page<ConversationView>>(`/api/v1/conversations/queue?limit=${PAGE_SIZE}`),
      this.api.get<Page<ConversationView>>(`/api/v1/conversations?assignedTo=me&state=HUMAN_ACTIVE&limit=${PAGE_SIZE}`),
    ]);
    this.queue.clear();
    this.mine.clear();
    for (const conversation of [...queue.items, ...mine.items]) this.place(conversation);
    this.render();
  }

  /** A conversation changed: it moves into, out of, or between the lists. */
  apply(conversation: ConversationView): void {
    this.place(conversation);
    this.render();
  }

  /** A message arrived in a conversation: it moves up "my chats"; a customer's is marked unread unless open. */
  messageArrived(conversationId: string, at: string, fromCustomer: boolean): void {
    for (const list of [this.queue, this.mine]) {
      const conversation = list.get(conversationId);
      if (conversation) list.set(conversationId, { ...conversation, lastMessageAt: at });
    }
    if (fromCustomer && conversationId !== this.selectedId) this.unread.add(conversationId);
    this.render();
  }

  select(conversationId: string | null): void {
    this.selectedId = conversationId;
    if (conversationId) this.unread.delete(conversationId);
    this.render();
  }

  /** Puts the focus back on a conversation's row (after "back" on a narrow screen). */
  focus(conversationId: string): void {
    document.querySelector<HTMLElement>(`.lists [data-conversation-id="${CSS.escape(conversationId)}"]`)?.focus();
  }

  private place(conversation: ConversationView): void {
    this.queue.delete(conversation.id);
    this.mine.delete(conversation.id);
    if (conversation.state === 'HANDOFF_PENDING') this.queue.set(conversation.id, conversation);
    else if (conversation.state === 'HUMAN_ACTIVE' && conversation.assignedTo?.id === this.me()) this.mine.set(conversation.id, conversation);
  }

  private render(): void {
    // Rebuilding the rows must not steal the keyboard focus from the row it was on.
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.conversationId ?? null;
    const byHandoff = (a: ConversationView, b: ConversationView) => (a.handoffAt ?? a.lastMessageAt).localeCompare(b.handoffAt ?? b.lastMessageAt);
    const byActivity = (a: ConversationView, b: ConversationView) => b.lastMessageAt.localeCompare(a.lastMessageAt);
    this.renderList('queue', [...this.queue.values()].sort(byHandoff));
    this.renderList('mine', [...this.mine.values()].sort(byActivity));
    if (focused) this.focus(focused);
  }

  private renderList(name: 'queue' | 'mine', conversations: ConversationView[]): void {
    const items = conversations.map((conversation) =>
      conversationItem(conversation, { selected: conversation.id === this.selectedId, unread: this.unread.has(conversation.id) }),
    );
    byId(`${name}-list`).replaceChildren(...items);
    byId(`${name}-count`).textContent = String(conversations.length);
    byId(`${name}-empty`).hidden = conversations.length > 0;
  }
}
