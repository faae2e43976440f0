/**
 * Markdown to plain text for embedding: keeps the words a reader sees (headings, list items, link
 * and image text, code contents) and drops the markup; paragraphs stay separated by a blank line.
 */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s+\S+.*$/gm, '')
    // A heading is a paragraph of its own, also when the text follows on the next line.
    .replace(/^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1\n')
    .replace(/^(.+)\n[=-]{2,}[ \t]*$/gm, '$1')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*([-*+]|\d+[.)])[ \t]+(\[[ xX]\][ \t]+)?/gm, '')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, '')
    .replace(/[ \t]*\|[ \t]*/g, (match, offset: number, whole: string) => (isLineEdge(whole, offset, match.length) ? '' : ' | '))
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)([^*_\n]*?\S)\2(?!\w)/g, '$1$3')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isLineEdge(text: string, offset: number, length: number): boolean {
  const before = offset === 0 || text[offset - 1] === '\n';
  const after = offset + length >= text.length || text[offset + length] === '\n';
  return before || after;
}
