import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE } from '@karvan/jobs';
import { createUser } from '@karvan/testing';
import { startTestApp, type TestApp } from './test-app.js';

interface LogLine {
  msg?: string;
  context?: string;
  requestId?: string;
}

/** The JSON lines Nest's logger wrote while `work` ran. */
async function captureLogs(work: () => Promise<void>): Promise<LogLine[]> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return written
    .flatMap((chunk) => chunk.split('\n').filter((line) => line.startsWith('{')))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('request ids in log lines', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Warnings only: the line under test is one, and Fastify's per-request lines stay quiet.
    t = await startTestApp({ LOG_LEVEL: 'warn', LOG_REQUEST_IDS: 'on' });
  });
  afterAll(() => t.close());

  it("writes the request's id into a line Nest's own Logger writes while serving it", async () => {
    // Registering with a taken address e-mails its owner; with the queue down, the dispatcher warns.
    const { email } = await createUser(t.db);
    const queue = t.app.get<Queue>(getQueueToken(MAIL_QUEUE));
    const addBulk = jest.spyOn(queue, 'addBulk').mockRejectedValue(new Error('queue down'));
    const client = t.client();
    await client.get('/register');
    let requestId: string | null = null;
    const lines = await captureLogs(async () => {
      const res = await client.postForm('/register', {
        name: 'Copy',
        email,
        password: 'a long enough password',
        locale: 'en',
      });
      requestId = res.headers.get('x-request-id');
    }).finally(() => addBulk.mockRestore());
    const warning = lines.find((line) => line.msg === 'could not dispatch events');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(warning).toMatchObject({ context: 'EventDispatcher', requestId });
  });

  it('writes no request id outside a request', async () => {
    const lines = await captureLogs(() => Promise.resolve(new Logger('Outside').warn('no request here')));
    const line = lines.find((l) => l.msg === 'no request here');
    expect(line).toMatchObject({ context: 'Outside' });
    expect(line).not.toHaveProperty('requestId');
  });
});
