/**
 * Building blocks for rewriting Markdown-like syntax in linear time. A regex such as
 * /\*\*(?=\S)([\s\S]*?\S)\*\* / or /\[([^\]]+)\]\(/ restarts its search for the closing mark at
 * every opening one: on text full of openers that never close (1,000,000 "[" or " **a") that is
 * quadratic, minutes of a blocked event loop. These helpers find each closer once and remember it.
 */

const WHITESPACE = /\s/;
const WORD = /\w/;

export const isSpace = (ch: string | undefined): boolean => ch !== undefined && WHITESPACE.test(ch);
export const isNonSpace = (ch: string | undefined): boolean => ch !== undefined && !WHITESPACE.test(ch);
export const isWordChar = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch);

/**
 * The first index at or after `from` whose character passes `test` (-1 if none), remembering its
 * last answer: asked with ever larger `from`, as a left-to-right scan does, it reads the text once.
 */
export function forwardFinder(text: string, test: (ch: string) => boolean): (from: number) => number {
  let askedFrom = Number.POSITIVE_INFINITY;
  let found = -1;
  return (from) => {
    if (from >= askedFrom && (found === -1 || found >= from)) return found;
    let i = Math.max(from, 0);
    while (i < text.length && !test(text[i])) i += 1;
    askedFrom = from;
    found = i < text.length ? i : -1;
    return found;
  };
}

/** A mark that opens and closes a span (`**bold**`), with what may stand around each end. */
export interface PairedMark {
  mark: string;
  /** Whether the mark at `i` opens a span; `lastEnd` is where the previous replaced span ended. */
  opens(text: string, i: number, lastEnd: number): boolean;
  /** Whether the mark at `j` closes a span. */
  closes(text: string, j: number): boolean;
}

/**
 * Replaces every span opened by one of `marks` and closed by the nearest later closing mark of the
 * same kind with at least one character between them, left to right, without overlaps: what
 * `text.replace(/(\*\*|__)(…)([\s\S]*?…)\1/g, …)` does, in linear time. `withinLine` keeps a span
 * on one line. Marks are tried in the order given, as the alternatives of a regex are.
 */
export function replacePaired(
  text: string,
  marks: PairedMark[],
  options: { withinLine: boolean },
  replace: (mark: PairedMark, content: string) => string,
): string {
  const closers = marks.map((m) => closerFinder(text, m));
  const lineEnd = forwardFinder(text, (ch) => ch === '\n');
  let out = '';
  let lastEnd = 0;
  for (let i = 0; i < text.length; i += 1) {
    for (let k = 0; k < marks.length; k += 1) {
      const mark = marks[k];
      if (!text.startsWith(mark.mark, i) || !mark.opens(text, i, lastEnd)) continue;
      const contentStart = i + mark.mark.length;
      const j = closers[k](contentStart + 1);
      const newline = options.withinLine ? lineEnd(contentStart) : -1;
      if (j < 0 || (newline >= 0 && newline < j)) continue;
      out += text.slice(lastEnd, i) + replace(mark, text.slice(contentStart, j));
      lastEnd = j + mark.mark.length;
      i = lastEnd - 1;
      break;
    }
  }
  return out + text.slice(lastEnd);
}

/** The first closing `mark` at or after `from`; each call starts where the last one stopped. */
function closerFinder(text: string, mark: PairedMark): (from: number) => number {
  let askedFrom = Number.POSITIVE_INFINITY;
  let found = -1;
  return (from) => {
    if (from >= askedFrom && (found === -1 || found >= from)) return found;
    let j = text.indexOf(mark.mark, from);
    while (j >= 0 && !mark.closes(text, j)) j = text.indexOf(mark.mark, j + 1);
    askedFrom = from;
    found = j;
    return found;
  };
}
