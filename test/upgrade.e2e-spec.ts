import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { projectRoot } from '@karvan/config';
import { createDataSource, MIGRATIONS, runMigrationsLocked } from '@karvan/database';
import { ENTITIES, type Verification } from '@karvan/domain';
import { createScratchDatabase, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from '../apps/api/test/test-app.js';

/** An installation made with commit 7278111, before grants; test/fixtures/upgrade/README.md says how. */
const FIXTURE = join(projectRoot(), 'test', 'fixtures', 'upgrade');
/** The password the old demo seed gave every demo account. */
const OLD_DEMO_PASSWORD = 'karvan-demo';

interface StaffGrant {
  email: string;
  role: string;
  scopeKind: 'site' | 'course' | 'cohort';
  /** A course's slug or a cohort's title; null on the site. */
  scope: string | null;
}

interface IssuedCertificate {
  code: string;
  holder: string;
  email: string;
  course: string;
  title: string;
  pdf: string;
  keyId: string;
}

interface Expected {
  migrations: string[];
  counts: Record<string, number>;
  grants: StaffGrant[];
  certificates: IssuedCertificate[];
}

interface Jwks {
  keys: Array<{ kid: string; kty: string; crv: string; x: string }>;
}

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Expected;

function loadDump(url: string): void {
  const sql = gunzipSync(readFileSync(join(FIXTURE, 'karvan-7278111.sql.gz')));
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], {
    input: sql,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

async function countRows(db: DataSource, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = row.n;
  }
  return counts;
}

/** Every grant in the shape expected.json gives the old roles, course authors and cohort staff. */
async function grantsByName(db: DataSource): Promise<StaffGrant[]> {
  return db.query<StaffGrant[]>(
    `SELECT u.email, g.role, g.scope_kind AS "scopeKind", coalesce(c.slug, h.title) AS scope
     FROM grants g JOIN users u ON u.id = g.user_id
     LEFT JOIN courses c ON g.scope_kind = 'course' AND c.id = g.scope_id
     LEFT JOIN cohorts h ON g.scope_kind = 'cohort' AND h.id = g.scope_id
     ORDER BY u.email, g.role, g.scope_kind, scope`,
  );
}

const byKey = (g: StaffGrant) => `${g.email} ${g.role} ${g.scopeKind} ${g.scope ?? ''}`;
const sorted = (grants: StaffGrant[]) => [...grants].sort((a, b) => byKey(a).localeCompare(byKey(b)));

describe('upgrading an installation made with commit 7278111', () => {
  let url: string;
  let db: DataSource;
  let before: Record<string, number>;
  let applied: string[];

  beforeAll(async () => {
    url = await createScratchDatabase('upgrade');
    loadDump(url);
    db = createDataSource({ url, entities: ENTITIES, poolMax: 2 });
    await db.initialize();
    before = await countRows(db, Object.keys(expected.counts));
    applied = await runMigrationsLocked(db);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('loads the dump as recorded, then applies only the migrations written since', () => {
    expect(before).toEqual(expected.counts);
    const names = MIGRATIONS.map((Migration) => new Migration().name);
    expect(names.slice(0, expected.migrations.length)).toEqual(expected.migrations);
    expect(applied).toEqual(names.slice(expected.migrations.length));
    expect(applied).toContain('Access1764900000000');
  });

  it('keeps every row of users, courses, modules, enrolments, attempts, cohorts, applications and certificates', async () => {
    const after = await countRows(db, Object.keys(expected.counts));
    expect(after).toEqual(expected.counts);
    for (const table of ['users', 'courses', 'modules', 'enrolments', 'quiz_attempts', 'cohorts', 'applications']) {
      expect(after[table]).toBeGreaterThan(0);
    }
    expect(after.certificates).toBe(expected.certificates.length);
  });

  it('turns every old role, course author and cohort coordinator or reviewer into exactly one grant', async () => {
    const grants = await grantsByName(db);
    expect(sorted(grants)).toEqual(sorted(expected.grants));
    expect(grants).toContainEqual({ email: 'admin@karvan.example', role: 'admin', scopeKind: 'site', scope: null });
    for (const course of ['migration-management-fundamentals', 'research-methods-migration']) {
      expect(grants).toContainEqual({
        email: 'trainer@karvan.example',
        role: 'course_author',
        scopeKind: 'course',
        scope: course,
      });
    }
    const oldTables = await db.query<unknown[]>(
      `SELECT 1 FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name IN ('user_roles', 'course_authors', 'cohort_coordinators', 'cohort_reviewers')`,
    );
    expect(oldTables).toEqual([]);
  });

  describe('the current api on the upgraded database', () => {
    let t: TestApp;
    let storage: string;
    const [issued] = expected.certificates;

    beforeAll(async () => {
      storage = mkdtempSync(join(tmpdir(), 'karvan-upgrade-'));
      cpSync(join(FIXTURE, 'storage'), storage, { recursive: true });
      t = await startTestApp({
        DATABASE_URL: url,
        STORAGE_DIR: storage,
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_upgrade`,
      });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(storage, { recursive: true, force: true });
    });

    async function demoUser(email: string): Promise<WebClient> {
      const client = t.client();
      expect((await signIn(client, email, OLD_DEMO_PASSWORD)).status).toBe(303);
      return client;
    }

    it('says the certificate issued before the upgrade is valid, signed by a key it still publishes', async () => {
      const v = (await t.client().get(`/api/v1/certificates/verify/${issued.code}`)).json<Verification>();
      expect(v).toMatchObject({ status: 'valid', holder: issued.holder, title: issued.title, keyId: issued.keyId });
      const jwks = (await t.client().get('/.well-known/karvan-keys.json')).json<Jwks>();
      const jwk = jwks.keys.find((k) => k.kid === v.keyId);
      expect(jwk).toBeDefined();
      const publicKey = createPublicKey({ key: { kty: jwk!.kty, crv: jwk!.crv, x: jwk!.x }, format: 'jwk' });
      const signature = Buffer.from(v.signature!, 'base64url');
      expect(verifySignature(null, Buffer.from(v.payload!), publicKey, signature)).toBe(true);
      const forged = v.payload!.replace(issued.holder, 'Someone Else');
      expect(forged).not.toBe(v.payload);
      expect(verifySignature(null, Buffer.from(forged), publicKey, signature)).toBe(false);
      const page = await t.client().get(`/verify/${issued.code}`);
      expect(page.text).toContain('Valid certificate');
    });

    it('serves its holder the PDF stored before the upgrade, the file the signature binds', async () => {
      const [{ id }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM certificates WHERE code = $1', [
        issued.code,
      ]);
      const holder = await demoUser(issued.email);
      const pdf = await holder.get(`/certificates/${id}/certificate.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.bytes.equals(readFileSync(join(FIXTURE, 'storage', issued.pdf)))).toBe(true);
      const v = (await t.client().get(`/api/v1/certificates/verify/${issued.code}`)).json<Verification>();
      const payload = JSON.parse(v.payload!) as { pdfSha256: string };
      expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(payload.pdfSha256);
    });

    it('lets the demo trainer still edit the shipped courses and the demo admin manage grants, not the trainee', async () => {
      const trainer = await demoUser('trainer@karvan.example');
      expect((await trainer.get('/authoring/courses/research-methods-migration')).status).toBe(200);
      expect((await trainer.get('/admin/access')).status).toBe(403);
      const admin = await demoUser('admin@karvan.example');
      expect((await admin.get('/admin/access')).status).toBe(200);
      const trainee = await demoUser('trainee@karvan.example');
      expect((await trainee.get('/authoring/courses/research-methods-migration')).status).toBe(403);
    });
  });
});
