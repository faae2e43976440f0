/**
 * PostgreSQL's text types reject U+0000, and jsonb rejects a UTF-16 surrogate without its pair
 * (`\ud800`): a string with either fails the whole INSERT. These helpers say whether a string can be
 * stored as given, and make one storable when it must be kept (a customer's message).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function isStorableText(value: string): boolean {
  return unstorableCharacterIn(value) === null;
}

/** What keeps a string from being stored, in words for an error message; null when nothing does. */
export function unstorableCharacterIn(value: string): string | null {
  if (value.includes('\u0000')) return 'a NUL byte (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'an unpaired UTF-16 surrogate';
  return null;
}

/** NUL bytes removed, lone surrogates replaced by U+FFFD (what a UTF-8 decoder does with them). */
export function storableText(value: string): string {
  return isStorableText(value) ? value : value.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\uFFFD');
}

/** At most `max` characters as varchar(n) counts them (code points), never splitting a surrogate pair. */
export function fitToColumn(value: string, max: number): string {
  // A string of at most `max` UTF-16 units has at most `max` code points.
  if (value.length <= max) return value;
  let fitted = '';
  let count = 0;
  for (const character of value) {
    if (count === max) break;
    fitted += character;
    count += 1;
  }
  return fitted;
}
