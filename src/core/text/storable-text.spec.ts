import { fitToColumn, isStorableText, storableText } from './storable-text';

describe('storable text', () => {
  it('tells text PostgreSQL stores from text with a NUL byte or a lone surrogate', () => {
    expect(isStorableText('olá 😀 \uFFFD')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\uD800b')).toBe(false);
    expect(isStorableText('a\uDE00')).toBe(false);
    expect(isStorableText('\uDE00\uD83D')).toBe(false);
  });

  it('removes NUL bytes and replaces lone surrogates with U+FFFD, keeping pairs', () => {
    expect(storableText('qu\u0000al\u0000')).toBe('qual');
    expect(storableText('x\uD800y\uDC00z😀')).toBe('x\uFFFDy\uFFFDz😀');
    expect(storableText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(isStorableText(storableText('\u0000\uD800\uDFFF\uDFFF\uD800'))).toBe(true);
  });

  it('fits a string to a column by characters, never splitting a surrogate pair', () => {
    expect(fitToColumn('abcdef', 4)).toBe('abcd');
    expect(fitToColumn('abc', 4)).toBe('abc');
    expect(fitToColumn('😀😀😀', 2)).toBe('😀😀');
    expect(fitToColumn('a😀b', 2)).toBe('a😀');
  });
});
