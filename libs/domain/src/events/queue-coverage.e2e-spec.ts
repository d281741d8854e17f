import { Test } from '@nestjs/testing';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@karvan/config';
import { BOOKS_QUEUE, CERTIFICATES_QUEUE, JobsModule, MAIL_QUEUE, MAINTENANCE_QUEUE } from '@karvan/jobs';
import { MissingProcessorError, QueueCoverageCheck, queuesWithoutProcessor } from './queue-coverage.js';

@Processor(MAIL_QUEUE)
class MailStub extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Processor(CERTIFICATES_QUEUE)
class CertificatesStub extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Processor(BOOKS_QUEUE)
class BooksStub extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

@Processor(MAINTENANCE_QUEUE)
class MaintenanceStub extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

/** Real BullMQ workers on Redis, under a queue prefix no other test uses. */
async function start(processors: Array<new () => WorkerHost>) {
  const config = { ...loadConfig(), queuePrefix: `${process.env.QUEUE_PREFIX}_coverage` };
  return Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), JobsModule, DiscoveryModule],
    providers: [...processors, QueueCoverageCheck],
  }).compile();
}

describe('the worker refuses to start when a queue has no processor', () => {
  it('names the queues no processor consumes', () => {
    expect(queuesWithoutProcessor(['maintenance', 'mail', 'certificates'], ['mail'])).toEqual([
      'maintenance',
      'certificates',
    ]);
  });

  it('stops start-up, naming the queue, when the certificates processor is missing', async () => {
    const app = await start([MailStub, MaintenanceStub, BooksStub]);
    try {
      const init = app.init();
      await expect(init).rejects.toThrow(MissingProcessorError);
      await expect(init).rejects.toThrow('No processor for the queue "certificates"');
    } finally {
      await app.close();
    }
  });

  it('starts when every registered queue has its processor', async () => {
    const app = await start([MailStub, MaintenanceStub, CertificatesStub, BooksStub]);
    try {
      await expect(app.init()).resolves.toBeDefined();
    } finally {
      await app.close();
    }
  });
});
