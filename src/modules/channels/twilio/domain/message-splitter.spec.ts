import { splitMessage, WHATSAPP_MAX_BODY } from './message-splitter';

const words = (n: number, word = 'palavra') => Array.from({ length: n }, () => word).join(' ');

describe('splitMessage', () => {
  it('keeps a body that fits as one part', () => {
    expect(splitMessage('Olá! Tudo bem?')).toEqual(['Olá! Tudo bem?']);
    expect(splitMessage('x'.repeat(WHATSAPP_MAX_BODY))).toHaveLength(1);
  });

  it('splits at a paragraph break when one keeps the part at least half full', () => {
    const first = `${words(150)}.`;
    const second = `${words(100)}.`;
    expect(splitMessage(`${first}\n\n${second}`)).toEqual([first, second]);
  });

  it('splits at a sentence end when no paragraph break fits, keeping the punctuation', () => {
    const sentence = `${words(40)}.`;
    const body = Array.from({ length: 8 }, () => sentence).join(' ');
    const parts = splitMessage(body);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(WHATSAPP_MAX_BODY);
      expect(part.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(body);
  });

  it('splits between words when a sentence is longer than a part', () => {
    const body = words(500);
    const parts = splitMessage(body);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(WHATSAPP_MAX_BODY);
      expect(part.startsWith('palavra') && part.endsWith('palavra')).toBe(true);
    }
    expect(parts.join(' ')).toBe(body);
  });

  it('cuts inside a word only when there is no space, never between the halves of an emoji', () => {
    const body = 'a' + '😀'.repeat(1000);
    const parts = splitMessage(body, 100);
    expect(parts.join('')).toBe(body);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('splits a 4,000-character answer into ordered parts that rebuild it', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `Parte ${i + 1}. ${words(50)}.`);
    const body = paragraphs.join('\n\n');
    expect(body.length).toBeGreaterThan(4000);
    const parts = splitMessage(body);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.length <= WHATSAPP_MAX_BODY)).toBe(true);
    expect(parts.join('\n\n')).toBe(body);
  });
});

describe('splitMessage on a million characters', () => {
  it('splits a million dots, which hold no sentence end, into full parts without searching each part from every dot', () => {
    // Parts of 100,000 characters: a search from every dot would be 10^10 steps per part.
    const parts = splitMessage('.'.repeat(1_000_000), 100_000);
    expect(parts).toEqual(Array.from({ length: 10 }, () => '.'.repeat(100_000)));
    expect(splitMessage('.'.repeat(1_000_000))).toHaveLength(Math.ceil(1_000_000 / WHATSAPP_MAX_BODY));
  });
});
