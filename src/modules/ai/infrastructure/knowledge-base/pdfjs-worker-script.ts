/** What the worker is given: the PDF's bytes, where pdf.js and its data live, and the caps. */
export interface PdfJsWorkerInput {
  data: Uint8Array;
  moduleUrl: string;
  cMapUrl: string;
  standardFontDataUrl: string;
  maxPages: number;
  maxTextChars: number;
}

/** What the worker posts back, once. */
export type PdfJsWorkerOutcome =
  | { pages: { str: string; hasEOL: boolean }[][] }
  | { tooManyPages: number }
  | { tooMuchText: true }
  | { fault: 'load' | 'read'; name: string; message: string };

/**
 * The worker thread's program, in plain JavaScript. It is a string run with `eval` so that the
 * same code works from tsc's CommonJS output and under ts-jest, neither of which can load pdf.js
 * (ESM only) with `require`; the thread's native `import()` can. The thread also isolates our
 * process from a hostile PDF: it is killed on a timeout or when it exceeds its memory.
 * isEvalSupported stays false: pdf.js must not compile fonts into functions (CVE-2024-4367).
 */
export const PDFJS_WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');

async function read(input) {
  let pdfjs;
  try {
    pdfjs = await import(input.moduleUrl);
  } catch (error) {
    return { fault: 'load', name: String(error && error.name), message: String(error && error.message) };
  }
  const document = await pdfjs.getDocument({
    data: input.data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: input.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: input.standardFontDataUrl,
  }).promise;
  try {
    if (document.numPages > input.maxPages) return { tooManyPages: document.numPages };
    const pages = [];
    let chars = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item) => typeof item.str === 'string').map((item) => ({ str: item.str, hasEOL: item.hasEOL === true }));
      chars += items.reduce((sum, item) => sum + item.str.length, 0);
      if (chars > input.maxTextChars) return { tooMuchText: true };
      pages.push(items);
      page.cleanup();
    }
    return { pages };
  } finally {
    await document.destroy();
  }
}

read(workerData).then(
  (outcome) => parentPort.postMessage(outcome),
  (error) => parentPort.postMessage({ fault: 'read', name: String(error && error.name), message: String(error && error.message) }),
);
`;
