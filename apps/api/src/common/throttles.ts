import type { FastifyInstance } from 'fastify';
import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { AppConfig } from '@karvan/config';
import { AuthError, AuthErrorCode } from '@karvan/domain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Requests per client address on the routes that guess or create credentials. Generous, since a
 * whole office may share one address; each account has its own, stricter back-off on sign-in.
 */
export const THROTTLES = {
  signIn: { max: 30, timeWindow: MINUTE },
  registration: { max: 10, timeWindow: HOUR },
  tokenCreation: { max: 20, timeWindow: HOUR },
  passwordReset: { max: 10, timeWindow: HOUR },
} satisfies Record<string, RateLimitOptions>;

/**
 * Per-address limits, applied only to routes with `@RouteConfig({ rateLimit: THROTTLES.… })`.
 * Counted in Redis when there is one (every api process shares the counts), else in memory.
 */
export async function registerThrottles(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  if (redis) {
    redis.on('error', (error: Error) => fastify.log.warn({ err: error }, 'rate-limit store unavailable'));
    fastify.addHook('onClose', async () => {
      await redis.quit();
    });
  }
  await fastify.register(fastifyRateLimit, {
    global: false,
    redis,
    nameSpace: `${config.queuePrefix}:throttle:`,
    // Without Redis, sign-in stays possible: each account's back-off is in PostgreSQL anyway.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => {
      const minutes = Math.max(1, Math.ceil(context.ttl / MINUTE));
      return new AuthError(
        AuthErrorCode.Throttled,
        `Too many requests from your network. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
        { count: minutes },
      );
    },
  });
}
