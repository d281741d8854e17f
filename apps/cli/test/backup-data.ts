import { createHash, verify as verifySignature } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { DEMO_COMPLETED_COURSE, DemoService } from '@karvan/demo';
import { shippedContent } from '@karvan/testing';
import {
  CertificateIssuer,
  CertificatesService,
  CourseSyncService,
  DomainEvents,
  FileStorage,
  MailDelivery,
  SigningKeysService,
  UsersService,
  CredentialStatusService,
  type EventDispatcher,
} from '@karvan/domain';
import type { DataSource } from 'typeorm';

// Events stay in domain_events, as after a crash before dispatch: no queue is needed here.
const NO_DISPATCH = { dispatch: () => Promise.resolve(0) } as unknown as EventDispatcher;

function services(db: DataSource, config: AppConfig) {
  const events = new DomainEvents(db, NO_DISPATCH);
  const storage = new FileStorage(config);
  const keys = new SigningKeysService(db, config);
  const status = new CredentialStatusService(db, keys, config);
  return { events, storage, keys, certificates: new CertificatesService(db, events, storage, keys, status, config) };
}

/**
 * A shipped course in its three languages with the glossary, the demo accounts and summer school,
 * and the demo certificate issued. One course, not the curriculum: in PGlite each takes a minute.
 */
export async function makeInstallationData(db: DataSource, config: AppConfig): Promise<void> {
  const content = await shippedContent([DEMO_COMPLETED_COURSE]);
  try {
    await new CourseSyncService(db).syncTree(content);
  } finally {
    await rm(content, { recursive: true, force: true });
  }
  await new DemoService(db, new UsersService(db)).seed();
  const { storage, keys } = services(db, config);
  const issuer = new CertificateIssuer(db, storage, keys, new MailDelivery(db, config), config);
  const pending = await db.query<Array<{ id: string }>>(`SELECT id FROM certificates WHERE status = 'pending'`);
  for (const { id } of pending) await issuer.issue(id);
}

export async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const tables = await db.query<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM public."${name}"`);
    counts[name] = row.n;
  }
  return counts;
}

export interface IssuedCertificate {
  code: string;
  pdf: Buffer;
  /** The PDF's hash as signed in the payload. */
  signedPdfSha256: string;
  signatureValid: boolean;
  status: string;
}

/** Every issued certificate as the installation reads it back: its PDF, and its signature checked. */
export async function issuedCertificates(db: DataSource, config: AppConfig): Promise<IssuedCertificate[]> {
  const { certificates, keys } = services(db, config);
  const rows = await db.query<Array<{ code: string; pdf_key: string }>>(
    `SELECT code, pdf_key FROM certificates WHERE status = 'issued' ORDER BY code`,
  );
  const result: IssuedCertificate[] = [];
  for (const row of rows) {
    const v = await certificates.verify(row.code);
    const key = await keys.publicKey(v.keyId!);
    const payload = JSON.parse(v.payload!) as { pdfSha256: string };
    result.push({
      code: row.code,
      pdf: await readFile(join(config.storageDir, row.pdf_key)),
      signedPdfSha256: payload.pdfSha256,
      signatureValid: verifySignature(null, Buffer.from(v.payload!), key!, Buffer.from(v.signature!, 'base64url')),
      status: v.status,
    });
  }
  return result;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
