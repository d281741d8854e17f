import { PassThrough } from 'node:stream';
import { JsonLogger } from './json-logger.js';

describe('JSON log lines', () => {
  it('writes one JSON object per line to the stream it is given, at its level and above', () => {
    const out = new PassThrough();
    const logger = new JsonLogger('warn', out);
    logger.log({ msg: 'e-mail sent', transport: 'outbox' }, 'MailDelivery');
    logger.warn('SMTP refused', 'MailDelivery');
    logger.error(new Error('no connection'), 'stack', 'MailDelivery');
    const lines = String(out.read())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'MailDelivery', msg: 'SMTP refused' }),
      expect.objectContaining({
        level: 50,
        context: 'MailDelivery',
        msg: 'no connection',
        err: 'Error',
        stack: 'stack',
      }),
    ]);
  });
});
