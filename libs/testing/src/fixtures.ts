import { cp, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import yazl from 'yazl';

/** A TCP port nothing listens on now, for a server a test starts itself. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A zip of these files, as a course archive upload would be. */
export async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A content directory holding some of the shipped courses and the glossary they link to: real
 * content for a test that syncs it, without the time of syncing every course (in PGlite, minutes).
 */
export async function shippedContent(courses: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'karvan-content-'));
  const shipped = join(projectRoot(), 'content');
  for (const course of courses)
    await cp(join(shipped, 'courses', course), join(dir, 'courses', course), { recursive: true });
  await cp(join(shipped, 'glossary'), join(dir, 'glossary'), { recursive: true });
  return dir;
}
