import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { PdfTextExtractor } from '../../application/knowledge-base/ports/pdf-text-extractor.port';
import { KbInvalidPdfError, PDF_MAX_PAGES, type PdfTextItem } from '../../domain/knowledge-base/pdf-text';
import { PDFJS_WORKER_SCRIPT, type PdfJsWorkerInput, type PdfJsWorkerOutcome } from './pdfjs-worker-script';

/** How much a PDF may ask of us before it is refused as unreadable. */
export interface PdfReadLimits {
  maxPages: number;
  /** Characters of text, over all pages: compressed streams can hold far more text than the file's size suggests. */
  maxTextChars: number;
  timeoutMs: number;
  /**
   * How much this process may grow while one PDF is read: the worker thread's heap, and also its
   * buffers, which V8's heap limit does not count (pdf.js inflates a content stream into one).
   */
  maxMemoryMb: number;
  /** PDFs read at once by this process; more wait their turn, so parallel uploads cannot add up to many heaps. */
  maxConcurrent: number;
}

export const PDF_READ_LIMITS: PdfReadLimits = { maxPages: PDF_MAX_PAGES, maxTextChars: 2_000_000, timeoutMs: 30_000, maxMemoryMb: 192, maxConcurrent: 2 };

/** How often the process's resident memory is read while a PDF is: pdf.js inflates some hundred MB a second. */
const MEMORY_CHECK_MS = 10;
const MB = 1024 * 1024;

type WorkerEnd = PdfJsWorkerOutcome | { timedOut: true } | { outOfMemory: true } | { crashed: Error } | { exitedEarly: number };

/** pdf.js (pdfjs-dist, legacy build for Node), run in a worker thread per PDF, text only: nothing is rendered. */
export class PdfJsTextExtractor extends PdfTextExtractor {
  private readonly logger = new Logger(PdfJsTextExtractor.name);
  private readonly pdfjsDir = join(dirname(require.resolve('pdfjs-dist/package.json')), '/');
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: PdfReadLimits = PDF_READ_LIMITS) {
    super();
  }

  async extractPages(pdf: Uint8Array): Promise<PdfTextItem[][]> {
    const end = await this.inTurn(() => this.read(pdf));
    if ('pages' in end) return end.pages;
    throw this.failure(end);
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= this.limits.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private read(pdf: Uint8Array): Promise<WorkerEnd> {
    return this.runWorker({
      data: pdf,
      moduleUrl: pathToFileURL(join(this.pdfjsDir, 'legacy/build/pdf.mjs')).href,
      // pdf.js under Node reads these from the file system: paths, with the trailing slash it expects.
      cMapUrl: join(this.pdfjsDir, 'cmaps/'),
      standardFontDataUrl: join(this.pdfjsDir, 'standard_fonts/'),
      maxPages: this.limits.maxPages,
      maxTextChars: this.limits.maxTextChars,
    });
  }

  private runWorker(input: PdfJsWorkerInput): Promise<WorkerEnd> {
    return new Promise((resolve) => {
      const worker = new Worker(PDFJS_WORKER_SCRIPT, {
        eval: true,
        workerData: input,
        // Kept off our stdout: whatever pdf.js prints goes to our logger instead.
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
      });
      for (const stream of [worker.stdout, worker.stderr]) {
        stream.on('data', (chunk: Buffer) => this.logger.warn({ output: chunk.toString().trim() }, 'pdf.js printed'));
      }
      let settled = false;
      const settle = (end: WorkerEnd) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(memoryCheck);
        void worker.terminate();
        resolve(end);
      };
      const timer = setTimeout(() => settle({ timedOut: true }), this.limits.timeoutMs);
      // The resident size of the whole process is what must stay bounded, and the only measure
      // that counts the worker's buffers; a reading running beside this one counts against it too.
      const baseline = process.memoryUsage.rss();
      const memoryCheck = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > this.limits.maxMemoryMb * MB) settle({ outOfMemory: true });
      }, MEMORY_CHECK_MS);
      worker.once('message', (outcome: PdfJsWorkerOutcome) => settle(outcome));
      worker.once('error', (error) => settle({ crashed: error }));
      worker.once('exit', (code) => settle({ exitedEarly: code }));
    });
  }

  private failure(end: Exclude<WorkerEnd, { pages: unknown }>): Error {
    if ('tooManyPages' in end) return new KbInvalidPdfError(`it has ${end.tooManyPages} pages; at most ${this.limits.maxPages} can be indexed`);
    if ('tooMuchText' in end) return new KbInvalidPdfError(`it holds more than ${this.limits.maxTextChars} characters of text`);
    if ('timedOut' in end) return new KbInvalidPdfError(`reading it took longer than ${this.limits.timeoutMs / 1000} s`);
    if ('outOfMemory' in end || ('crashed' in end && (end.crashed as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')) {
      return new KbInvalidPdfError(`reading it needed more than ${this.limits.maxMemoryMb} MB of memory`);
    }
    // Only the PDF changes from one reading to the next: a reader that dies on it was given a broken or hostile file.
    if ('crashed' in end) return this.unreadable(end.crashed.name, end.crashed.message);
    if ('exitedEarly' in end) return this.unreadable('WorkerExit', `exited with code ${end.exitedEarly} before answering`);
    if (end.fault === 'load') return new Error(`pdfjs-dist could not be loaded: ${end.name}: ${end.message}`);
    return this.unreadable(end.name, end.message);
  }

  private unreadable(name: string, message: string): KbInvalidPdfError {
    if (name === 'PasswordException') return new KbInvalidPdfError('it is protected by a password');
    if (name === 'InvalidPDFException') return new KbInvalidPdfError('its structure is invalid');
    // pdf.js's own wording is for developers: logged, not sent.
    this.logger.warn({ name, message }, 'pdf.js could not read an uploaded PDF');
    return new KbInvalidPdfError('it is damaged or uses features that cannot be read');
  }
}
