import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CoursesError, CoursesErrorCode, MAX_MEDIA_BYTES, MediaService, type Principal } from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import type { KarvanReply, KarvanRequest } from '../common/request-context.js';

/**
 * Course images. Served so they can never act as a page: exact type, no sniffing, and a sandbox
 * policy that stops scripts even in an SVG opened on its own.
 */
@ApiExcludeController()
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Access('course.edit')
  @Post('authoring/courses/:course/media')
  async upload(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const file = await request.file({ limits: { fileSize: MAX_MEDIA_BYTES, files: 1 } });
    if (!file) throw new CoursesError(CoursesErrorCode.MediaRefused, 'Choose an image file to upload.');
    const bytes = await file.toBuffer();
    const stored = await this.media.upload(me, courseSlug, file.filename, bytes);
    await reply.redirect(
      `/authoring/courses/${courseSlug}?notice=uploaded&file=${encodeURIComponent(stored.path)}`,
      303,
    );
  }

  @Access('signed-in')
  @Get('media/:course/:file')
  async serve(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('file') file: string,
    @Res() reply: KarvanReply,
  ) {
    const stored = await this.media.get(me, courseSlug, `media/${file}`);
    await reply
      .header('content-type', stored.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox")
      .header('content-disposition', `inline; filename="${file}"`)
      .header('cache-control', 'private, max-age=3600')
      .header('etag', `"${stored.sha256}"`)
      .send(stored.bytes);
  }
}
