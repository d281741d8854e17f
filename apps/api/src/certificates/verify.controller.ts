import { Controller, Get, Header, Param, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificatesService, SigningKeysService, translatedText } from '@karvan/domain';
import { Public, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { ApiObject } from '../common/openapi.js';

/** Anyone, signed in or not, can check a certificate and fetch the keys that sign them. */
@ApiTags('certificates')
@Public()
@Controller()
export class VerifyController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly keys: SigningKeysService,
  ) {}

  @ApiExcludeEndpoint()
  @Get('verify')
  async form(@Query('code') code: string | undefined, @Res() reply: KarvanReply) {
    if (code?.trim()) return void (await reply.redirect(`/verify/${encodeURIComponent(code.trim())}`, 303));
    await renderPage(reply, 'pages/certificates/verify-form', {});
  }

  @ApiExcludeEndpoint()
  @Get('verify/:code')
  @Render('pages/certificates/verify')
  async page(@Param('code') code: string, @RequestState() state: State) {
    const { titleTranslations, ...result } = await this.certificates.verify(code);
    // Those who may manage the certificate do it from the page everyone else only reads.
    const manageId =
      result.status === 'unknown' ? null : await this.certificates.manageableId(state.principal, result.code);
    // The title in the reader's language; the page's data stays as small as it is named by.
    const title = translatedText(result.title, titleTranslations, state.locale);
    return { result: { ...result, title }, manageId };
  }

  @ApiOperation({ summary: 'Verify a certificate by its code: valid, revoked (with reason and date) or unknown.' })
  @ApiObject('valid, revoked (with reason and date) or unknown.')
  @Get('api/v1/certificates/verify/:code')
  verify(@Param('code') code: string) {
    return this.certificates.verify(code);
  }

  /** A JSON Web Key Set: every key that ever signed, with when it was made and retired. */
  @ApiOperation({ summary: 'The Ed25519 public keys that sign certificates (JWKS).' })
  @ApiObject('`keys`: a JSON Web Key Set.')
  @Get(['.well-known/karvan-keys.json', '.well-known/jwks.json'])
  @Header('cache-control', 'public, max-age=300')
  async publishedKeys() {
    return { keys: await this.keys.publishedKeys() };
  }
}
