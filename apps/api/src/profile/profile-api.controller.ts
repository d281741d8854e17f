import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiTokensService, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import type { RequestState as State } from '../common/request-context.js';
import { THROTTLES } from '../common/throttles.js';
import {
  CreatedTokenResponse,
  CreateTokenDto,
  MeResponse,
  PasswordChangeDto,
  ProfileDto,
  TokenResponse,
} from './dto/profile.dto.js';
import { ProfileService } from './profile.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Access('signed-in')
@Controller('api/v1/me')
export class ProfileApiController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly tokens: ApiTokensService,
  ) {}

  /** The signed-in user. */
  @Get()
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() me: Principal) {
    return (await this.profiles.overview(me)).profile;
  }

  /** Updates name, organisation, position and preferred language. */
  @Patch()
  @ApiOkResponse({ type: MeResponse })
  update(@CurrentUser() me: Principal, @Body() body: ProfileDto) {
    return this.profiles.update(me, body);
  }

  /** Changes the password and signs out every other session. */
  @Put('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() me: Principal, @RequestState() state: State, @Body() body: PasswordChangeDto) {
    await this.profiles.changePassword(me, body, state.sessionToken);
  }

  @Get('tokens')
  @ApiOkResponse({ type: [TokenResponse] })
  listTokens(@CurrentUser() me: Principal) {
    return this.tokens.list(me.userId);
  }

  /** Creates a personal access token; the token itself is in this response only. Not with a token. */
  @Post('tokens')
  @RouteConfig({ rateLimit: THROTTLES.tokenCreation })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  createToken(@CurrentUser() me: Principal, @Body() body: CreateTokenDto) {
    return this.tokens.create(me, body);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.tokens.revoke(me.userId, id);
  }
}
