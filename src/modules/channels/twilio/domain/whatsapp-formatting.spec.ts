import { markdownToWhatsapp } from './whatsapp-formatting';
import { aMillionOf, fingerprint, MILLION } from '@test/support/long-text';

describe('markdownToWhatsapp', () => {
  it.each([
    ['**bold**', '*bold*'],
    ['__bold__', '*bold*'],
    ['*italic*', '_italic_'],
    ['_italic_', '_italic_'],
    ['~~gone~~', '~gone~'],
    ['a **b** and *c* here', 'a *b* and _c_ here'],
    ['[our site](https://example.com)', 'our site (https://example.com)'],
    ['[https://example.com](https://example.com)', 'https://example.com'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
  ])('converts %j to %j', (markdown, whatsapp) => {
    expect(markdownToWhatsapp(markdown)).toBe(whatsapp);
  });

  it('turns headings into bold lines, without emphasis inside', () => {
    expect(markdownToWhatsapp('# Horários\ntexto\n### **Preços** ##')).toBe('*Horários*\ntexto\n*Preços*');
  });

  it('keeps bullet lists as "• " and numbered lists as "1. "', () => {
    expect(markdownToWhatsapp('- um\n* dois\n  + três\n1) primeiro\n2. segundo')).toBe('• um\n• dois\n  • três\n1. primeiro\n2. segundo');
  });

  it('leaves code alone and drops the language tag of a fence', () => {
    expect(markdownToWhatsapp('use `**x**` e\n```ts\nconst a = **b**;\n```')).toBe('use `**x**` e\n```\nconst a = **b**;\n```');
  });

  it('drops horizontal rules and squeezes the blank lines they leave', () => {
    expect(markdownToWhatsapp('a\n\n---\n\nb')).toBe('a\n\nb');
  });
});

/** Each of these shapes was quadratic (a search from every opener); a million characters convert as any text does. */
describe('markdownToWhatsapp on a million characters of openers that never close', () => {

  it.each([
    ['"["', aMillionOf('[')],
    ['"!["', aMillionOf('![')],
    ['"[a](x " links without a ")"', aMillionOf('[a](x ')],
    ['" **a"', aMillionOf(' **a')],
    ['" __a"', aMillionOf(' __a')],
    ['" ~~a"', aMillionOf(' ~~a')],
  ])('leaves %s as it is', (_, markdown) => {
    expect(fingerprint(markdownToWhatsapp(markdown))).toEqual(fingerprint(markdown.trim()));
  });

  it('reads a heading with a million blanks or closing hashes once', () => {
    expect(fingerprint(markdownToWhatsapp(`# a${' '.repeat(MILLION)}b`))).toEqual(fingerprint(`*a${' '.repeat(MILLION)}b*`));
    expect(fingerprint(markdownToWhatsapp(`# ${'#'.repeat(MILLION)}`))).toEqual(fingerprint(''));
  });

  it('still converts a million characters of real links', () => {
    expect(fingerprint(markdownToWhatsapp('[a](x) '.repeat(150_000)))).toEqual(fingerprint('a (x) '.repeat(150_000).trim()));
  });
});
