import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LoopbackSmtp {
  /** Every message accepted, as raw text. */
  received: string[];
  /** How many messages were offered, accepted or not. */
  attempts(): number;
  /** Listens on a free loopback port; resolves to the SMTP_URL to give the app. */
  start(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback for e-mail tests. With `refuseFirst` it answers the first message
 * with a temporary failure (451), as a busy relay does, and accepts the rest.
 */
export function loopbackSmtp({ refuseFirst = false } = {}): LoopbackSmtp {
  const received: string[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => {
        attempts += 1;
        if (refuseFirst && attempts === 1) {
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        received.push(text);
        callback();
      });
    },
  });
  return {
    received,
    attempts: () => attempts,
    start: async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
