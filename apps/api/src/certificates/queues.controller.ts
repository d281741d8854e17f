import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueueDashboardService, SigningKeysService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import type { KarvanReply } from '../common/request-context.js';
import { ApiList, ApiResult } from '../common/openapi.js';

/** Admins watch the job queues, see why jobs failed, retry them, and rotate the signing key. */
@ApiTags('admin')
@ApiBearerAuth()
@Access('queue.manage')
@Controller()
export class QueuesController {
  constructor(
    private readonly queues: QueueDashboardService,
    private readonly keys: SigningKeysService,
  ) {}

  @ApiExcludeEndpoint()
  @Get('admin/queues')
  async page(@CurrentUser() me: Principal, @Res() reply: KarvanReply) {
    await renderPage(reply, 'pages/certificates/queues', {
      queues: await this.queues.overview(me),
      keys: await this.keys.publishedKeys(),
    });
  }

  @ApiOperation({ summary: 'Every queue with its job counts and latest failed jobs.' })
  @ApiList('Every queue with its counts and latest failures.')
  @Get('api/v1/admin/queues')
  overview(@CurrentUser() me: Principal) {
    return this.queues.overview(me);
  }

  @ApiOperation({ summary: 'Retry a failed job.' })
  @ApiResult(200, { retried: 'string' })
  @Post(['admin/queues/:queue/jobs/:id/retry', 'api/v1/admin/queues/:queue/jobs/:id/retry'])
  @HttpCode(200)
  async retry(
    @CurrentUser() me: Principal,
    @Param('queue') queue: string,
    @Param('id') id: string,
    @Res() reply: KarvanReply,
  ) {
    await this.queues.retry(me, queue, id);
    await respond(reply, { retried: id }, '/admin/queues');
  }

  @ApiOperation({ summary: 'Retire the signing key and make a new one; what the old key signed stays valid.' })
  @ApiResult(200, { keyId: 'string' })
  @Post(['admin/signing-keys/rotate', 'api/v1/admin/signing-keys/rotate'])
  @HttpCode(200)
  async rotate(@CurrentUser() me: Principal, @Res() reply: KarvanReply) {
    const keyId = await this.keys.rotate(me);
    await respond(reply, { keyId }, '/admin/queues');
  }
}
