import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { ALL_QUEUES } from '@karvan/jobs';

/** The queues that no processor consumes: their jobs would wait forever. */
export function queuesWithoutProcessor(queues: readonly string[], consumed: Iterable<string>): string[] {
  const seen = new Set(consumed);
  return queues.filter((queue) => !seen.has(queue));
}

export class MissingProcessorError extends Error {
  constructor(readonly queues: string[]) {
    super(`No processor for the queue${queues.length > 1 ? 's' : ''} ${queues.map((q) => `"${q}"`).join(', ')}`);
  }
}

/** Where the processors run, start-up stops when a registered queue has none. */
@Injectable()
export class QueueCoverageCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  // After onModuleInit, when @nestjs/bullmq has given each processor its worker.
  onApplicationBootstrap(): void {
    const consumed = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker.name);
    const missing = queuesWithoutProcessor(ALL_QUEUES, consumed);
    if (missing.length > 0) throw new MissingProcessorError(missing);
  }
}
