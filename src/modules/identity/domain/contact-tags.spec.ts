import { InvalidTagError, TooManyTagsError } from './contact.errors';
import { MAX_TAGS, normaliseTag, normaliseTags, withoutTag, withTags } from './contact-tags';

describe('contact tags', () => {
  it('trims and lower-cases a tag, so "  VIP " and "vip" are the same tag', () => {
    expect(normaliseTag('  VIP ')).toBe('vip');
    expect(normaliseTag('Entrega_Rápida-2')).toBe('entrega_rápida-2');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['a space inside', 'cliente fiel'],
    ['punctuation', 'vip!'],
    ['a dot', 'v.i.p'],
    ['41 characters', 'a'.repeat(41)],
    ['an emoji', 'vip⭐'],
  ])('refuses a tag with %s as IDENTITY.INVALID_TAG', (_, raw) => {
    expect(() => normaliseTag(raw)).toThrow(InvalidTagError);
  });

  it('accepts exactly 40 characters', () => {
    expect(normaliseTag('a'.repeat(40))).toBe('a'.repeat(40));
  });

  it('de-duplicates after normalising, keeping the first occurrence order', () => {
    expect(normaliseTags(['b', 'VIP', 'a', 'vip', ' b '])).toEqual(['b', 'vip', 'a']);
  });

  it(`allows ${MAX_TAGS} distinct tags and refuses one more as IDENTITY.TOO_MANY_TAGS`, () => {
    const twenty = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(normaliseTags(twenty)).toHaveLength(MAX_TAGS);
    expect(() => normaliseTags([...twenty, 'one-more'])).toThrow(TooManyTagsError);
    // Duplicates do not count towards the limit.
    expect(normaliseTags([...twenty, 'T0'])).toHaveLength(MAX_TAGS);
  });

  it('adds tags to the current set without duplicates, within the limit', () => {
    expect(withTags(['vip'], ['Novo', 'VIP'])).toEqual(['vip', 'novo']);
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(() => withTags(full, ['extra'])).toThrow(TooManyTagsError);
  });

  it('removes a tag given in any case, and removing an absent tag changes nothing', () => {
    expect(withoutTag(['vip', 'novo'], 'VIP')).toEqual(['novo']);
    expect(withoutTag(['vip'], 'outro')).toEqual(['vip']);
    expect(() => withoutTag(['vip'], 'not valid')).toThrow(InvalidTagError);
  });
});
