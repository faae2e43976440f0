import { forwardFinder, isNonSpace, type PairedMark, replacePaired } from './linear-scan';

/** Counts the characters a scan reads through its callbacks: linear means a bounded number per character, whatever the shape. */
function counting<A extends unknown[]>(fn: (...args: A) => boolean) {
  const counter = { calls: 0, fn: (...args: A) => ((counter.calls += 1), fn(...args)) };
  return counter;
}

describe('forwardFinder', () => {
  it('answers the first match at or after each position, and -1 past the last', () => {
    const find = forwardFinder('a]b]c', (ch) => ch === ']');
    expect([0, 1, 2, 3, 4, 5].map(find)).toEqual([1, 1, 3, 3, -1, -1]);
  });

  it('reads each character once when asked from every position in turn, as a left-to-right scan asks', () => {
    const n = 100_000;
    const test = counting((ch: string) => ch === ']');
    const text = `${'['.repeat(n)}]`;
    const find = forwardFinder(text, test.fn);
    for (let i = 0; i < text.length; i += 1) find(i);
    expect(test.calls).toBeLessThanOrEqual(text.length);
  });

  it('still answers right when asked out of order', () => {
    const find = forwardFinder('x]x]', (ch) => ch === ']');
    expect([3, 0, 2].map(find)).toEqual([3, 1, 3]);
  });
});

describe('replacePaired', () => {
  const strong = (closes = (t: string, j: number) => isNonSpace(t[j - 1])): PairedMark => ({ mark: '**', opens: (t, i) => isNonSpace(t[i + 2]), closes });
  const unwrap = (text: string, marks: PairedMark[], withinLine = false) => replacePaired(text, marks, { withinLine }, (_, content) => `<${content}>`);

  it('replaces each span with the nearest closing mark of its kind, left to right, without overlaps', () => {
    expect(unwrap('a **b** c **d e** f', [strong()])).toBe('a <b> c <d e> f');
    expect(unwrap('**a **b**', [strong()])).toBe('<a **b>');
    expect(unwrap('** a** **b **c**', [strong()])).toBe('** a** <b **c>');
  });

  it('tries the marks in order, and keeps a span on one line when asked', () => {
    const underscore: PairedMark = { mark: '__', opens: () => true, closes: () => true };
    expect(unwrap('**a __b** c__', [strong(), underscore])).toBe('<a __b> c__');
    expect(unwrap('**a\nb**', [strong()], true)).toBe('**a\nb**');
    expect(unwrap('**a\nb**', [strong()], false)).toBe('<a\nb>');
  });

  it('tells an opener where the previous span ended, so a mark cannot open on a character already replaced', () => {
    const afterGap: PairedMark = { mark: '*', opens: (t, i, lastEnd) => i - 1 >= lastEnd, closes: () => true };
    expect(unwrap('x*a*y*b*', [afterGap])).toBe('x<a>y<b>');
    expect(unwrap('x*a**b*', [afterGap])).toBe('x<a>*b*');
  });

  it('looks at each closing mark once on text full of openers that never close', () => {
    const n = 100_000;
    const closes = counting((t: string, j: number) => isNonSpace(t[j - 1]));
    const text = ' **a'.repeat(n);
    expect(unwrap(text, [strong(closes.fn)])).toBe(text);
    expect(closes.calls).toBeLessThanOrEqual(n);
  });
});
