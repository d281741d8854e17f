import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService, type CourseSummary } from './courses.service.js';

export const MAX_MEDIA_BYTES = 2 * 1024 * 1024;

/** The image types a module may show, recognised by their first bytes, not by what the upload claims. */
const IMAGE_TYPES: Array<{ type: string; extensions: string[]; matches: (b: Buffer) => boolean }> = [
  {
    type: 'image/png',
    extensions: ['png'],
    matches: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  {
    type: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    matches: (b) => b.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')),
  },
  { type: 'image/gif', extensions: ['gif'], matches: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    extensions: ['webp'],
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    type: 'image/svg+xml',
    extensions: ['svg'],
    matches: (b) => /<svg[\s>]/i.test(b.subarray(0, 4096).toString('utf8')),
  },
];

export interface MediaFile {
  path: string;
  contentType: string;
  size: number;
}

export interface StoredMedia {
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** Course images, kept in the database so every api replica serves the same files. */
@Injectable()
export class MediaService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
  ) {}

  async list(principal: Principal, course: CourseSummary): Promise<MediaFile[]> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const courseId = course.id;
    const rows = await this.db.query<Array<{ path: string; content_type: string; size: number }>>(
      'SELECT path, content_type, octet_length(bytes) AS size FROM media WHERE course_id = $1 ORDER BY path',
      [courseId],
    );
    return rows.map((r) => ({ path: r.path, contentType: r.content_type, size: r.size }));
  }

  async upload(principal: Principal, courseSlug: string, fileName: string, bytes: Buffer): Promise<MediaFile> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const { path, contentType } = checkImage(fileName, bytes);
    await this.put(course.id, path, contentType, bytes);
    return { path, contentType, size: bytes.length };
  }

  async put(courseId: string, path: string, contentType: string, bytes: Buffer): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.db.query(
      `INSERT INTO media (course_id, path, content_type, bytes, sha256) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (course_id, path) DO UPDATE SET content_type = $3, bytes = $4, sha256 = $5, created_at = now()`,
      [courseId, path, contentType, bytes, sha256],
    );
  }

  /**
   * An image of a published course, for anyone signed in; of a draft or archived course only for
   * those who may edit it. To anyone else it does not exist.
   */
  async get(principal: Principal, courseSlug: string, path: string): Promise<StoredMedia> {
    const rows = await this.db.query<
      Array<{ course_id: string; status: string; content_type: string; bytes: Buffer; sha256: string }>
    >(
      `SELECT c.id AS course_id, c.status, m.content_type, m.bytes, m.sha256 FROM media m JOIN courses c ON c.id = m.course_id
       WHERE c.slug = $1 AND m.path = $2`,
      [courseSlug, path],
    );
    const notFound = new CoursesError(CoursesErrorCode.MediaNotFound, 'There is no such image.');
    if (!rows[0]) throw notFound;
    if (rows[0].status !== 'published') {
      await this.courses.assertCanEdit(principal, rows[0].course_id).catch(() => {
        throw notFound;
      });
    }
    return { contentType: rows[0].content_type, bytes: rows[0].bytes, sha256: rows[0].sha256 };
  }
}

/** Accepts an image by its content and extension; returns the path it is stored and linked under. */
export function checkImage(fileName: string, bytes: Buffer): { path: string; contentType: string } {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const safe = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '');
  const extension = safe.split('.').pop() ?? '';
  if (bytes.length === 0 || bytes.length > MAX_MEDIA_BYTES) {
    throw new CoursesError(CoursesErrorCode.MediaRefused, 'An image must be between 1 byte and 2 MB.');
  }
  const kind = IMAGE_TYPES.find((t) => t.extensions.includes(extension));
  if (!kind || !kind.matches(bytes)) {
    throw new CoursesError(
      CoursesErrorCode.MediaRefused,
      'Upload a PNG, JPEG, GIF, WebP or SVG image whose file name ends in its type (e.g. map.png).',
    );
  }
  return { path: `media/${safe}`, contentType: kind.type };
}
