import { cosineSimilarity, hashedEmbedding, words } from './hashed-embedding';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('hashedEmbedding', () => {
  it('has the requested dimension', () => {
    expect(hashedEmbedding('hello', 64)).toHaveLength(64);
    expect(hashedEmbedding('hello', 1536)).toHaveLength(1536);
  });

  it('is deterministic', () => {
    expect(hashedEmbedding('We open at 9 am', 256)).toEqual(hashedEmbedding('We open at 9 am', 256));
  });

  it('is L2-normalised, and all zeros for text without words', () => {
    expect(norm(hashedEmbedding('Returns are accepted within 30 days', 256))).toBeCloseTo(1, 10);
    expect(hashedEmbedding(' ,.; ', 16)).toEqual(new Array(16).fill(0));
  });

  it('ignores case and accents', () => {
    expect(hashedEmbedding('Horário de ATENDIMENTO', 128)).toEqual(hashedEmbedding('horario de atendimento', 128));
  });

  it('puts texts sharing words closer than unrelated texts', () => {
    const hours = hashedEmbedding('Our store opens at 9 am and closes at 6 pm, Monday to Friday.', 1536);
    const question = hashedEmbedding('What time does the store open?', 1536);
    const returns = hashedEmbedding('Refunds: items can be returned within 30 days with the receipt.', 1536);
    expect(cosineSimilarity(question, hours)).toBeGreaterThan(cosineSimilarity(question, returns));
  });

  it('matches word variants through shared trigrams', () => {
    const a = hashedEmbedding('opening', 512);
    expect(cosineSimilarity(a, hashedEmbedding('open', 512))).toBeGreaterThan(cosineSimilarity(a, hashedEmbedding('refund', 512)));
  });

  it('refuses a non-positive dimension', () => {
    expect(() => hashedEmbedding('x', 0)).toThrow(RangeError);
  });
});

describe('words', () => {
  it('lower-cases, strips accents and splits on anything but letters and digits', () => {
    expect(words('Olá, MUNDO! 24/7')).toEqual(['ola', 'mundo', '24', '7']);
  });
});
