/**
 * The offline embedding: feature hashing of words and character trigrams into `dimensions`
 * signed buckets, L2-normalised. Texts that share words (or word pieces) get close vectors, so
 * cosine search works without a model; it knows nothing of synonyms or meaning.
 */
export function hashedEmbedding(text: string, dimensions: number): number[] {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError('dimensions must be a positive integer');
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    add(vector, `w:${word}`, 1);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) add(vector, `t:${padded.slice(i, i + 3)}`, 0.5);
  }
  return normalise(vector);
}

/** Function words in English, Portuguese and Spanish: shared by unrelated texts, so they carry no signal. */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be by do does did for from has have how i if in is it its me my of on or our so that the their them ' +
    'there this to was we what when where which who why will with you your ' +
    'o os as um uma uns umas e de da do das dos em no na nos nas por para com que se ao aos eu voce voces ele ela nos ' +
    'el la los las un una unos unas y en del al con por para que es son lo le su sus yo tu usted'
  ).split(' '),
);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function add(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const bucket = hash % vector.length;
  // A second, independent bit gives the sign, so collisions cancel out on average instead of piling up.
  const sign = (fnv1a(`s:${feature}`) & 1) === 0 ? 1 : -1;
  vector[bucket] += sign * weight;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
