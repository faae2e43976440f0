import { ApiError, type Caller, type ConsoleApi } from './api.js';
import { byId, contactName, handoffReasonLabel, messageItem, noteItem, setDeliveryStatus, STATE_LABELS, type ConversationView, type MessageView, type NoteView } from './views.js';

const CLAIMABLE = ['HANDOFF_PENDING', 'ACTIVE', 'WAITING_USER'];

/**
 * The open chat: its whole history (messages and notes, oldest first), what the caller may do
 * with it (claim, release, close, reply, note), kept current from live updates.
 */
export class ChatPane {
  private conversation: ConversationView | null = null;
  private readonly timeline = byId<HTMLOListElement>('timeline');
  /** Told whenever an action of this pane changed the conversation, so the lists follow. */
  onChanged: (conversation: ConversationView) => void = () => undefined;

  constructor(
    private readonly api: ConsoleApi,
    private readonly caller: () => Caller,
  ) {
    byId('claim-button').addEventListener('click', () => void this.act(() => this.post('assign'), 'reply-body'));
    byId('close-button').addEventListener('click', () => void this.act(() => this.post('close')));
    byId('release-button').addEventListener('click', () => this.askReleaseNote());
    byId('release-dialog').addEventListener('close', () => this.releaseDialogClosed());
    byId('reply-form').addEventListener('submit', (event) => this.submit(event, 'reply-body', (body) => this.reply(body)));
    byId('note-form').addEventListener('submit', (event) => this.submit(event, 'note-body', (body) => this.addNote(body)));
    byId('reply-body').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) byId<HTMLFormElement>('reply-form').requestSubmit();
    });
  }

  get openId(): string | null {
    return this.conversation?.id ?? null;
  }

  async open(conversationId: string): Promise<void> {
    const path = `/api/v1/conversations/${conversationId}`;
    const [conversation, messages, notes] = await Promise.all([
      this.api.get<ConversationView>(path),
      this.api.get<{ items: MessageView[] }>(`${path}/messages`),
      this.api.get<{ items: NoteView[] }>(`${path}/notes`),
    ]);
    this.conversation = conversation;
    // The history is not news: only entries added after it are announced to screen readers.
    this.timeline.setAttribute('aria-live', 'off');
    this.timeline.replaceChildren();
    for (const message of messages.items) this.insert(messageItem(message), message.createdAt);
    for (const note of notes.items) this.insert(noteItem(note), note.createdAt);
    this.showError('');
    this.render();
    this.timeline.lastElementChild?.scrollIntoView({ block: 'end' });
    requestAnimationFrame(() => this.timeline.setAttribute('aria-live', 'polite'));
  }

  applyConversation(conversation: ConversationView): void {
    if (conversation.id !== this.openId) return;
    this.conversation = conversation;
    this.render();
  }

  addMessage(message: MessageView): void {
    if (message.conversationId !== this.openId || this.has('message', message.id)) return;
    this.insert(messageItem(message), message.createdAt);
  }

  addNoteView(note: NoteView): void {
    if (note.conversationId !== this.openId || this.has('note', note.id)) return;
    this.insert(noteItem(note), note.createdAt);
  }

  updateStatus(conversationId: string, messageId: string, status: string, errorCode: string | null): void {
    if (conversationId !== this.openId) return;
    const item = this.timeline.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (item) setDeliveryStatus(item, status, errorCode);
  }

  private render(): void {
    const conversation = this.conversation;
    byId('chat-actions').hidden = !conversation;
    byId('composer').hidden = !conversation;
    if (!conversation) return;
    const { staffId, role } = this.caller();
    const admin = role === 'tenant_admin';
    const mine = conversation.assignedTo?.id === staffId;
    const open = conversation.state !== 'CLOSED';
    const agentName = conversation.assignedTo ? (mine ? 'you' : (conversation.assignedTo.name ?? conversation.assignedTo.email)) : null;

    byId('chat-title').textContent = contactName(conversation);
    byId('chat-state').textContent = [STATE_LABELS[conversation.state] ?? conversation.state, agentName && `assigned to ${agentName}`, conversation.handoffReason && `why: ${handoffReasonLabel(conversation.handoffReason)}`]
      .filter(Boolean)
      .join(' · ');
    byId('claim-button').hidden = !CLAIMABLE.includes(conversation.state);
    byId('release-button').hidden = !(conversation.state === 'HUMAN_ACTIVE' && (mine || admin));
    byId('close-button').hidden = !(open && (mine || admin || (conversation.state === 'HANDOFF_PENDING' && !conversation.assignedTo)));

    const canReply = (conversation.state === 'HUMAN_ACTIVE' && (mine || admin)) || (admin && conversation.state === 'HANDOFF_PENDING');
    byId('reply-form').hidden = !canReply;
    byId('note-form').hidden = !open;
  }

  private async reply(body: string): Promise<void> {
    const message = await this.api.post<MessageView>(`/api/v1/conversations/${this.openId}/messages`, { body });
    this.addMessage(message);
    // An admin's reply to a queued chat claims it first: read the conversation again.
    if (this.conversation?.state !== 'HUMAN_ACTIVE') await this.refresh();
  }

  private async addNote(body: string): Promise<void> {
    this.addNoteView(await this.api.post<NoteView>(`/api/v1/conversations/${this.openId}/notes`, { body }));
  }

  private askReleaseNote(): void {
    const dialog = byId<HTMLDialogElement>('release-dialog');
    byId<HTMLTextAreaElement>('release-note').value = '';
    dialog.returnValue = '';
    dialog.showModal();
  }

  private releaseDialogClosed(): void {
    const dialog = byId<HTMLDialogElement>('release-dialog');
    if (dialog.returnValue !== 'release') {
      byId('release-button').focus();
      return;
    }
    const note = byId<HTMLTextAreaElement>('release-note').value.trim();
    void this.act(() => this.post('release', note ? { note } : {}));
  }

  /** POSTs an action on the open conversation, then reads the conversation as it is now. */
  private async post(action: 'assign' | 'release' | 'close', body: object = {}): Promise<void> {
    await this.api.post(`/api/v1/conversations/${this.openId}/${action}`, body);
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    if (!this.openId) return;
    const conversation = await this.api.get<ConversationView>(`/api/v1/conversations/${this.openId}`);
    this.applyConversation(conversation);
    this.onChanged(conversation);
  }

  private async act(action: () => Promise<void>, focusAfter?: string): Promise<void> {
    this.showError('');
    try {
      await action();
      if (focusAfter && !byId(focusAfter).closest('[hidden]')) byId(focusAfter).focus();
    } catch (error) {
      this.showError(describe(error));
      await this.refresh().catch(() => undefined);
    }
  }

  private submit(event: SubmitEvent, fieldId: string, send: (body: string) => Promise<void>): void {
    event.preventDefault();
    const field = byId<HTMLTextAreaElement>(fieldId);
    const body = field.value.trim();
    if (!body) return;
    const button = (event.target as HTMLFormElement).querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    void this.act(async () => {
      await send(body);
      field.value = '';
    }).finally(() => {
      if (button) button.disabled = false;
      field.focus();
    });
  }

  private has(kind: 'message' | 'note', id: string): boolean {
    return !!this.timeline.querySelector(`[data-${kind}-id="${CSS.escape(id)}"]`);
  }

  /** Keeps the timeline in time order whatever order the REST answers and live updates arrive in. */
  private insert(item: HTMLLIElement, createdAt: string): void {
    item.dataset.createdAt = createdAt;
    const later = [...this.timeline.children].find((child) => ((child as HTMLElement).dataset.createdAt ?? '') > createdAt);
    this.timeline.insertBefore(item, later ?? null);
    if (!later) item.scrollIntoView({ block: 'end' });
  }

  private showError(message: string): void {
    byId('chat-error').textContent = message;
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'CONVERSATION.ALREADY_ASSIGNED') return 'Another agent claimed this chat first.';
    return error.message;
  }
  return 'The server could not be reached. Try again.';
}
