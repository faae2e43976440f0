/**
 * Converts the Markdown a language model writes into WhatsApp's own formatting: *bold*, _italic_,
 * ~strike~, ```monospace```. Headings become bold lines, bullets "• ", numbered items "1. ", links
 * "text (url)". Code is left as it is.
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
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
  if (heading) return heading[1] ? `${BOLD}${stripEmphasis(heading[1])}${BOLD}` : '';
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(text)) return '';
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(text);
  if (bullet) return `${bullet[1]}• ${bullet[2]}`;
  const numbered = /^(\s*)(\d{1,3})[.)]\s+(.*)$/.exec(text);
  if (numbered) return `${numbered[1]}${numbered[2]}. ${numbered[3]}`;
  return text;
}

function inline(text: string): string {
  return text
    .replace(/!?\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) => (label && label !== url ? `${label} (${url})` : url))
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^\w])__(?=\S)([^\n]*?\S)__(?!\w)/g, `$1${BOLD}$2${BOLD}`)
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1_$2_')
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, '~$1~');
}

function stripEmphasis(text: string): string {
  return text.replace(/\*\*|__/g, '').replace(/(^|\s)[*_](\S)/g, '$1$2').replace(/(\S)[*_](\s|$)/g, '$1$2');
}
