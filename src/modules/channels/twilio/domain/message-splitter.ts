/** Twilio refuses a WhatsApp body longer than this. */
export const WHATSAPP_MAX_BODY = 1600;

const PARAGRAPH = /\n\s*\n/g;
// From the first mark of a run only, so a long run of dots is read once, not once per dot.
const SENTENCE = /(?<![.!?…])[.!?…]+["'”’)\]]*\s+/g;
const WORD = /\s+/g;

/**
 * Splits a long body into parts of at most `max` characters, in order: at the last paragraph break
 * that keeps a part at least half full, else at the last sentence end, else between words, and only
 * as a last resort inside a word (never between the two halves of an emoji).
 */
export function splitMessage(body: string, max = WHATSAPP_MAX_BODY): string[] {
  const parts: string[] = [];
  let rest = body.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut.end).trimEnd());
    rest = rest.slice(cut.next).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): { end: number; next: number } {
  const window = text.slice(0, max + 1);
  const halfway = Math.floor(max / 2);
  for (const boundary of [PARAGRAPH, SENTENCE]) {
    const found = lastBoundary(window, boundary, max);
    if (found && found.end >= halfway) return found;
  }
  const anyBoundary = lastBoundary(window, PARAGRAPH, max) ?? lastBoundary(window, SENTENCE, max) ?? lastBoundary(window, WORD, max);
  if (anyBoundary && anyBoundary.end > 0) return anyBoundary;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return { end, next: end };
}

/** The last match whose kept text (up to and including the punctuation) fits in `max`. */
function lastBoundary(window: string, pattern: RegExp, max: number): { end: number; next: number } | null {
  let last: { end: number; next: number } | null = null;
  for (const match of window.matchAll(pattern)) {
    const separator = match[0];
    // A sentence end keeps its punctuation; whitespace is dropped.
    const end = match.index + separator.trimEnd().length;
    if (end > 0 && end <= max) last = { end, next: match.index + separator.length };
  }
  return last;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
