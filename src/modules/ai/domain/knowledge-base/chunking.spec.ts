import { chunkText, estimateTokens } from './chunking';

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i} in some detail.`;

describe('chunkText', () => {
  it('keeps a short text in one chunk, with whitespace normalised', () => {
    expect(chunkText('Hello   world.\nSecond line.')).toEqual(['Hello world. Second line.']);
  });

  it('returns no chunk for blank text', () => {
    expect(chunkText('  \n\n  ')).toEqual([]);
  });

  it('keeps paragraphs together while they fit, and starts a new chunk when the next would overflow', () => {
    const a = 'a'.repeat(50);
    const b = 'b'.repeat(30);
    const c = 'c'.repeat(40);
    expect(chunkText(`${a}\n\n${b}\n\n${c}`, { size: 90, overlap: 0 })).toEqual([`${a}\n${b}`, c]);
  });

  it('cuts long text into chunks of at most the size, each repeating the end of the previous one', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkText(text, { size: 800, overlap: 100 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(800);
    for (let i = 1; i < chunks.length; i += 1) {
      const carried = chunks[i].slice(0, 40);
      expect(chunks[i - 1]).toContain(carried);
    }
  });

  it('loses no sentence of the input', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join('\n\n');
    const joined = chunkText(text, { size: 300, overlap: 50 }).join(' ');
    for (let i = 0; i < 40; i += 1) expect(joined).toContain(sentence(i));
  });

  it('splits a paragraph without punctuation at word boundaries, and a single huge word by force', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(words, { size: 120, overlap: 20 });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(120);
    expect(chunks.join(' ')).toContain('word99');
    const huge = chunkText('x'.repeat(500), { size: 120, overlap: 0 });
    expect(huge.join('')).toBe('x'.repeat(500));
    for (const chunk of huge) expect(chunk.length).toBeLessThanOrEqual(120);
  });

  it('refuses an overlap not smaller than the size', () => {
    expect(() => chunkText('text', { size: 100, overlap: 100 })).toThrow(RangeError);
  });
});

describe('estimateTokens', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcde')).toBe(2);
  });
});

describe('chunkText limits', () => {
  it('never exceeds the size, even when the carried overlap has no space to cut at', () => {
    const text = Array.from({ length: 30 }, (_, i) => `${String(i).padStart(2, '0')}${'z'.repeat(47)}`).join(' ');
    for (const chunk of chunkText(text, { size: 100, overlap: 30 })) expect(chunk.length).toBeLessThanOrEqual(100);
  });
});

describe('chunkText on a million characters', () => {
  it.each([
    ['carriage returns', '\r'],
    ['no-break spaces', '\u00a0'],
  ])('finds no chunk in a million %s, reading the run once', (_, blank) => {
    expect(chunkText(blank.repeat(1_000_000))).toEqual([]);
  });
});
