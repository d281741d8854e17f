import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PDF/UA-1 gives a tagged PDF with the document language and title; see docs/architecture.md. */
export const PDF_VARIANT = 'pdf/ua-1';

/**
 * Renders the book's HTML with WeasyPrint. The media go beside the document in a scratch folder,
 * so `media/…` addresses resolve, and nothing outside it is read but the fonts.
 */
export async function renderPdf(html: string, media: Map<string, Buffer>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'karvan-book-'));
  try {
    for (const [path, bytes] of media) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    const input = join(dir, 'book.html');
    const output = join(dir, 'book.pdf');
    await writeFile(input, html, 'utf8');
    await run('weasyprint', ['--quiet', '--pdf-variant', PDF_VARIANT, input, output], {
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
