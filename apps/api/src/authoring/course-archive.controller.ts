import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CourseArchiveService, CoursesError, CoursesErrorCode, type Principal } from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import { isApiRequest, type KarvanReply, type KarvanRequest } from '../common/request-context.js';
import { ApiFile, ApiObject, ApiUpload } from '../common/openapi.js';

const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

/** Courses to and from zip archives of Markdown files and media (the content/ format). */
@ApiTags('authoring')
@ApiBearerAuth()
@Access('course.edit')
@Controller()
export class CourseArchiveController {
  constructor(private readonly archives: CourseArchiveService) {}

  /** The course as a zip; exporting an unchanged course gives the same bytes. */
  @ApiFile('application/zip', 'The course archive.')
  @Get(['authoring/courses/:course/export', 'api/v1/authoring/courses/:course/export'])
  async export(@CurrentUser() me: Principal, @Param('course') slug: string, @Res() reply: KarvanReply) {
    const zip = await this.archives.export(me, slug);
    await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${slug}.zip"`)
      .send(zip);
  }

  /** Imports a zip made by export (or written by hand in the same format); all or nothing. */
  @Access('course.create')
  @Post(['authoring/import', 'api/v1/authoring/import'])
  @ApiUpload()
  @ApiObject('What was imported.', 201)
  async import(@CurrentUser() me: Principal, @Req() request: KarvanRequest, @Res() reply: KarvanReply) {
    const file = await request.file({ limits: { fileSize: MAX_ARCHIVE_BYTES, files: 1 } });
    if (!file) throw new CoursesError(CoursesErrorCode.ArchiveInvalid, 'Choose a course archive (.zip) to import.');
    const report = await this.archives.import(me, await file.toBuffer());
    if (isApiRequest(request)) return reply.status(201).send(report);
    await reply.redirect(`/authoring/courses/${report.slug}?notice=imported`, 303);
  }
}
