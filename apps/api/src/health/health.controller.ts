import { Controller, Get, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MaintenanceService } from '@karvan/domain';
import { Public } from '../common/decorators.js';
import type { KarvanReply } from '../common/request-context.js';

const CHECK_TIMEOUT_MS = 2_000;

type CheckResult = 'up' | 'down';

const CHECK = { type: 'string', enum: ['up', 'down'] };
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    checks: { type: 'object', required: ['database', 'queue'], properties: { database: CHECK, queue: CHECK } },
  },
};

/** Liveness and readiness in one: 200 when the database and the queue answer, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly maintenance: MaintenanceService,
  ) {}

  @Public()
  @ApiResponse({ status: 200, description: 'Both answer.', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'One does not.', schema: HEALTH_SCHEMA })
  @Get()
  async health(@Res({ passthrough: true }) reply: KarvanReply) {
    const [database, queue] = await Promise.all([
      check(() => this.db.query('SELECT 1')),
      check(() => this.maintenance.ping()),
    ]);
    const ok = database === 'up' && queue === 'up';
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, queue } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
