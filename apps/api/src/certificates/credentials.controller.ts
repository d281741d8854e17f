import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import {
  badgeSvg,
  CertificatesService,
  CredentialStatusService,
  OpenBadgesService,
  STATUS_LIST_TTL_SECONDS,
} from '@karvan/domain';
import { Public } from '../common/decorators.js';
import { ApiFile, ApiObject } from '../common/openapi.js';
import type { KarvanReply } from '../common/request-context.js';

/** What a verifier of an Open Badges credential looks up: the issuer, its keys, the status list, the badge. */
@ApiTags('certificates')
@Public()
@Controller()
export class CredentialsController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly status: CredentialStatusService,
    private readonly badges: OpenBadgesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({
    summary: 'The issuer named in every credential: its Open Badges profile and the keys that prove for it.',
  })
  @ApiObject('The issuer profile and controller document, JSON-LD.')
  @Get('issuer')
  async issuer(@Res() reply: KarvanReply) {
    await reply
      .header('content-type', 'application/ld+json')
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify(await this.badges.issuerDocument()));
  }

  @ApiOperation({
    summary: 'One signing key at its own URI: RSA keys as a JWK (the `kid` of VC-JWTs), Ed25519 keys as a Multikey.',
  })
  @ApiObject('A JSON Web Key or a Multikey verification method.')
  @Get('keys/:id')
  async key(@Param('id') id: string, @Res() reply: KarvanReply) {
    const key = await this.badges.keyDocument(id);
    if (!key) throw new NotFoundException('There is no such key.');
    await reply
      .header('content-type', key.type)
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify(key.document));
  }

  @ApiOperation({ summary: 'The revocation status list of credentials (W3C Bitstring Status List, as a VC-JWT).' })
  @ApiFile('application/vc+jwt', 'The signed status list credential.')
  @Get('credentials/status/1')
  async statusList(@Res() reply: KarvanReply) {
    await reply
      .header('content-type', 'application/vc+jwt')
      .header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`)
      .send(await this.status.listCredential());
  }

  @ApiOperation({ summary: 'The badge image of a course or summer-school cohort (SVG).' })
  @ApiFile('image/svg+xml', 'The badge.')
  @Get('badges/:kind/:file')
  async badge(@Param('kind') kind: string, @Param('file') file: string, @Res() reply: KarvanReply) {
    const key = file.replace(/\.svg$/, '');
    const title = kind === 'course' || kind === 'cohort' ? await this.certificates.badgeTitle(kind, key) : null;
    if (!title) throw new NotFoundException('There is no such badge.');
    await reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(badgeSvg(title, kind as 'course' | 'cohort', this.config.certificateIssuer));
  }
}
