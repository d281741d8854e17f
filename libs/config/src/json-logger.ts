import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from './config.js';
import { logContext } from './log-context.js';

const RANK: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };
const NEST_TO_LEVEL: Record<NestLogLevel, LogLevel> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * Nest's logger as one JSON object per line, in the same shape as Fastify's request logs: on
 * standard output for the api and the worker, on standard error for the command line, whose
 * standard output is the command's answer.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  log(message: unknown, context?: string): void {
    this.write('log', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext, context ? stackOrContext : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('verbose', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(nestLevel: NestLogLevel, message: unknown, context?: string, stack?: string): void {
    const level = NEST_TO_LEVEL[nestLevel];
    if (RANK[level] < RANK[this.level]) return;
    const fields =
      message instanceof Error
        ? { msg: message.message, err: message.name }
        : typeof message === 'object' && message !== null
          ? message
          : { msg: String(message) };
    const requestId = logContext.getStore()?.requestId;
    const line = {
      level: RANK[level],
      time: Date.now(),
      ...(requestId ? { requestId } : {}),
      context,
      ...fields,
      ...(stack ? { stack } : {}),
    };
    this.out.write(`${JSON.stringify(line)}\n`);
  }
}
