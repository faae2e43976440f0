import { stripMarkdown } from './markdown';
import { aMillionOf, fingerprint, MILLION } from '@test/support/long-text';

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

/**
 * A tenant may upload a million characters. Each of these shapes made a step search again from
 * every opener (quadratic: 120,000 "[" took 16 s of a blocked event loop); the scanners read each
 * once, so a million characters of them are stripped as any other text is.
 */
describe('stripMarkdown on a million characters of openers that never close', () => {

  it.each([
    ['"["', aMillionOf('[')],
    ['"[]("', aMillionOf('[](')],
    ['"[a]("', aMillionOf('[a](')],
    ['"!["', aMillionOf('![')],
    ['"<a"', aMillionOf('<a')],
    ['"<!--"', aMillionOf('<!--')],
    ['"#"', aMillionOf('#')],
    ['" **a"', aMillionOf(' **a')],
    ['" __a"', aMillionOf(' __a')],
    ['" _a"', aMillionOf(' _a')],
    ['"`"', aMillionOf('`')],
    ['"[a" lines, reference labels that never close', aMillionOf('\n[a')],
    ['"[a](b " links without a ")"', aMillionOf('[a](b ')],
  ])('leaves %s as it is', (_, markdown) => {
    expect(fingerprint(stripMarkdown(markdown))).toEqual(fingerprint(markdown.trim()));
  });

  it('leaves fences that never close, where inline code then pairs the last backtick of each line with the first of the next', () => {
    const lines = 200_000;
    const stripped = stripMarkdown('````\n'.repeat(lines));
    expect(fingerprint(stripped)).toEqual(fingerprint(`\`\`\`\n${'``\n'.repeat(lines - 2)}\`\`\``));
  });

  it('drops a heading of a million closing hashes', () => {
    expect(fingerprint(stripMarkdown(`# ${'#'.repeat(MILLION)}`))).toEqual(fingerprint(''));
  });

  it('keeps a heading whose words are a million blanks apart', () => {
    expect(fingerprint(stripMarkdown(`# a${' '.repeat(MILLION)}b`))).toEqual(fingerprint(`a${' '.repeat(MILLION)}b`));
  });

  it.each([
    ['blanks', ' '],
    ['line breaks', '\n'],
    ['carriage returns', '\r'],
  ])('reads a million %s before the text once', (_, blank) => {
    expect(fingerprint(stripMarkdown(`${blank.repeat(MILLION)}x`))).toEqual(fingerprint('x'));
  });

  it('still strips a million characters of real links', () => {
    expect(fingerprint(stripMarkdown('[a](b) '.repeat(150_000)))).toEqual(fingerprint('a '.repeat(150_000).trim()));
  });
});
