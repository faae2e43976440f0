import { assemblePdfText, looksLikePdf, type PdfTextItem } from './pdf-text';

const run = (str: string, hasEOL = false): PdfTextItem => ({ str, hasEOL });
const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('assemblePdfText', () => {
  it('joins the runs of a line as they come and ends a line where a run has hasEOL', () => {
    const page = [run('Deliv'), run('eries'), run(' '), run('to Recife', true), run('take three'), run(' business days.')];
    expect(assemblePdfText([page])).toBe('Deliveries to Recife\ntake three business days.');
  });

  it('separates pages by a blank line so the chunker never merges two pages into one paragraph', () => {
    expect(assemblePdfText([[run('Page one.')], [run('Page two.')]])).toBe('Page one.\n\nPage two.');
  });

  it('leaves out pages and lines without text, and empty runs that only break a line', () => {
    const page = [run('First', true), run('', true), run('   ', true), run('Second')];
    expect(assemblePdfText([[], [run('  ', true)], page, []])).toBe('First\nSecond');
  });

  it('collapses runs of white space and trims each line', () => {
    expect(assemblePdfText([[run('  We  open \t at'), run('   9 am.  ', true)]])).toBe('We open at 9 am.');
  });

  it('turns control characters such as NUL into spaces', () => {
    expect(assemblePdfText([[run('Store\u0000hours\u0007today')]])).toBe('Store hours today');
  });

  it('gives an empty text for a PDF with no text at all, as a scanned one', () => {
    expect(assemblePdfText([[], []])).toBe('');
    expect(assemblePdfText([])).toBe('');
  });
});

describe('looksLikePdf', () => {
  it('finds the %PDF- header at the start or within the first 1024 bytes', () => {
    expect(looksLikePdf(bytes('%PDF-1.4\n%...'))).toBe(true);
    expect(looksLikePdf(bytes(`${'x'.repeat(1000)}%PDF-1.7`))).toBe(true);
  });

  it('refuses bytes without a header where readers look for one', () => {
    expect(looksLikePdf(bytes('hello, not a PDF'))).toBe(false);
    expect(looksLikePdf(bytes(`${'x'.repeat(1024)}%PDF-1.7`))).toBe(false);
    expect(looksLikePdf(new Uint8Array())).toBe(false);
  });
});
