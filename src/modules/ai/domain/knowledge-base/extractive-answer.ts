import type { Language } from '../local-reply';
import { STOP_WORDS, words } from './hashed-embedding';

/**
 * The lowest cosine score (local hashed embedding, 768 dims) at which the offline provider answers
 * from a chunk. Measured on short Portuguese/English store passages: a question and the passage
 * that answers it scored 0.30–0.42 ("Qual o horário de funcionamento?" vs the opening hours: 0.42,
 * "Posso trocar um produto?" vs the exchange policy: 0.30), unrelated questions at most 0.20
 * (shared trigrams, e.g. "Quanto custa o corte?" vs the payment methods). 0.25 sits between;
 * paraphrases with no shared word (~0.15) fall below it and get the honest "I don't know".
 */
export const LOCAL_ANSWER_MIN_SCORE = 0.25;

/** At most this many sentences are quoted: enough for a short answer, never the whole document. */
const MAX_SENTENCES = 2;

const FRAME: Record<Language, (quote: string) => string> = {
  pt: (q) => `Segundo nossas informações: "${q}"`,
  en: (q) => `According to our information: "${q}"`,
  es: (q) => `Según nuestra información: "${q}"`,
};

/**
 * Quotes the sentence(s) of a passage that share the most content words with the question, in the
 * customer's language frame; null when no sentence shares any, so the caller can say it does not know.
 */
export function extractiveAnswer(input: { question: string; passage: string; language: Language }): string | null {
  return extractiveMatch(input)?.text ?? null;
}

/** The quoted answer and how many of the question's content words its best sentence shares (title context counts half). */
export function extractiveMatch(input: { question: string; passage: string; language: Language }): { text: string; overlap: number } | null {
  const asked = new Set(contentWords(input.question));
  if (asked.size === 0) return null;
  const scored = sectionedSentences(input.passage).map(({ sentence, heading }, index) => ({
    sentence,
    index,
    // A section title ("Horário de funcionamento") makes every sentence under it relevant, a little less than its own words.
    overlap: overlap(asked, sentence) + HEADING_WEIGHT * (heading ? overlap(asked, heading) : 0),
  }));
  const best = Math.max(0, ...scored.map((s) => s.overlap));
  if (best === 0) return null;
  const chosen = scored
    .filter((s) => s.overlap === best)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence);
  return { text: FRAME[input.language](chosen.join(' ')), overlap: best };
}

const HEADING_WEIGHT = 0.5;
const HEADING_MAX_WORDS = 8;

/** Sentences with the title of the section they are in; a title alone is quoted only when it has no sentences. */
function sectionedSentences(passage: string): { sentence: string; heading: string | null }[] {
  const lines = passage.split(/\n+/u).map((l) => l.trim()).filter((l) => l.length > 0);
  const out: { sentence: string; heading: string | null }[] = [];
  let heading: string | null = null;
  lines.forEach((line, i) => {
    if (isHeading(line) && i < lines.length - 1) {
      heading = line;
      return;
    }
    for (const sentence of sentences(line)) out.push({ sentence, heading });
  });
  return out;
}

function isHeading(line: string): boolean {
  return !/[.!?:;]$/u.test(line) && line.split(/\s+/u).length <= HEADING_MAX_WORDS;
}

export function sentences(passage: string): string[] {
  return passage
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function overlap(asked: Set<string>, sentence: string): number {
  return new Set(contentWords(sentence).filter((word) => asked.has(word))).size;
}

/**
 * Words without accents, function words left out, cut to a short stem so that inflections match:
 * "horários" and "horario", "aceitam" and "aceitamos", "entregam" and "entregamos".
 */
function contentWords(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word))
    .map((word) => word.slice(0, STEM_LENGTH));
}

const STEM_LENGTH = 5;
