import type { PdfTextItem } from '../../../domain/knowledge-base/pdf-text';

/** Reads the text runs of each page of a PDF, in page order. */
export abstract class PdfTextExtractor {
  /** Throws KbInvalidPdfError for bytes that are not a readable PDF (malformed, password-protected, too large or too slow to read). */
  abstract extractPages(pdf: Uint8Array): Promise<PdfTextItem[][]>;
}
