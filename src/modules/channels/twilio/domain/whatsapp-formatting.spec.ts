import { markdownToWhatsapp } from './whatsapp-formatting';

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
