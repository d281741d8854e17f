import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificatesService, OpenBadgesService, type Principal } from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import type { KarvanReply } from '../common/request-context.js';
import { RevokeDto } from './certificates.dto.js';
import { ApiFile, ApiList, ApiObject } from '../common/openapi.js';

/** A holder's certificates, their files, and the staff's revoke and re-issue. */
@ApiTags('certificates')
@ApiBearerAuth()
@Access('signed-in')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly badges: OpenBadgesService,
  ) {}

  @ApiExcludeEndpoint()
  @Get('certificates')
  async mine(@CurrentUser() me: Principal, @Res() reply: KarvanReply) {
    await renderPage(reply, 'pages/certificates/mine', { certificates: await this.certificates.mine(me) });
  }

  @ApiOperation({ summary: 'My certificates, with their verification links.' })
  @ApiList('My certificates.')
  @Get('api/v1/me/certificates')
  myCertificates(@CurrentUser() me: Principal) {
    return this.certificates.mine(me);
  }

  @ApiOperation({ summary: 'The certificate as PDF (holder and staff only; not served once revoked).' })
  @ApiFile('application/pdf', 'The certificate.')
  @Get(['certificates/:id/certificate.pdf', 'api/v1/certificates/:id/pdf'])
  async pdf(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const { filename, data } = await this.certificates.pdf(me, id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${filename}"`)
      .header('cache-control', 'private, no-store')
      .send(data);
  }

  @ApiOperation({
    summary:
      'The certificate as an Open Badges 3.0 credential, a VC-JWT signed with RS256, with a revocation status entry.',
  })
  @ApiFile('application/vc+jwt', 'The signed credential.')
  @Get(['certificates/:id/credential.jwt', 'api/v1/certificates/:id/credential'])
  async credential(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCredential(reply, 'application/vc+jwt', await this.badges.jwt(me, id));
  }

  @ApiOperation({
    summary:
      'The certificate as an Open Badges 3.0 credential in JSON-LD with a Data Integrity proof (eddsa-rdfc-2022).',
  })
  @ApiFile('application/vc+ld+json', 'The credential with its proof.')
  @Get(['certificates/:id/credential.jsonld', 'api/v1/certificates/:id/credential-ld'])
  async linkedDataCredential(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCredential(reply, 'application/vc+ld+json', await this.badges.linkedData(me, id));
  }

  @ApiExcludeEndpoint()
  @Access('certificate.manage')
  @Post('certificates/:id/revoke')
  async revokeForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    // The same DTO as the API; an empty or overlong reason is left to the service, whose message
    // (in the reader's language) is shown on the error page.
    const { value } = await parseForm(RevokeDto, body);
    const certificate = await this.certificates.revoke(me, id, typeof value.reason === 'string' ? value.reason : '');
    await reply.redirect(`/verify/${certificate.code}`, 303);
  }

  @ApiOperation({ summary: 'Revoke a certificate, with a reason (coordinators and admins).' })
  @Access('certificate.manage')
  @ApiObject('The certificate, revoked.')
  @Post('api/v1/certificates/:id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: RevokeDto) {
    return this.certificates.revoke(me, id, body.reason);
  }

  @ApiOperation({ summary: 'Render and sign a certificate again; a revoked one is reinstated.' })
  @Access('certificate.manage')
  @ApiObject('The certificate, to be rendered and signed again.')
  @Post(['certificates/:id/reissue', 'api/v1/certificates/:id/reissue'])
  @HttpCode(200)
  async reissue(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const certificate = await this.certificates.reissue(me, id);
    await respond(reply, certificate, `/verify/${certificate.code}`);
  }
}

async function sendCredential(reply: KarvanReply, type: string, file: { filename: string; body: string }) {
  await reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}
