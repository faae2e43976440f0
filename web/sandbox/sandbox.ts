/**
 * The sandbox page: a WhatsApp user's phone. Messages go to the real webhook through
 * POST /sandbox/inbound (not waiting for replies); whatever the sandbox number sends back,
 * from the AI or from an agent, is picked up by polling GET /sandbox/messages.
 */
interface SandboxReply {
  sid: string;
  from: string;
  to: string;
  body: string;
  createdAt: string;
}

const POLL_INTERVAL_MS = 1500;
const E164 = /^\+[1-9]\d{7,14}$/;

let chat = { number: '', phone: '', profileName: '' };
const seen = new Set<string>();
let polling = false;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

function el(tag: string, className: string, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.append(...children);
  return element;
}

function addEntry(who: 'you' | 'them', body: string, at: Date): void {
  const label = who === 'you' ? 'You' : chat.number;
  const time = el('time', 'bubble__time', at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  time.setAttribute('datetime', at.toISOString());
  const entry = el('li', `bubble bubble--${who}`, el('span', 'bubble__who', label, el('span', 'visually-hidden', ' wrote:')), el('p', 'bubble__body', body), time);
  byId('chat-log').append(entry);
  byId('chat-empty').hidden = true;
  entry.scrollIntoView({ block: 'end' });
}

function showError(message: string): void {
  byId('sandbox-error').textContent = message;
}

async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { message?: string | string[] };
  const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
  return message ?? `${response.status} ${response.statusText}`;
}

function switchChat(): void {
  const number = byId<HTMLInputElement>('sandbox-number').value.trim();
  const phone = byId<HTMLInputElement>('user-phone').value.trim();
  if (!E164.test(number) || !E164.test(phone)) {
    showError('Both phone numbers must be in E.164 format, e.g. +5511999990000.');
    return;
  }
  showError('');
  chat = { number, phone, profileName: byId<HTMLInputElement>('profile-name').value.trim() };
  seen.clear();
  byId('chat-log').replaceChildren();
  byId('chat-empty').hidden = false;
  byId('chat-title').textContent = `Chat with ${number}`;
  void poll();
}

async function send(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const field = byId<HTMLTextAreaElement>('message-body');
  const body = field.value.trim();
  if (!body || !chat.number) return;
  showError('');
  const payload = { to: chat.number, from: chat.phone, body, waitMs: 0, ...(chat.profileName ? { profileName: chat.profileName } : {}) };
  try {
    const response = await fetch('/sandbox/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    if (!response.ok) return showError(`Not sent: ${await errorText(response)}`);
    const result = (await response.json()) as { webhookStatus: number };
    if (result.webhookStatus !== 200) return showError(`The webhook refused the message (HTTP ${result.webhookStatus}).`);
    addEntry('you', body, new Date());
    field.value = '';
    byId('sandbox-status').textContent = 'Sent. Replies appear here as they arrive.';
  } catch {
    showError('The server could not be reached. Try again.');
  } finally {
    field.focus();
  }
}

/** Shows every reply not shown yet, oldest first. */
async function poll(): Promise<void> {
  if (polling || !chat.number) return;
  polling = true;
  const { number, phone } = chat;
  try {
    const query = new URLSearchParams({ number, contact: phone, limit: '200' });
    const response = await fetch(`/sandbox/messages?${query}`);
    if (!response.ok) return showError(`Cannot read the replies: ${await errorText(response)}`);
    const { items } = (await response.json()) as { items: SandboxReply[] };
    if (number !== chat.number || phone !== chat.phone) return;
    const fresh = items.filter((reply) => !seen.has(reply.sid)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const reply of fresh) {
      seen.add(reply.sid);
      addEntry('them', reply.body, new Date(reply.createdAt));
    }
  } catch {
    byId('sandbox-status').textContent = 'The server could not be reached; still trying.';
  } finally {
    polling = false;
  }
}

byId<HTMLFormElement>('identity-form').addEventListener('submit', (event) => {
  event.preventDefault();
  switchChat();
});
byId<HTMLFormElement>('message-form').addEventListener('submit', (event) => void send(event));
byId('message-body').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    byId<HTMLFormElement>('message-form').requestSubmit();
  }
});
setInterval(() => {
  if (document.visibilityState === 'visible') void poll();
}, POLL_INTERVAL_MS);
switchChat();
