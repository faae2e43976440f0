import { DomainError } from '@core/errors/domain-error';
import type { MessageAuthor } from '@modules/conversation/domain/message';

/** One message of a conversation as the AI sees it. */
export interface MemoryTurn {
  messageId: string;
  /** 'contact' | 'ai' | 'agent' | 'system', as the conversation module stores it. */
  author: MessageAuthor;
  body: string;
  /** ISO 8601 timestamp of the message. */
  at: string;
}

/** Where the session's turns came from: the Redis window (l1) or the messages table (l2). */
export type MemorySource = 'l1' | 'l2';

export type MemoryKind = 'fact' | 'summary';
export const MEMORY_KINDS: readonly MemoryKind[] = ['fact', 'summary'];

/** Long content is cut to this length before it is stored (the table's CHECK). */
export const MEMORY_CONTENT_MAX_CHARS = 2000;

/** A long-term memory (L3) about a contact. */
export interface ContactMemory {
  id: string;
  kind: MemoryKind;
  content: string;
  conversationId: string | null;
  createdAt: Date;
}

/** A memory found for a question, with its cosine similarity to it (0..1, 1 at best). */
export interface RecalledMemory extends ContactMemory {
  score: number;
}

export class MemoryNotFoundError extends DomainError {
  readonly code = 'AI.MEMORY_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Contact memory not found');
  }
}

export class EmptyMemoryError extends DomainError {
  readonly code = 'AI.MEMORY_EMPTY';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('A memory needs some text');
  }
}

/**
 * The window after adding turns: one turn per messageId (the added version wins, in the place the
 * message was first seen), in chronological order (equal or unreadable times keep their place),
 * and only the newest `maxTurns`.
 */
export function mergeTurns(window: MemoryTurn[], added: MemoryTurn[], maxTurns: number): MemoryTurn[] {
  const limit = Math.max(0, Math.floor(maxTurns));
  const byId = new Map<string, { turn: MemoryTurn; position: number }>();
  for (const turn of [...window, ...added]) {
    const seen = byId.get(turn.messageId);
    byId.set(turn.messageId, { turn, position: seen ? seen.position : byId.size });
  }
  const ordered = [...byId.values()].sort((a, b) => timeOf(a.turn) - timeOf(b.turn) || a.position - b.position).map((entry) => entry.turn);
  return limit === 0 ? [] : ordered.slice(-limit);
}

function timeOf(turn: MemoryTurn): number {
  const ms = Date.parse(turn.at);
  // Unreadable times sort last rather than making the comparison inconsistent.
  return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
}

/** Trimmed, with runs of whitespace collapsed; what gets stored. */
export function tidyMemoryContent(content: string): string {
  return content.replace(/\s+/g, ' ').trim().slice(0, MEMORY_CONTENT_MAX_CHARS).trim();
}

/** What "the same memory" compares: tidied and lower-cased. */
export function normaliseMemoryContent(content: string): string {
  return tidyMemoryContent(content).toLowerCase();
}

export const MEDIA_PLACEHOLDER = '[media]';

/** Messages that only greet, thank or acknowledge (English, Portuguese, Spanish): nothing to remember. */
const SMALL_TALK = new Set(
  (
    'hi hello hey hiya good morning afternoon evening night thanks thank you thx ty ok okay k cool great bye goodbye see ya yes no ' +
    'oi ola ei bom boa dia tarde noite obrigado obrigada obg brigado brigada valeu vlw tchau ate logo sim nao beleza blz certo perfeito show tudo bem e ai ' +
    'hola buenos buenas dias tardes noches gracias muchas adios vale si de nada muito'
  ).split(' '),
);

function isSmallTalk(body: string): boolean {
  const words = body
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  return words.every((word) => SMALL_TALK.has(word));
}

/**
 * An offline summary of a conversation: what the customer said, in their words, most recent last,
 * without greetings and thanks; the oldest statements give way when it does not fit in maxChars.
 * Empty when the customer said nothing worth keeping.
 */
export function summarizeExtractively(turns: MemoryTurn[], maxChars = 600): string {
  const said = customerStatements(turns);
  if (said.length === 0) return '';
  const prefix = `Conversation on ${dayOf(turns)}: customer said: `;
  const budget = maxChars - prefix.length;
  if (budget <= 0) return prefix.slice(0, Math.max(0, maxChars));
  const kept: string[] = [];
  let used = 0;
  for (const statement of [...said].reverse()) {
    const quoted = `"${statement}"`;
    const cost = quoted.length + (kept.length > 0 ? 2 : 0);
    if (used + cost > budget) {
      if (kept.length === 0) kept.push(`"${statement.slice(0, Math.max(0, budget - 3))}…"`);
      break;
    }
    kept.push(quoted);
    used += cost;
  }
  return prefix + kept.reverse().join('; ');
}

function customerStatements(turns: MemoryTurn[]): string[] {
  const statements: string[] = [];
  for (const turn of turns) {
    if (turn.author !== 'contact') continue;
    const body = turn.body.replace(/\s+/g, ' ').trim();
    if (body === '' || body === MEDIA_PLACEHOLDER || isSmallTalk(body)) continue;
    if (statements[statements.length - 1] !== body) statements.push(body);
  }
  return statements;
}

function dayOf(turns: MemoryTurn[]): string {
  const first = turns.map((turn) => Date.parse(turn.at)).find((ms) => Number.isFinite(ms));
  return first === undefined ? 'an unknown date' : new Date(first).toISOString().slice(0, 10);
}
