import { ApiError, ConsoleApi, type Caller } from './api.js';
import { ChatPane } from './chat-pane.js';
import { ConversationLists } from './conversation-lists.js';
import { LiveConnection, type LiveState } from './live.js';
import { byId, type ConversationView, type MessageView, type NoteView } from './views.js';

/** The agent console: log in, then the queue, my chats and the open chat, all kept live over socket.io. */
const LIVE_LABELS: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: new chats and messages appear by themselves',
  offline: 'Offline: live updates paused',
};

const api = new ConsoleApi();
const caller = (): Caller => api.caller ?? { staffId: '', tenantId: null, role: '' };
const lists = new ConversationLists(api, () => caller().staffId, (id) => void openChat(id));
const chat = new ChatPane(api, caller);
const live = new LiveConnection(() => api.accessToken, {
  onReady: () => void reloadAll(),
  onEvent: (type, payload) => liveEvent(type, payload),
  onState: showLiveState,
  refreshToken: () => api.refresh(),
});

chat.onChanged = (conversation) => lists.apply(conversation);
api.onSessionLost = () => showLogin('Your session ended. Log in again.');

byId<HTMLFormElement>('login-form').addEventListener('submit', (event) => void logIn(event));
byId('logout-button').addEventListener('click', () => {
  api.logout();
  showLogin('');
});
byId('back-button').addEventListener('click', () => {
  byId('workspace').dataset.view = 'lists';
  if (chat.openId) lists.focus(chat.openId);
});

if (api.caller?.tenantId) showWorkspace();
else showLogin('');

async function logIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const email = byId<HTMLInputElement>('login-email').value.trim();
  const password = byId<HTMLInputElement>('login-password').value;
  const error = byId('login-error');
  if (!email || !password) {
    error.textContent = 'Enter your e-mail and password.';
    return;
  }
  error.textContent = '';
  try {
    const who = await api.login(email, password);
    if (!who.tenantId) {
      api.logout();
      error.textContent = "This console is for a tenant's agents and admins; platform admins have no chats here.";
      return;
    }
    byId<HTMLInputElement>('login-password').value = '';
    showWorkspace();
  } catch (failure) {
    error.textContent = failure instanceof ApiError ? failure.message : 'The server could not be reached. Try again.';
  }
}

function showWorkspace(): void {
  byId('login-section').hidden = true;
  byId('workspace').hidden = false;
  byId('user-box').hidden = false;
  byId('user-label').textContent = caller().role === 'tenant_admin' ? 'Tenant admin' : 'Agent';
  live.open();
  void reloadAll();
  byId('queue-title').focus();
}

function showLogin(message: string): void {
  live.close();
  byId('workspace').hidden = true;
  byId('user-box').hidden = true;
  byId('login-section').hidden = false;
  byId('login-error').textContent = message;
  byId('login-email').focus();
}

/** On login and on every (re)connection of the live gateway: whatever happened while away is read again. */
async function reloadAll(): Promise<void> {
  try {
    await lists.reload();
    if (chat.openId) await chat.open(chat.openId);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) byId('live-status').textContent = 'Could not load the conversations; retrying when the connection is back.';
  }
}

async function openChat(conversationId: string): Promise<void> {
  lists.select(conversationId);
  byId('workspace').dataset.view = 'chat';
  try {
    await chat.open(conversationId);
    byId('chat').focus();
  } catch (error) {
    byId('chat-error').textContent = error instanceof ApiError ? error.message : 'The server could not be reached. Try again.';
  }
}

function liveEvent(type: string, payload: Record<string, unknown>): void {
  const conversationId = String(payload.conversationId ?? '');
  switch (type) {
    case 'conversation.updated': {
      const conversation = payload.conversation as ConversationView;
      lists.apply(conversation);
      chat.applyConversation(conversation);
      break;
    }
    case 'message.created': {
      const message = payload.message as MessageView;
      chat.addMessage(message);
      lists.messageArrived(conversationId, message.createdAt, message.author === 'contact');
      break;
    }
    case 'note.created':
      chat.addNoteView(payload.note as NoteView);
      break;
    case 'message.status':
      chat.updateStatus(conversationId, String(payload.messageId), String(payload.status), (payload.errorCode as string | null) ?? null);
      break;
  }
}

function showLiveState(state: LiveState): void {
  const status = byId('live-status');
  status.textContent = LIVE_LABELS[state];
  status.dataset.state = state;
}
