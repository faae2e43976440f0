export interface ChunkingOptions {
  /** Target size of a chunk, in characters. */
  size: number;
  /** How many characters of the previous chunk's end a chunk repeats, so a fact split across two stays findable. */
  overlap: number;
}

export const DEFAULT_CHUNKING: ChunkingOptions = { size: 800, overlap: 100 };

/**
 * Splits text into chunks of about `size` characters along paragraphs, then sentences, then words,
 * each chunk starting with the last ~`overlap` characters of the one before (cut at a word boundary).
 */
export function chunkText(text: string, options: ChunkingOptions = DEFAULT_CHUNKING): string[] {
  if (options.size <= 0 || options.overlap < 0 || options.overlap >= options.size) {
    throw new RangeError('chunk size must be positive and larger than the overlap');
  }
  // Room for the carried overlap and the space that joins it, so no chunk exceeds `size`.
  const pieces = splitIntoPieces(text, Math.max(1, options.size - options.overlap - 1));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current ? `${current}\n${piece}` : piece;
    if (current && candidate.length > options.size) {
      chunks.push(current);
      const carried = tail(current, options.overlap);
      current = carried ? `${carried} ${piece}` : piece;
    } else {
      current = candidate;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Paragraphs, with those longer than `max` split into sentences and, failing that, words. */
function splitIntoPieces(text: string, max: number): string[] {
  const paragraphs = text.split(/\n\s*\n/).map(normaliseSpace).filter(Boolean);
  return paragraphs.flatMap((paragraph) => {
    if (paragraph.length <= max) return [paragraph];
    const sentences = paragraph.split(/(?<=[.!?;:])\s+/).filter(Boolean);
    return packWords(sentences.flatMap((s) => (s.length <= max ? [s] : hardSplit(s, max))), max);
  });
}

function packWords(parts: string[], max: number): string[] {
  const packed: string[] = [];
  let current = '';
  for (const part of parts) {
    const candidate = current ? `${current} ${part}` : part;
    if (current && candidate.length > max) {
      packed.push(current);
      current = part;
    } else {
      current = candidate;
    }
  }
  if (current) packed.push(current);
  return packed;
}

/** Splits a sentence with no usable punctuation at word boundaries, or mid-word when a word is longer than `max`. */
function hardSplit(sentence: string, max: number): string[] {
  const words = sentence.split(' ').flatMap((word) => (word.length <= max ? [word] : word.match(new RegExp(`.{1,${max}}`, 'g')) ?? []));
  return packWords(words, max);
}

function tail(text: string, length: number): string {
  if (length === 0 || text.length <= length) return length === 0 ? '' : text;
  const cut = text.slice(text.length - length);
  const space = cut.indexOf(' ');
  return (space >= 0 ? cut.slice(space + 1) : cut).trim();
}

function normaliseSpace(paragraph: string): string {
  // A run of blanks is matched from its first character only: a long run without a line break is read once, not once per character.
  return paragraph.replace(/[ \t]+/g, ' ').replace(/(?<!\s)\s*\n\s*/g, ' ').trim();
}

/** A rough token count (about four characters per token for Latin scripts), for budgets and display. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
