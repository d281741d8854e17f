import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificatesService, type Principal } from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import type { KarvanReply } from '../common/request-context.js';
import { ApiObject, ApiResult } from '../common/openapi.js';

/** The staff's view of a course's certificates: who completed, what was issued, issue the missing. */
@ApiTags('certificates')
@ApiBearerAuth()
@Access('certificate.manage')
@Controller()
export class CourseCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @ApiExcludeEndpoint()
  @Get('courses/:course/certificates')
  async page(@CurrentUser() me: Principal, @Param('course') slug: string, @Res() reply: KarvanReply) {
    const { title, issuesCertificates, holders } = await this.certificates.courseHolders(me, slug);
    const issued = holders.filter((h) => h.status === 'issued').length;
    const pending = holders.filter((h) => h.status === 'pending').length;
    const missing = issuesCertificates ? holders.filter((h) => !h.status).length : 0;
    const percent = holders.length ? Math.round((issued / holders.length) * 100) : 100;
    await renderPage(reply, 'pages/certificates/course', {
      slug,
      title,
      holders,
      issuesCertificates,
      counts: { total: holders.length, issued, pending, missing, percent },
      // While certificates are being issued, the page offers to look again (no automatic refresh:
      // pages that reload themselves fail people who need time to read).
      refresh: pending > 0,
    });
  }

  @ApiOperation({ summary: 'Everyone who completed the course, with their certificate status.' })
  @ApiObject('The course, whether it issues certificates, and its holders.')
  @Get('api/v1/courses/:course/certificates')
  holders(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return this.certificates.courseHolders(me, slug);
  }

  @ApiOperation({ summary: 'Issue certificates for every completion that has none yet.' })
  @ApiResult(202, { queued: 'integer' })
  @Post(['courses/:course/certificates/issue', 'api/v1/courses/:course/certificates/issue'])
  @HttpCode(202)
  async issue(@CurrentUser() me: Principal, @Param('course') slug: string, @Res() reply: KarvanReply) {
    const queued = await this.certificates.issueForCourse(me, slug);
    await respond(reply, { queued }, `/courses/${slug}/certificates`, 202);
  }
}
