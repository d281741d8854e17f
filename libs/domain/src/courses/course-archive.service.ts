import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { readCourseArchive, writeCourseArchive } from './course-archive.js';
import { loadCourseSource } from './course-source.js';
import { CourseSyncService, type CourseSyncReport } from './course-sync.service.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService } from './courses.service.js';

/** A course as a zip of Markdown files and media, in the same format as content/. */
@Injectable()
export class CourseArchiveService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly sync: CourseSyncService,
  ) {}

  async export(principal: Principal, slug: string): Promise<Buffer> {
    const course = await this.courses.getEditable(principal, slug);
    const source = await loadCourseSource(this.db.manager, course.id);
    const media = await this.db.query<Array<{ path: string; bytes: Buffer }>>(
      'SELECT path, bytes FROM media WHERE course_id = $1',
      [course.id],
    );
    return writeCourseArchive(slug, [
      ...source.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.text, 'utf8') })),
      ...media.map((m) => ({ name: m.path, bytes: m.bytes })),
    ]);
  }

  /**
   * Imports an archive as a new draft course, or as a new version of a course the caller may
   * edit. All or nothing: any error in any file refuses the whole archive.
   */
  async import(principal: Principal, bytes: Buffer): Promise<CourseSyncReport> {
    const { source, media } = await readCourseArchive(bytes);
    const existing = await this.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [
      source.slug,
    ]);
    if (existing[0]) await this.courses.assertCanEdit(principal, existing[0].id);
    const report = await this.sync.syncCourse(source, media, {
      origin: 'editor',
      publishNew: false,
      authorId: principal.userId,
      allOrNothing: true,
    });
    if (report.refused.length > 0) {
      throw new CoursesError(
        CoursesErrorCode.ContentInvalid,
        'The archive has errors; nothing was imported.',
        report.problems,
      );
    }
    return report;
  }
}
