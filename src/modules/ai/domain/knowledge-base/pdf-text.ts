import { DomainError } from '@core/errors/domain-error';

/** One run of text on a PDF page, in reading order, as a PDF reader reports it. */
export interface PdfTextItem {
  str: string;
  /** The run ends its line. */
  hasEOL: boolean;
}

/** The most pages of one PDF that are indexed; a longer one is refused. */
export const PDF_MAX_PAGES = 500;

/** The header a PDF starts with; readers accept it anywhere in the first 1024 bytes. */
const PDF_HEADER = '%PDF-';
const HEADER_WINDOW = 1024;

/** A cheap first check, before any parsing: is there a PDF header where readers look for one? */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return String.fromCharCode(...bytes.subarray(0, HEADER_WINDOW)).includes(PDF_HEADER);
}

/**
 * The text of a PDF for indexing: each page's runs joined into lines, pages separated by a blank
 * line (so they never merge into one paragraph), pages without text left out.
 */
export function assemblePdfText(pages: PdfTextItem[][]): string {
  return pages.map(pageText).filter(Boolean).join('\n\n');
}

function pageText(items: PdfTextItem[]): string {
  // Runs are joined as they come: readers already report the gap between two words as a space
  // (in a run or as a run of its own), while one word is often split into several runs.
  const raw = items.map((item) => cleanRun(item.str) + (item.hasEOL ? '\n' : '')).join('');
  return raw
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Control characters (NUL would even be refused by PostgreSQL) become spaces; line breaks come from hasEOL only. */
function cleanRun(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, ' ');
}

export class KbInvalidPdfError extends DomainError {
  readonly code = 'AI.KB_INVALID_PDF';
  readonly kind = 'unprocessable' as const;
  constructor(reason: string) {
    super(`The file could not be read as a PDF: ${reason}`);
  }
}
