import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

/**
 * Minimal valid PDFs written by hand for tests: one page per entry, each line of text set in
 * Helvetica, with a correct cross-reference table. A page with no lines carries only a drawn
 * rectangle, as a scanned page carries only an image. `passwordProtected` adds a standard
 * security handler whose user password is not empty, so a reader needs a password to open it.
 * `paddingBytes` makes the file larger with comment lines, which readers skip. `deflatedContent`
 * replaces the first page's content stream with these FlateDecode bytes, as they are.
 */
export function buildPdf(pages: string[][], options: { passwordProtected?: boolean; paddingBytes?: number; deflatedContent?: Buffer } = {}): Buffer {
  const pageIds = pages.map((_, i) => 4 + 2 * i);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((lines, i) => {
    const stream = lines.length ? `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((line) => `(${escape(line)}) Tj T*`).join(' ')} ET` : '72 72 468 648 re S';
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`);
    if (i === 0 && options.deflatedContent) {
      objects.push(`<< /Length ${options.deflatedContent.length} /Filter /FlateDecode >>\nstream\n${options.deflatedContent.toString('latin1')}\nendstream`);
    } else {
      objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    }
  });
  let trailerExtra = '';
  if (options.passwordProtected) {
    objects.push(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >>`);
    trailerExtra = ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`;
  }
  let pdf = '%PDF-1.4\n';
  for (let left = options.paddingBytes ?? 0; left > 0; left -= 100) pdf += `%${'x'.repeat(98)}\n`;
  const offsets = objects.map((body, i) => {
    const offset = Buffer.byteLength(pdf, 'latin1');
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function escape(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * zlib's deflate of `unit` repeated `times` times, written one unit at a time: a few hundred KiB
 * that inflate to hundreds of MiB, without the inflated bytes ever being in this process.
 */
export async function deflateRepeated(unit: Buffer, times: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  for (let i = 0; i < times; i += 1) if (!deflate.write(unit)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  return Buffer.concat(out);
}
