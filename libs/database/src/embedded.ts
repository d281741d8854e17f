import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { announceEmbedded, withdrawEmbedded } from './embedded-address.js';
import { SequenceQueryQueue } from './pglite-queue.js';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) in this process, served on a loopback port so pg, TypeORM
 * and BullMQ talk to it like to any PostgreSQL. With a data directory it survives restarts.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string } = {}): Promise<EmbeddedPostgres> {
  let path: string | undefined;
  if (options.dataDir) {
    path = join(options.dataDir, 'pgdata');
    mkdirSync(path, { recursive: true });
  }
  const db = await PGlite.create(path);
  // One session is shared by every socket connection, and PGlite ignores the search_path BullMQ
  // asks for at connect time; "public" first so TypeORM's tables never land in bullmq's schema.
  await db.exec('SET search_path TO public, bullmq');
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    // The default is 1; it must cover TypeORM's pool, BullMQ's pools and its LISTEN clients.
    maxConnections: 64,
  });
  // Before any connection exists: every socket handler takes the server's queue when it is made.
  (server as unknown as { queryQueue: SequenceQueryQueue }).queryQueue = new SequenceQueryQueue(db);
  await server.start();
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  if (options.dataDir) await announceEmbedded(options.dataDir, url);
  return {
    url,
    async stop() {
      if (options.dataDir) await withdrawEmbedded(options.dataDir);
      await server.stop();
      await db.close();
    },
  };
}
