import type { Specialist } from './specialist';

export interface KeywordRoute {
  specialist: string;
  confidence: number;
  needsHuman: false;
  reason: string;
}

export type RoutableSpecialist = Pick<Specialist, 'slug' | 'keywords' | 'name'>;

export const NO_KEYWORD_CONFIDENCE = 0.5;
export const NO_KEYWORD_REASON = 'no keyword matched; general specialist';
const FIRST_MATCH_CONFIDENCE = 0.7;
const STEP_PER_EXTRA_MATCH = 0.08;
const MAX_CONFIDENCE = 0.95;

/**
 * The offline router: picks the specialist whose keywords appear most often, as whole words (or
 * word sequences), ignoring case and accents, so "cobranca" finds "cobrança"; a plural in -s/-es of a
 * keyword's word counts too. Ties go to the earlier specialist; no match goes to the first one,
 * which by convention is the general one. Never asks for a human: only the LLM router does that.
 */
export function routeByKeywords(text: string, specialists: readonly RoutableSpecialist[]): KeywordRoute {
  if (specialists.length === 0) throw new RangeError('routeByKeywords needs at least one specialist');
  const words = wordsOf(text);
  let best: { specialist: RoutableSpecialist; matched: string[] } | null = null;
  for (const specialist of specialists) {
    const matched = matchedKeywords(words, specialist.keywords);
    if (matched.length > 0 && matched.length > (best?.matched.length ?? 0)) best = { specialist, matched };
  }
  if (!best) return { specialist: specialists[0].slug, confidence: NO_KEYWORD_CONFIDENCE, needsHuman: false, reason: NO_KEYWORD_REASON };
  return {
    specialist: best.specialist.slug,
    confidence: confidenceFor(best.matched.length),
    needsHuman: false,
    reason: `${best.specialist.name}: matched keyword${best.matched.length === 1 ? '' : 's'} ${best.matched.join(', ')}`,
  };
}

/** Lowercase words without accents: "Cobrança, já!" → ["cobranca", "ja"]. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Keywords found in the words; spellings that differ only in accents or case count once. */
function matchedKeywords(words: string[], keywords: string[]): string[] {
  const matched = new Map<string, string>();
  for (const keyword of keywords) {
    const sequence = wordsOf(keyword);
    const key = sequence.join(' ');
    if (sequence.length > 0 && !matched.has(key) && containsSequence(words, sequence)) matched.set(key, keyword);
  }
  return [...matched.values()];
}

function containsSequence(words: string[], sequence: string[]): boolean {
  for (let start = 0; start + sequence.length <= words.length; start += 1) {
    if (sequence.every((keywordWord, i) => sameWord(words[start + i], keywordWord))) return true;
  }
  return false;
}

function sameWord(word: string, keywordWord: string): boolean {
  return word === keywordWord || word === `${keywordWord}s` || word === `${keywordWord}es`;
}

function confidenceFor(matches: number): number {
  const raw = Math.min(MAX_CONFIDENCE, FIRST_MATCH_CONFIDENCE + STEP_PER_EXTRA_MATCH * (matches - 1));
  return Math.round(raw * 100) / 100;
}
