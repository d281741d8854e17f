import { execFileSync } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { CERTIFICATES_QUEUE } from '@karvan/jobs';
import {
  formatDateTime,
  groupedCode,
  CertificateIssuer,
  DomainEvents,
  requestCertificate,
  type QueueOverview,
  type Verification,
} from '@karvan/domain';
import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import {
  type CertificateApp,
  certificateCourse,
  certificatesOf,
  completeCourse,
  mailsFor,
  signedIn,
  startCertificateApp,
  waitFor,
  waitIssued,
} from './certificate-helpers.js';
import { signIn, type TestApp } from './test-app.js';

interface Jwks {
  keys: Array<{ kid: string; x: string; kty: string; crv: string; retired: string | null }>;
}

describe('certificates: issuing, verifying, revoking', () => {
  let app: CertificateApp;
  let t: TestApp;
  let storage: string;
  let slug: string;
  let admin: WebClient;
  /** A trainer granted on this course: the staff who manage its certificates. */
  let courseStaff: WebClient;

  const staff = (role: 'admin' | 'coordinator' | 'trainer' | 'trainee') => signedIn(t, role);

  beforeAll(async () => {
    app = await startCertificateApp('certs');
    ({ t, storage } = app);
    slug = await certificateCourse(t);
    admin = await staff('admin');
    courseStaff = await courseAuthor();
  });

  async function courseAuthor(): Promise<WebClient> {
    const { email, user } = await createUser(t.db, ['trainer'], 'A course author');
    await t.db.query(
      `INSERT INTO grants (user_id, role, scope_kind, scope_id) SELECT $1, 'course_author', 'course', id FROM courses WHERE slug = $2`,
      [user.id, slug],
    );
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    return client;
  }
  afterAll(() => app.close());

  const pdfFiles = (id: string) => readdirSync(join(storage, 'certificates')).filter((f) => f.startsWith(id));

  it('issues one certificate on completion: PDF for its holder, one e-mail, valid on the public page', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    expect(await certificatesOf(t.db, holder.userId)).toHaveLength(1);
    expect(pdfFiles(cert.id)).toEqual([`${cert.id}.pdf`]);
    await waitFor('the e-mail', async () => (await mailsFor(t.db, holder.email)) === 1);

    const mine = await holder.client.get('/certificates');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Border management basics');
    expect(mine.text).toContain(`/verify/${cert.code}`);
    const pdf = await holder.client.get(`/certificates/${cert.id}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const page = await t.client().get(`/verify/${cert.code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Valid certificate');
    expect(page.text).toContain('Gülnarə Şükürova');
    const json = (await t.client().get(`/api/v1/certificates/verify/${cert.code}`)).json<Verification>();
    // The issue date is shown, not an empty "Issued".
    expect(page.text).toContain(`<dd>${formatDateTime(json.issuedAt, 'en', 'Asia/Baku')}</dd>`);
    expect(json).toMatchObject({ status: 'valid', holder: 'Gülnarə Şükürova', title: 'Border management basics' });
    // The serial as the PDF prints it, on both pages.
    const serial = String(json.serial).padStart(6, '0');
    expect(page.text).toContain(`<dd>${serial}</dd>`);
    expect(mine.text).toContain(`No. ${serial}`);
  });

  it("checks many codes asked for at once, each answer its own holder's; a revocation shows on the next check", async () => {
    const names = ['Aysel Quliyeva', 'Rəşad Məmmədov', 'Ольга Смирнова'];
    const holders = await Promise.all(names.map((name) => completeCourse(t, slug, name)));
    const certs = await Promise.all(holders.map((holder) => waitIssued(t.db, holder.userId)));
    const unknown = 'abcdefghjkmnpqrstvwxyz0123456789';
    const check = () =>
      Promise.all([
        ...certs.map((cert) => t.client().get(`/verify/${cert.code}`)),
        ...certs.map((cert) => t.client().get(`/api/v1/certificates/verify/${groupedCode(cert.code).toUpperCase()}`)),
        t.client().get(`/verify/${unknown}`),
      ]);
    const before = await check();
    certs.forEach((cert, i) => {
      expect([names[i], before[i].text]).toEqual([names[i], expect.stringContaining(names[i])]);
      expect(before[i].text).toContain('Valid certificate');
      expect(before[3 + i].json<Verification>()).toMatchObject({ status: 'valid', holder: names[i], code: cert.code });
    });
    expect(before[6].text).not.toContain('Valid certificate');
    await admin.json('POST', `/api/v1/certificates/${certs[1].id}/revoke`, { reason: 'Issued to the wrong person' });
    const after = await check();
    expect(after.slice(3, 6).map((r) => r.json<Verification>().status)).toEqual(['valid', 'revoked', 'valid']);
    expect(after[1].text).toContain('Revoked certificate');
    expect(after[1].text).toContain(names[1]);
    expect(after[0].text).toContain('Valid certificate');
  });

  it('signs a payload that node:crypto and openssl verify with the published key, and binds the PDF', async () => {
    const holder = await completeCourse(t, slug, 'Anna Ёлкина');
    const cert = await waitIssued(t.db, holder.userId);
    const v = (await t.client().get(`/api/v1/certificates/verify/${cert.code}`)).json<Verification>();
    const jwks = (await t.client().get('/.well-known/karvan-keys.json')).json<Jwks>();
    const jwk = jwks.keys.find((k) => k.kid === v.keyId)!;
    const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    const signature = Buffer.from(v.signature!, 'base64url');
    expect(verifySignature(null, Buffer.from(v.payload!), publicKey, signature)).toBe(true);
    expect(verifySignature(null, Buffer.from(v.payload!.replace('Anna', 'Anne')), publicKey, signature)).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'karvan-openssl-'));
    writeFileSync(join(dir, 'key.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
    writeFileSync(join(dir, 'payload'), v.payload!);
    writeFileSync(join(dir, 'sig'), signature);
    const openssl = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(dir, 'key.pem'),
      '-rawin',
      '-in',
      join(dir, 'payload'),
      '-sigfile',
      join(dir, 'sig'),
    ]).toString();
    expect(openssl).toContain('Signature Verified Successfully');

    const payload = JSON.parse(v.payload!) as Record<string, unknown>;
    expect(payload).toMatchObject({
      code: cert.code,
      holder: 'Anna Ёлкина',
      verifyUrl: `${t.config.baseUrl}/verify/${cert.code}`,
    });
    const pdf = await holder.client.get(`/certificates/${cert.id}/certificate.pdf`);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(payload.pdfSha256);

    writeFileSync(join(dir, 'c.pdf'), pdf.bytes);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(decoded.toString().trim()).toBe(`${t.config.baseUrl}/verify/${cert.code}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one certificate, one PDF and one e-mail when the completion event and the job come twice', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const [{ course_id: courseId }] = await t.db.query<Array<{ course_id: string }>>(
      'SELECT course_id FROM certificates WHERE id = $1',
      [cert.id],
    );
    const again = await t.db.transaction((tx) => requestCertificate(tx, holder.userId, { kind: 'course', courseId }));
    expect(again).toBeNull();
    await holder.client.postForm(`/courses/${slug}/modules/only/read`, {});
    const events = t.app.get(DomainEvents);
    await events.transaction((tx) =>
      events.record(tx, { type: 'CertificateRequested', payload: { certificateId: cert.id, revision: 1 } }),
    );
    const issuer = t.app.get(CertificateIssuer);
    expect(await Promise.all([issuer.issue(cert.id), issuer.issue(cert.id)])).toEqual(['already-done', 'already-done']);
    expect(await certificatesOf(t.db, holder.userId)).toHaveLength(1);
    expect(pdfFiles(cert.id)).toHaveLength(1);
    expect(await mailsFor(t.db, holder.email)).toBe(1);
  });

  it('issues the rest of a group when one of its certificates fails, and keeps the error on that one', async () => {
    const [{ id: courseId }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [
      slug,
    ]);
    const holders = await Promise.all([1, 2, 3].map((i) => createUser(t.db, ['trainee'], `Group holder ${i}`)));
    const group: string[] = [];
    for (const holder of holders) {
      const [{ id }] = await t.db.query<Array<{ id: string }>>(
        `INSERT INTO certificates (code, user_id, kind, course_id, completed_at) VALUES ($1, $2, 'course', $3, now())
         RETURNING id`,
        [`group${crypto.randomUUID().replaceAll('-', '')}`, holder.user.id, courseId],
      );
      group.push(id);
    }
    // A folder where the second one's PDF should go: its file cannot be put in place.
    const inTheWay = join(storage, 'certificates', `${group[1]}.pdf`);
    mkdirSync(inTheWay, { recursive: true });
    const issuer = t.app.get(CertificateIssuer);
    const state = () =>
      t.db.query<Array<{ status: string; failed: boolean }>>(
        `SELECT status, last_error IS NOT NULL AS failed FROM certificates WHERE id = ANY($1)
         ORDER BY array_position($1, id)`,
        [group],
      );
    const mails = () => Promise.all(holders.map((h) => mailsFor(t.db, h.email)));

    await expect(issuer.issueAll(group)).rejects.toThrow();
    expect(await state()).toEqual([
      { status: 'issued', failed: false },
      { status: 'pending', failed: true },
      { status: 'issued', failed: false },
    ]);
    expect(await mails()).toEqual([1, 0, 1]);

    // Tried again, as the job is, once the folder is gone: the issued two are left as they were.
    rmSync(inTheWay, { recursive: true });
    expect(await issuer.issueAll(group)).toEqual({
      [group[0]]: 'already-done',
      [group[1]]: 'issued',
      [group[2]]: 'already-done',
    });
    expect((await state()).map((row) => row.status)).toEqual(['issued', 'issued', 'issued']);
    expect(await mails()).toEqual([1, 1, 1]);
    expect(group.map((id) => pdfFiles(id))).toEqual(group.map((id) => [`${id}.pdf`]));
  });

  it('retries a failing job until it succeeds, still with one certificate and one e-mail', async () => {
    // A file where the certificates folder should be: writing PDFs fails until it is removed.
    const folder = join(storage, 'certificates');
    const moved = join(storage, 'moved');
    execFileSync('mv', [folder, moved]);
    writeFileSync(folder, 'in the way');
    const holder = await completeCourse(t, slug);
    const failed = await waitFor('a failed attempt', async () => {
      const [row] = await certificatesOf(t.db, holder.userId);
      return row?.last_error ? row : undefined;
    });
    expect(failed.status).toBe('pending');
    rmSync(folder);
    execFileSync('mv', [moved, folder]);
    const cert = await waitIssued(t.db, holder.userId);
    expect(cert.attempts).toBeGreaterThanOrEqual(2);
    expect(cert.last_error).toBeNull();
    expect(pdfFiles(cert.id)).toHaveLength(1);
    await waitFor('the e-mail', async () => (await mailsFor(t.db, holder.email)) === 1);
  });

  it('revokes with a reason: the page and the JSON say so at once, and the PDF is no longer served', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    expect((await t.client().get(`/verify/${cert.code}`)).text).toContain('Valid certificate'); // then kept
    const trainee = await staff('trainee');
    const trainer = await staff('trainer');
    for (const client of [trainee, trainer, holder.client]) {
      expect((await client.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'Fraud' })).status).toBe(
        403,
      );
    }
    expect((await t.client().json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'x' })).status).toBe(401);
    expect((await admin.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: '' })).status).toBe(400);
    const revoked = await courseStaff.json('POST', `/api/v1/certificates/${cert.id}/revoke`, {
      reason: 'Attendance records were falsified',
    });
    expect(revoked.status).toBe(200);
    const json = (await t.client().get(`/api/v1/certificates/verify/${cert.code}`)).json<Verification>();
    expect(json).toMatchObject({ status: 'revoked', revokeReason: 'Attendance records were falsified' });
    expect(json.revokedAt).toBeTruthy();
    const page = await t.client().get(`/verify/${cert.code}`);
    expect(page.text).toContain(`revoked on ${formatDateTime(json.revokedAt, 'en', 'Asia/Baku')}`);
    expect(page.text).toContain('Revoked certificate');
    expect(page.text).toContain('Attendance records were falsified');
    const pdf = await holder.client.get(`/certificates/${cert.id}/certificate.pdf`);
    expect(pdf.status).toBe(409);
    expect(pdf.text).toContain('revoked');
    expect((await holder.client.get(`/certificates/${cert.id}/credential.jwt`)).status).toBe(409);
    expect((await admin.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'Again' })).status).toBe(409);
  });

  it('re-issues: a new signed rendering and one more e-mail, and a revoked one is reinstated', async () => {
    const holder = await completeCourse(t, slug);
    const first = await waitIssued(t.db, holder.userId);
    const before = (await t.client().get(`/api/v1/certificates/verify/${first.code}`)).json<Verification>();
    await t.db.query('UPDATE users SET name = $2 WHERE id = $1', [holder.userId, 'Corrected Name']);
    await admin.json('POST', `/api/v1/certificates/${first.id}/revoke`, { reason: 'Name misspelt' });
    expect((await holder.client.json('POST', `/api/v1/certificates/${first.id}/reissue`)).status).toBe(403);
    expect((await admin.json('POST', `/api/v1/certificates/${first.id}/reissue`)).status).toBe(200);
    const again = await waitFor('revision 2', async () => {
      const [row] = await certificatesOf(t.db, holder.userId);
      return row.status === 'issued' && row.revision === 2 ? row : undefined;
    });
    expect(again.code).toBe(first.code);
    const after = (await t.client().get(`/api/v1/certificates/verify/${first.code}`)).json<Verification>();
    expect(after).toMatchObject({ status: 'valid', holder: 'Corrected Name', revokedAt: null });
    expect(after.signature).not.toBe(before.signature);
    await waitFor('two e-mails', async () => (await mailsFor(t.db, holder.email)) === 2);
  });

  it('says unknown for a code nobody has, and codes carry 160 random bits', async () => {
    const unknown = await t.client().get('/api/v1/certificates/verify/abcdabcdabcdabcdabcdabcdabcdabcd');
    expect(unknown.status).toBe(200);
    expect(unknown.json()).toMatchObject({ status: 'unknown' });
    expect((await t.client().get('/api/v1/certificates/verify/<script>')).json()).toMatchObject({ status: 'unknown' });
    const page = await t.client().get('/verify/nope');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Unknown code');
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    expect(cert.code).toMatch(/^[0-9a-hjkmnp-tv-z]{32}$/);
    // Printed codes are typed back in groups and capitals; they still verify.
    const printed = cert.code.toUpperCase().match(/.{4}/g)!.join('-');
    expect((await t.client().get(`/api/v1/certificates/verify/${printed}`)).json()).toMatchObject({ status: 'valid' });
  });

  it('never serves one trainee’s certificate to another (IDOR) nor to anonymous callers', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const other = await staff('trainee');
    expect((await other.get(`/certificates/${cert.id}/certificate.pdf`)).status).toBe(404);
    expect((await other.get(`/certificates/${cert.id}/credential.jwt`)).status).toBe(404);
    expect((await other.json('GET', `/api/v1/certificates/${cert.id}/pdf`)).status).toBe(404);
    expect((await other.json('GET', '/api/v1/me/certificates')).json<unknown[]>()).toEqual([]);
    expect((await t.client().json('GET', `/api/v1/certificates/${cert.id}/pdf`)).status).toBe(401);
    expect((await t.client().get(`/certificates/${cert.id}/certificate.pdf`)).status).toBe(303);
    expect((await admin.get(`/certificates/${cert.id}/certificate.pdf`)).status).toBe(200);
  });

  it('lets staff issue the certificates of earlier completions, with progress, and nobody else', async () => {
    const { user } = await createUser(t.db, ['trainee'], 'Early Finisher');
    const [{ id: courseId }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [
      slug,
    ]);
    await t.db.query('INSERT INTO course_completions (user_id, course_id) VALUES ($1, $2)', [user.id, courseId]);
    for (const role of ['trainee', 'trainer', 'coordinator'] as const) {
      const client = await staff(role);
      expect((await client.get(`/courses/${slug}/certificates`)).status).toBe(403);
      expect((await client.json('POST', `/api/v1/courses/${slug}/certificates/issue`)).status).toBe(403);
    }
    const page = await courseStaff.get(`/courses/${slug}/certificates`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Early Finisher');
    expect(page.text).toContain('Issue 1 missing certificate');
    const issued = await courseStaff.postForm(`/courses/${slug}/certificates/issue`, {});
    expect(issued.location).toBe(`/courses/${slug}/certificates`);
    await waitIssued(t.db, user.id);
    const list = (await admin.json('GET', `/api/v1/courses/${slug}/certificates`)).json<{ holders: unknown[] }>();
    expect(list.holders.length).toBeGreaterThan(1);
    expect((await admin.json('POST', '/api/v1/courses/no-such-course/certificates/issue')).status).toBe(404);
  });

  it('rotates the signing key: old certificates still verify, new ones use the new key', async () => {
    const early = await completeCourse(t, slug);
    const old = await waitIssued(t.db, early.userId);
    const oldKey = (await t.client().get(`/api/v1/certificates/verify/${old.code}`)).json<Verification>().keyId;
    expect((await courseStaff.json('POST', '/api/v1/admin/signing-keys/rotate')).status).toBe(403);
    const rotated = await admin.json('POST', '/api/v1/admin/signing-keys/rotate');
    expect(rotated.status).toBe(200);
    const late = await completeCourse(t, slug);
    const fresh = await waitIssued(t.db, late.userId);
    const newKey = (await t.client().get(`/api/v1/certificates/verify/${fresh.code}`)).json<Verification>().keyId;
    expect(newKey).toBe(rotated.json().keyId);
    expect(newKey).not.toBe(oldKey);
    const jwks = (await t.client().get('/.well-known/karvan-keys.json')).json<Jwks>();
    expect(jwks.keys.find((k) => k.kid === oldKey)?.retired).toBeTruthy();
    const v = (await t.client().get(`/api/v1/certificates/verify/${old.code}`)).json<Verification>();
    const jwk = jwks.keys.find((k) => k.kid === oldKey)!;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    expect(verifySignature(null, Buffer.from(v.payload!), key, Buffer.from(v.signature!, 'base64url'))).toBe(true);
  });

  it('shows admins the queues with failed jobs and lets them retry; nobody else may', async () => {
    for (const client of [courseStaff, await staff('trainee')]) {
      expect((await client.get('/admin/queues')).status).toBe(403);
      expect((await client.json('GET', '/api/v1/admin/queues')).status).toBe(403);
    }
    expect((await t.client().get('/admin/queues')).status).toBe(303);
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.text).toContain('certificates');
    // Every queue by its name, none by a message key.
    expect(page.text).toContain('Course books');
    expect(page.text).not.toContain('ux.queue.');
    const overview = (await admin.json('GET', '/api/v1/admin/queues')).json<Array<{ name: string }>>();
    expect(overview.map((q) => q.name).sort()).toEqual(['books', 'certificates', 'mail', 'maintenance']);
    expect((await admin.json('POST', '/api/v1/admin/queues/certificates/jobs/nope/retry')).status).toBe(404);

    // A job that cannot succeed (its id is not a certificate's) fails once and shows its error.
    const queue = t.app.get<Queue>(getQueueToken(CERTIFICATES_QUEUE));
    const jobId = `broken-${Date.now()}`;
    await queue.add('issue', { certificateId: 'not-a-uuid' }, { jobId, attempts: 1 });
    const failed = await waitFor('the job to fail', async () => {
      const queues = (await admin.json('GET', '/api/v1/admin/queues')).json<QueueOverview[]>();
      return queues.find((q) => q.name === 'certificates')!.failed.find((j) => j.id === jobId);
    });
    expect(failed.failedReason).toMatch(/uuid/i);
    expect((await admin.get('/admin/queues')).text).toContain(jobId);
    expect((await courseStaff.json('POST', `/api/v1/admin/queues/certificates/jobs/${jobId}/retry`)).status).toBe(403);
    expect((await admin.json('POST', `/api/v1/admin/queues/certificates/jobs/${jobId}/retry`)).status).toBe(200);
    await waitFor('the retried job to fail again', async () => {
      const queues = (await admin.json('GET', '/api/v1/admin/queues')).json<QueueOverview[]>();
      const job = queues.find((q) => q.name === 'certificates')!.failed.find((j) => j.id === jobId);
      return job && job.attempts >= 2 ? job : undefined;
    });
  });

  it('lists a trainee’s certificates in “My certificates” and shows staff the revoke form on the verify page', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const mine = (await holder.client.json('GET', '/api/v1/me/certificates')).json<
      Array<{ code: string; status: string }>
    >();
    expect(mine).toEqual([expect.objectContaining({ code: cert.code, status: 'issued' })]);
    expect((await t.client().get(`/verify/${cert.code}`)).text).not.toContain('/revoke');
    expect((await holder.client.get(`/verify/${cert.code}`)).text).not.toContain('/revoke');
    const forStaff = await courseStaff.get(`/verify/${cert.code}`);
    expect(forStaff.text).toContain(`/certificates/${cert.id}/revoke`);
    const revoked = await courseStaff.postForm(`/certificates/${cert.id}/revoke`, { reason: 'Issued in error' });
    expect(revoked.location).toBe(`/verify/${cert.code}`);
    const noReason = await courseStaff.postForm(`/certificates/${cert.id}/revoke`, { reason: '' });
    expect(noReason.status).toBe(400);
  });
});
