import { assemblePdfText, KbInvalidPdfError } from '../../src/modules/ai/domain/knowledge-base/pdf-text';
import { PDF_READ_LIMITS, PdfJsTextExtractor } from '../../src/modules/ai/infrastructure/knowledge-base/pdfjs-text-extractor';
import { buildPdf, deflateRepeated } from '../support/pdf';

/** The real pdfjs-dist in its worker thread, on PDFs written by hand. */
describe('PdfJsTextExtractor', () => {
  const extractor = new PdfJsTextExtractor();
  const refusal = (promise: Promise<unknown>) => promise.then(() => new Error('expected a refusal'), (error: unknown) => error);

  it('reads the text runs of every page, in order, with their line ends', async () => {
    const pdf = buildPdf([['Store hours', 'We open at 9 am (except Sundays).'], [], ['Deliveries to Recife take three business days.']]);
    const pages = await extractor.extractPages(pdf);
    expect(pages).toHaveLength(3);
    expect(pages[1]).toEqual([]);
    expect(assemblePdfText(pages)).toBe('Store hours\nWe open at 9 am (except Sundays).\n\nDeliveries to Recife take three business days.');
  });

  it('reads PDFs uploaded at the same time one after the other when only one may be read at once', async () => {
    const oneAtATime = new PdfJsTextExtractor({ ...PDF_READ_LIMITS, maxConcurrent: 1 });
    const texts = await Promise.all(['first', 'second', 'third'].map(async (word) => assemblePdfText(await oneAtATime.extractPages(buildPdf([[word]])))));
    expect(texts).toEqual(['first', 'second', 'third']);
  });

  it('refuses a password-protected PDF', async () => {
    const error = await refusal(extractor.extractPages(buildPdf([['Secret']], { passwordProtected: true })));
    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect((error as Error).message).toMatch(/protected by a password/);
  });

  it('refuses bytes that start like a PDF but are not one', async () => {
    const error = await refusal(extractor.extractPages(Buffer.from('%PDF-1.7\nnothing else here\n')));
    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect(error).toMatchObject({ code: 'AI.KB_INVALID_PDF' });
  });

  it('refuses a PDF with more pages than the cap, before reading them', async () => {
    const capped = new PdfJsTextExtractor({ ...PDF_READ_LIMITS, maxPages: 2 });
    const error = await refusal(capped.extractPages(buildPdf([['one'], ['two'], ['three']])));
    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect((error as Error).message).toMatch(/it has 3 pages; at most 2 can be indexed/);
  });

  it('refuses a PDF holding more text than the cap', async () => {
    const capped = new PdfJsTextExtractor({ ...PDF_READ_LIMITS, maxTextChars: 20 });
    const error = await refusal(capped.extractPages(buildPdf([['a line of twenty-five chars']])));
    expect((error as Error).message).toMatch(/more than 20 characters of text/);
  });

  it('refuses a PDF whose reading needs more memory than the worker thread may take', async () => {
    const frugal = new PdfJsTextExtractor({ ...PDF_READ_LIMITS, maxMemoryMb: 2 });
    const error = await refusal(frugal.extractPages(buildPdf([['x']])));
    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect((error as Error).message).toMatch(/needed more than 2 MB of memory/);
  });

  it('refuses a small PDF whose content stream inflates to 600 MiB, and the process grows by far less than that', async () => {
    const MiB = 1024 * 1024;
    const bomb = buildPdf([['x']], { deflatedContent: await deflateRepeated(Buffer.alloc(MiB, ' '), 600) });
    expect(bomb.length).toBeLessThan(MiB);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);

    const error = await refusal(extractor.extractPages(bomb)).finally(() => clearInterval(sampler));

    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect((error as Error).message).toMatch(/needed more than \d+ MB of memory/);
    expect((peak - before) / MiB).toBeLessThan(250);
  });

  it('gives up on a PDF that is not read within the time limit', async () => {
    const impatient = new PdfJsTextExtractor({ ...PDF_READ_LIMITS, timeoutMs: 0 });
    const error = await refusal(impatient.extractPages(buildPdf([['slow']])));
    expect(error).toBeInstanceOf(KbInvalidPdfError);
    expect((error as Error).message).toMatch(/took longer than 0 s/);
  });
});
