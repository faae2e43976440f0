import { forwardFinder, isNonSpace, isSpace, isWordChar, type PairedMark, replacePaired } from '@core/text/linear-scan';

/**
 * Converts the Markdown a language model writes into WhatsApp's own formatting: *bold*, _italic_,
 * ~strike~, ```monospace```. Headings become bold lines, bullets "• ", numbered items "1. ", links
 * "text (url)". Code is left as it is. Linear in the text's length: links and paired marks are
 * scanners, not patterns that search again from every opener.
 */
export function markdownToWhatsapp(markdown: string): string {
  return markdown
    .replace(/\r\n/g, '\n')
    .split(/(```[\s\S]*?```)/g)
    .map((segment) => (segment.startsWith('```') && segment.endsWith('```') && segment.length >= 6 ? codeBlock(segment) : prose(segment)))
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Stands for a WhatsApp bold marker until italics are converted, so "**" never reads as two italics. */
const BOLD = '\u0001';

function codeBlock(fenced: string): string {
  // WhatsApp shows ```text``` as monospace but would print a language tag ("```ts").
  return fenced.replace(/^```[^\n`]*\n/, '```\n');
}

function prose(text: string): string {
  const lines = text.split('\n').map(line);
  return lines
    .join('\n')
    .split(/(`[^`\n]+`)/g)
    .map((part, i) => (i % 2 === 1 ? part : inline(part)))
    .join('')
    .replaceAll(BOLD, '*');
}

function line(text: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(text);
  if (heading) {
    const title = withoutClosingHashes(heading[1]);
    return title ? `${BOLD}${stripEmphasis(title)}${BOLD}` : '';
  }
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(text)) return '';
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(text);
  if (bullet) return `${bullet[1]}• ${bullet[2]}`;
  const numbered = /^(\s*)(\d{1,3})[.)]\s+(.*)$/.exec(text);
  if (numbered) return `${numbered[1]}${numbered[2]}. ${numbered[3]}`;
  return text;
}

function inline(text: string): string {
  const wrap = (t: string, marks: PairedMark[], mark: string) => replacePaired(t, marks, { withinLine: true }, (_, content) => `${mark}${content}${mark}`);
  const bold = wrap(wrap(links(text), STAR_BOLD, BOLD), UNDERSCORE_BOLD, BOLD);
  return wrap(bold.replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1_$2_'), STRIKE, '~');
}

/** The text right inside each mark is not blank. */
const tight = (mark: string): PairedMark => ({ mark, opens: (t, i) => isNonSpace(t[i + mark.length]), closes: (t, j) => isNonSpace(t[j - 1]) });
const STAR_BOLD = [tight('**')];
const STRIKE = [tight('~~')];
/** `__bold__` only between words' edges, so snake_case_names stay as they are. */
const UNDERSCORE_BOLD: PairedMark[] = [
  {
    mark: '__',
    // The character before is part of the match in the regex this replaces, so it cannot end the previous one.
    opens: (t, i, lastEnd) => isNonSpace(t[i + 2]) && (i === 0 || (i - 1 >= lastEnd && !isWordChar(t[i - 1]))),
    closes: (t, j) => isNonSpace(t[j - 1]) && !isWordChar(t[j + 2]),
  },
];

/**
 * `[label](url)` and `![label](url "title")` on one line become "label (url)", or the url alone
 * when the label is empty or the url itself. Every opener before the same "]" fails or succeeds
 * alike, so the scan goes on after that "]"; each "]", ")" and quote is looked for once.
 */
function links(text: string): string {
  const labelEnd = forwardFinder(text, (ch) => ch === ']' || ch === '\n');
  const urlEnd = forwardFinder(text, (ch) => ch === ')' || isSpace(ch));
  const titleEnd = forwardFinder(text, (ch) => ch === '"');
  let out = '';
  let cursor = 0;
  for (let open = text.indexOf('[', cursor); open >= 0; ) {
    const close = labelEnd(open + 1);
    if (close < 0) break;
    const end = text[close] === ']' && text[close + 1] === '(' ? linkEnd(text, close + 2, urlEnd, titleEnd) : null;
    if (end) {
      const start = open > cursor && text[open - 1] === '!' ? open - 1 : open;
      const label = text.slice(open + 1, close);
      const url = text.slice(close + 2, end.urlEnd);
      out += text.slice(cursor, start) + (label && label !== url ? `${label} (${url})` : url);
      cursor = end.matchEnd;
      open = text.indexOf('[', cursor);
    } else {
      open = text.indexOf('[', close + 1);
    }
  }
  return out + text.slice(cursor);
}

/** Where the url that starts at `from` ends, and the match after its optional title and ")"; null if none. */
function linkEnd(text: string, from: number, urlEnd: (from: number) => number, titleEnd: (from: number) => number): { urlEnd: number; matchEnd: number } | null {
  const url = urlEnd(from);
  if (url <= from) return null;
  if (text[url] === ')') return { urlEnd: url, matchEnd: url + 1 };
  let quote = url;
  while (isSpace(text[quote])) quote += 1;
  if (text[quote] !== '"') return null;
  const closing = titleEnd(quote + 1);
  return closing >= 0 && text[closing + 1] === ')' ? { urlEnd: url, matchEnd: closing + 2 } : null;
}

/** A heading's optional closing hashes and the blanks around them (`### Preços ##`), read from the end. */
function withoutClosingHashes(heading: string): string {
  let end = heading.length;
  while (end > 0 && isSpace(heading[end - 1])) end -= 1;
  while (end > 0 && heading[end - 1] === '#') end -= 1;
  while (end > 0 && isSpace(heading[end - 1])) end -= 1;
  return heading.slice(0, end);
}

function stripEmphasis(text: string): string {
  return text.replace(/\*\*|__/g, '').replace(/(^|\s)[*_](\S)/g, '$1$2').replace(/(\S)[*_](\s|$)/g, '$1$2');
}
