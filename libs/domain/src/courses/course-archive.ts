import { PassThrough } from 'node:stream';
import type { CourseSource, SourceFile } from '@karvan/content';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { controlCharacterIn, printableName } from '../shared/control-characters.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';

// A fixed date and mode make the archive of the same course byte-identical every time.
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
const MAX_ENTRIES = 2_000;
const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

export interface ArchiveFile {
  name: string;
  bytes: Buffer;
}

/** Zips a course as `<slug>/course.md`, `<slug>/01-….md`, `<slug>/media/…`, in name order. */
export async function writeCourseArchive(slug: string, files: ArchiveFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    zip.addBuffer(file.bytes, `${slug}/${file.name}`, { mtime: FIXED_MTIME, mode: 0o100644, compress: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  zip.outputStream.pipe(sink);
  for await (const chunk of sink) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ReadArchive {
  source: CourseSource;
  media: Map<string, Buffer>;
}

/** Reads a course archive back into files; anything that is not a course in one folder is refused. */
export async function readCourseArchive(bytes: Buffer): Promise<ReadArchive> {
  const entries = await unzip(bytes);
  const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  const tops = new Set(names.map((n) => n.split('/')[0]));
  if (names.length === 0 || tops.size !== 1 || names.some((n) => !n.includes('/'))) {
    throw refuse('The archive must hold exactly one course folder, e.g. my-course/course.md.');
  }
  const slug = [...tops][0];
  const files: SourceFile[] = [];
  const media = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    checkedText(entry.name, entry.name);
    const name = entry.name.slice(slug.length + 1);
    if (name.split('/').some((part) => part === '..' || part === '' || part.startsWith('.'))) {
      throw refuse(`The archive has an unsafe path: ${entry.name}`);
    }
    if (name.startsWith('media/')) media.set(name, entry.bytes);
    else if (name.endsWith('.md') && !name.includes('/'))
      files.push({ name, path: `${slug}/${name}`, text: checkedText(entry.name, entry.bytes.toString('utf8')) });
    else throw refuse(`The archive has a file Karvan does not know what to do with: ${entry.name}`);
  }
  return { source: { slug, path: slug, files, media: [...media.keys()] }, media };
}

/** Module text goes to the database as text, where a NUL byte cannot go; media stay bytes. */
function checkedText(file: string, text: string): string {
  const codePoint = controlCharacterIn(text);
  if (!codePoint) return text;
  const shown = printableName(file);
  throw new CoursesError(
    CoursesErrorCode.ArchiveControlCharacter,
    `The file "${shown}" in the archive contains a control character (${codePoint}); remove it and import again.`,
    { [shown]: `contains a control character (${codePoint})` },
    { file: shown, codePoint },
  );
}

function refuse(message: string): CoursesError {
  return new CoursesError(CoursesErrorCode.ArchiveInvalid, message);
}

function unzip(bytes: Buffer): Promise<ArchiveFile[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(refuse('This file is not a zip archive.'));
      const files: ArchiveFile[] = [];
      let total = 0;
      zip.on('error', () => reject(refuse('The zip archive is damaged.')));
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (files.length >= MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
          zip.close();
          return reject(refuse('The archive is too large for a course (2,000 files, 100 MB at most).'));
        }
        if (entry.fileName.endsWith('/')) {
          files.push({ name: entry.fileName, bytes: Buffer.alloc(0) });
          return zip.readEntry();
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(refuse('The zip archive is damaged.'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', () => reject(refuse('The zip archive is damaged.')));
          stream.on('end', () => {
            files.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
