import { InvalidTagError, TooManyTagsError } from './contact.errors';

export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 40;
/** Lower-case letters (any script), digits, '-' and '_'. */
export const TAG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}_-]{1,40}$/u;

/** Trims and lower-cases a tag, so that "VIP " and "vip" are the same tag; refuses anything else. */
export function normaliseTag(raw: string): string {
  const tag = raw.normalize('NFC').trim().toLowerCase();
  if (!TAG_PATTERN.test(tag)) {
    throw new InvalidTagError(`tag "${raw.slice(0, 60)}" must be 1 to ${TAG_MAX_LENGTH} lower-case letters, digits, '-' or '_'`);
  }
  return tag;
}

/** Normalised, de-duplicated (first occurrence kept), at most MAX_TAGS. */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags = [...new Set(raw.map(normaliseTag))];
  if (tags.length > MAX_TAGS) throw new TooManyTagsError(`a contact has at most ${MAX_TAGS} tags`);
  return tags;
}

export function withTags(current: readonly string[], added: readonly string[]): string[] {
  return normaliseTags([...current, ...added]);
}

export function withoutTag(current: readonly string[], removed: string): string[] {
  const tag = normaliseTag(removed);
  return current.filter((t) => t !== tag);
}
