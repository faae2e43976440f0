import { forwardFinder, isNonSpace, type PairedMark, replacePaired } from '@core/text/linear-scan';

/**
 * Markdown to plain text for embedding: keeps the words a reader sees (headings, list items, link
 * and image text, code contents) and drops the markup; paragraphs stay separated by a blank line.
 * A tenant uploads up to a million characters, so every step is linear in the text's length: a
 * pattern that would search again from each of many openers ("[" a million times) is a scanner.
 */
export function stripMarkdown(markdown: string): string {
  const text = unfenceCodeBlocks(markdown.replace(/\r\n?/g, '\n'));
  const withoutLinks = replaceLinks(replaceLinks(removeHtml(removeComments(text)), IMAGE), LINK);
  const blocks = removeReferenceDefinitions(withoutLinks)
    // A heading is a paragraph of its own, also when the text follows on the next line.
    .replace(/^#{1,6}[ \t]+(.*)$/gm, (_, heading: string) => `${withoutClosingHashes(heading)}\n`)
    .replace(/^(.+)\n[=-]{2,}[ \t]*$/gm, '$1')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*([-*+]|\d+[.)])[ \t]+(\[[ xX]\][ \t]+)?/gm, '')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '')
    .replace(/^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*(?:\|[ \t]*)?$/gm, '')
    // A run of blanks is matched from its first character only, so a long run without a "|" is read once.
    .replace(/(?<![ \t])[ \t]*\|[ \t]*|\|[ \t]*/g, (match, offset: number, whole: string) => (isLineEdge(whole, offset, match.length) ? '' : ' | '));
  return replacePaired(blocks, STRONG, { withinLine: false }, (_, content) => content)
    .replace(/(^|[^\w*])([*_])(?=\S)([^*_\n]*?\S)\2(?!\w)/g, '$1$3')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `**strong**` and `__strong__`: the text right inside each mark is not blank. */
const STRONG: PairedMark[] = ['**', '__'].map((mark) => ({
  mark,
  opens: (text, i) => isNonSpace(text[i + 2]),
  closes: (text, j) => isNonSpace(text[j - 1]),
}));

/** A fenced block (a line starting with ```, up to a line of just ```) keeps its lines without the fences. */
function unfenceCodeBlocks(text: string): string {
  const lines = text.split('\n');
  const isCloser = (line: string) => /^```[ \t]*$/.test(line);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].startsWith('```') || i === lines.length - 1) {
      out.push(lines[i]);
      continue;
    }
    let closer = i + 1;
    while (closer < lines.length && !isCloser(lines[closer])) closer += 1;
    // No closing fence after this one: none after any later opening fence either.
    if (closer === lines.length) return out.concat(lines.slice(i)).join('\n');
    for (let line = i + 1; line < closer; line += 1) out.push(lines[line]);
    out.push('');
    i = closer;
  }
  return out.join('\n');
}

function removeComments(text: string): string {
  let out = '';
  let cursor = 0;
  for (let start = text.indexOf('<!--'); start >= 0; start = text.indexOf('<!--', cursor)) {
    const end = text.indexOf('-->', start + 4);
    if (end < 0) break;
    out += text.slice(cursor, start);
    cursor = end + 3;
  }
  return out + text.slice(cursor);
}

/** `<tag …>` and `</tag>`, up to the first ">": without one, nothing further is a tag. */
function removeHtml(text: string): string {
  const start = /<\/?[A-Za-z]/g;
  let out = '';
  let cursor = 0;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const end = text.indexOf('>', m.index + m[0].length);
    if (end < 0) break;
    out += text.slice(cursor, m.index);
    cursor = end + 1;
    start.lastIndex = cursor;
  }
  return out + text.slice(cursor);
}

interface LinkSyntax {
  opener: string;
  labelMayBeEmpty: boolean;
}
const IMAGE: LinkSyntax = { opener: '![', labelMayBeEmpty: true };
const LINK: LinkSyntax = { opener: '[', labelMayBeEmpty: false };

/**
 * `[label](target)` (or `![label](target)`) becomes its label. Every opener before the same "]"
 * fails or succeeds alike, so the scan goes on after that "]", and each "]" and ")" is looked for once.
 */
function replaceLinks(text: string, syntax: LinkSyntax): string {
  const labelEnd = forwardFinder(text, (ch) => ch === ']');
  const targetEnd = forwardFinder(text, (ch) => ch === ')');
  let out = '';
  let cursor = 0;
  for (let start = text.indexOf(syntax.opener); start >= 0; ) {
    const labelStart = start + syntax.opener.length;
    const close = labelEnd(labelStart);
    const end = close < 0 ? -1 : targetEnd(close + 2);
    if (close < 0 || (text[close + 1] === '(' && end < 0)) break;
    if (text[close + 1] === '(' && (syntax.labelMayBeEmpty || close > labelStart)) {
      out += text.slice(cursor, start) + text.slice(labelStart, close);
      cursor = end + 1;
      start = text.indexOf(syntax.opener, cursor);
    } else {
      start = text.indexOf(syntax.opener, close === labelStart ? start + 1 : close + 1);
    }
  }
  return out + text.slice(cursor);
}

/**
 * `[id]: https://…` definitions go, with the blank lines before them and the line breaks between
 * the colon and the address: the former /^\s*\[[^\]]+\]:\s+\S+.*$/gm, whose \s* read each run of
 * blank lines again from every line start in it, one line at a time.
 */
function removeReferenceDefinitions(text: string): string {
  const lines = text.split('\n');
  const isBlank = (line: string) => /^\s*$/.test(line);
  const out: string[] = [];
  let blanks: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (isBlank(lines[i])) {
      blanks.push(lines[i]);
      continue;
    }
    const end = definitionEnd(lines, i, isBlank);
    if (end >= 0) {
      out.push('');
      i = end;
    } else {
      // One at a time: spreading a million blank lines into push() would overflow the stack.
      for (const blank of blanks) out.push(blank);
      out.push(lines[i]);
    }
    blanks = [];
  }
  return out.concat(blanks).join('\n');
}

/** The last line of the definition that starts on line `i`, or -1 if none does. */
function definitionEnd(lines: string[], i: number, isBlank: (line: string) => boolean): number {
  const label = /^\s*\[[^\]]+\]:/.exec(lines[i]);
  if (!label) return -1;
  const rest = lines[i].slice(label[0].length);
  if (/^\s+\S/.test(rest)) return i;
  if (!isBlank(rest)) return -1;
  let next = i + 1;
  while (next < lines.length && isBlank(lines[next])) next += 1;
  return next < lines.length ? next : -1;
}

/** A heading's optional closing hashes and the blanks around them (`## Weekends ##`), read from the end. */
function withoutClosingHashes(heading: string): string {
  let end = heading.length;
  while (end > 0 && (heading[end - 1] === ' ' || heading[end - 1] === '\t')) end -= 1;
  while (end > 0 && heading[end - 1] === '#') end -= 1;
  while (end > 0 && (heading[end - 1] === ' ' || heading[end - 1] === '\t')) end -= 1;
  return heading.slice(0, end);
}

function isLineEdge(text: string, offset: number, length: number): boolean {
  const before = offset === 0 || text[offset - 1] === '\n';
  const after = offset + length >= text.length || text[offset + length] === '\n';
  return before || after;
}
