import type { MemoryTurn } from '../../domain/memory/memory';

/** Turns a finished conversation into a short text worth remembering about the contact ('' for nothing). */
export abstract class ConversationSummarizer {
  abstract summarize(turns: MemoryTurn[], languageHint?: string): Promise<string>;
}
