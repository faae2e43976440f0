import { stripMarkdown } from './markdown';

describe('stripMarkdown', () => {
  it('keeps heading text without the hashes, as a paragraph of its own, and separates paragraphs by a blank line', () => {
    expect(stripMarkdown('# Store hours\n\nWe open at 9.\n\n## Weekends ##\nClosed.')).toBe('Store hours\n\nWe open at 9.\n\nWeekends\n\nClosed.');
  });

  it('drops emphasis, inline code and strikethrough markers but keeps their words', () => {
    expect(stripMarkdown('We are **very** _open_ to `returns` and ~~never~~ closed.')).toBe('We are very open to returns and never closed.');
  });

  it('keeps the text of links and images, not their URLs', () => {
    expect(stripMarkdown('See [our policy](https://x.test/p) and ![the map](map.png).')).toBe('See our policy and the map.');
  });

  it('removes list markers, quote markers, rules and HTML tags', () => {
    const md = '- first\n* second\n1. third\n- [x] done\n\n> quoted\n\n---\n\n<b>bold</b> text';
    expect(stripMarkdown(md)).toBe('first\nsecond\nthird\ndone\n\nquoted\n\nbold text');
  });

  it('keeps the contents of fenced code blocks without the fences', () => {
    expect(stripMarkdown('Run:\n\n```bash\nnpm start\n```\n')).toBe('Run:\n\nnpm start');
  });

  it('turns tables into rows of cells', () => {
    expect(stripMarkdown('| Day | Hours |\n|---|---|\n| Mon | 9-18 |')).toBe('Day | Hours\n\nMon | 9-18');
  });

  it('leaves snake_case words and arithmetic alone', () => {
    expect(stripMarkdown('Use order_id and 2 * 3 * 4.')).toBe('Use order_id and 2 * 3 * 4.');
  });
});
