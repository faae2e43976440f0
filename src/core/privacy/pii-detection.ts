import { isLuhnCardNumber, isValidCnpj, isValidCpf } from './pii-checksums';

/**
 * Finds personal data in free text (pt-BR first, international too): CPF, CNPJ, e-mail, phone and
 * payment card numbers. Numbers must pass their check digits, so order numbers, dates and prices
 * stay untouched. Pure and shared: the logger redacts with it, the AI engine masks with it.
 */
export type PiiKind = 'CPF' | 'CNPJ' | 'EMAIL' | 'PHONE' | 'CARD';

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  accept?: (value: string) => boolean;
}

/**
 * Not part of a longer word, number or identifier: no letter, digit or underscore right before or
 * after; no digit behind one separator (123.456.789-09 inside 1.123.456.789-09 is not a CPF); and
 * nothing a dash joins on (the 16 digits of 61193847-1234-4321-bf3c-b61193f84990 are a UUID's, not
 * a card's). A space is no such separator, so "4111 1111 1111 1111 12/26" still has its card found.
 */
const NOT_AFTER_NUMBER = String.raw`(?<![\w+])(?<!\d[.\/-])(?<!\w-)`;
const NOT_BEFORE_NUMBER = String.raw`(?!\w)(?![.\/-]\d)(?!-\w)`;
const bounded = (body: string) => new RegExp(`${NOT_AFTER_NUMBER}(?:${body})${NOT_BEFORE_NUMBER}`, 'g');

/** Brazilian area codes (DDD) in use; a random pair of digits is often not one. */
const DDD = new Set(
  '11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99'.split(
    ' ',
  ),
);

const digitCount = (value: string) => value.replace(/\D/g, '').length;

function isBrazilianPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  const national = digits.length === 12 || digits.length === 13 ? digits.replace(/^55/, '') : digits;
  if (national.length !== 10 && national.length !== 11) return false;
  if (!DDD.has(national.slice(0, 2))) return false;
  // Mobiles have 9 digits starting with 9; landlines 8 starting with 2-5.
  return national.length === 11 ? national[2] === '9' : /[2-5]/.test(national[2]);
}

/** In priority order: an earlier detector's match wins over an overlapping later one. */
const DETECTORS: Detector[] = [
  {
    kind: 'EMAIL',
    pattern: /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g,
  },
  { kind: 'CNPJ', pattern: bounded(String.raw`\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}`), accept: isValidCnpj },
  { kind: 'CPF', pattern: bounded(String.raw`\d{3}\.?\d{3}\.?\d{3}-?\d{2}`), accept: isValidCpf },
  {
    kind: 'PHONE',
    // E.164 and international: +, country code, then groups split by one space, dot or dash. A
    // group of digits takes all it can ((?=(…))\1 does not give digits back), or a long run of
    // digits that is no phone number would be tried split every possible way.
    pattern: /(?<![\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|(?=(\d{1,5}))\1)){1,6}(?!\w)/g,
    accept: (value) => digitCount(value) >= 8 && digitCount(value) <= 15,
  },
  {
    kind: 'PHONE',
    // Brazilian with area code: (11) 98765-4321, 11 98765-4321, 11 3456-7890, 5511987654321.
    pattern: bounded(String.raw`\(\d{2}\) ?\d{4,5}[ -]?\d{4}|\d{2}[ -]\d{4,5}[ -]?\d{4}|(?:55)?\d{2}9\d{8}`),
    accept: isBrazilianPhone,
  },
  { kind: 'CARD', pattern: bounded(String.raw`\d(?:[ -]?\d){12,18}`), accept: isLuhnCardNumber },
  // Brazilian mobile without area code, dash required: 98765-4321.
  { kind: 'PHONE', pattern: bounded(String.raw`9\d{4}-\d{4}`) },
];

/** Whether `match` overlaps one of `taken`, which are sorted and never overlap each other: a binary search. */
function overlaps(match: PiiMatch, taken: PiiMatch[]): boolean {
  let low = 0;
  let high = taken.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (taken[mid].end <= match.start) low = mid + 1;
    else high = mid;
  }
  return low < taken.length && taken[low].start < match.end;
}

/**
 * The match itself, then shorter by whole trailing groups after a space: "4111 1111 1111 1111 123"
 * holds a card. Not before a dash: what a dash joins to more digits is one longer identifier.
 */
function acceptedPrefix(value: string, accept: (value: string) => boolean): string | null {
  if (accept(value)) return value;
  for (let cut = value.lastIndexOf(' '); cut > 0; cut = value.lastIndexOf(' ', cut - 1)) {
    if (accept(value.slice(0, cut))) return value.slice(0, cut);
  }
  return null;
}

/** A rejected candidate is retried one character later, so a card right after a short number is found. */
function scan(text: string, detector: Detector, taken: PiiMatch[]): PiiMatch[] {
  const pattern = new RegExp(detector.pattern.source, 'g');
  const found: PiiMatch[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const value = acceptedPrefix(m[0], detector.accept ?? (() => true));
    const match = value === null ? null : { kind: detector.kind, start: m.index, end: m.index + value.length, value };
    // Matches come in order, so only the last one found can overlap the next.
    const last = found[found.length - 1];
    if (match && !overlaps(match, taken) && !(last && match.start < last.end)) {
      found.push(match);
      pattern.lastIndex = match.end;
    } else {
      pattern.lastIndex = m.index + 1;
    }
  }
  return found;
}

/** Every piece of personal data in the text, in order, never overlapping. */
export function findPii(text: string): PiiMatch[] {
  let found: PiiMatch[] = [];
  for (const detector of DETECTORS) found = mergeByStart(found, scan(text, detector, found));
  return found;
}

function mergeByStart(a: PiiMatch[], b: PiiMatch[]): PiiMatch[] {
  const merged: PiiMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i].start < b[j].start) ? a[i++] : b[j++]);
  return merged;
}

/** Replaces each match with what `replacement` returns for it. */
export function replacePii(text: string, replacement: (match: PiiMatch) => string): string {
  let out = '';
  let cursor = 0;
  for (const match of findPii(text)) {
    out += text.slice(cursor, match.start) + replacement(match);
    cursor = match.end;
  }
  return out + text.slice(cursor);
}

/** Irreversible, for logs: "CPF 123.456.789-09" becomes "CPF [CPF]". */
export function redactPii(text: string): string {
  return replacePii(text, (match) => `[${match.kind}]`);
}
