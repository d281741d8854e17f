import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_COMPLETED_COURSE, DemoService } from '@karvan/demo';
import { CourseSyncService, type Verification } from '@karvan/domain';
import { createScratchDatabase, shippedContent } from '@karvan/testing';
import { waitFor } from './certificate-helpers.js';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('demo data with a running worker', () => {
  let t: TestApp;
  let storage: string;
  let content: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'karvan-demo-'));
    t = await startTestApp(
      {
        DATABASE_URL: await createScratchDatabase('demo_api'),
        STORAGE_DIR: storage,
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_demo`,
      },
      true,
    );
    content = await shippedContent([DEMO_COMPLETED_COURSE]);
    await t.app.get(CourseSyncService).syncTree(content);
  });
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
    rmSync(content, { recursive: true, force: true });
  });

  it('gives the demo trainee a completed course whose certificate verifies', async () => {
    await t.app.get(DemoService).seed();
    await t.app.get(DemoService).seed();
    const trainee = t.client();
    await signIn(trainee, 'trainee@karvan.example', 'karvan-demo');
    const mine = await waitFor('the demo certificate', async () => {
      const list = (await trainee.json('GET', '/api/v1/me/certificates')).json<
        Array<{ code: string; status: string }>
      >();
      return list.length === 1 && list[0].status === 'issued' ? list : undefined;
    });
    const v = (await t.client().get(`/api/v1/certificates/verify/${mine[0].code}`)).json<Verification>();
    expect(v).toMatchObject({
      status: 'valid',
      holder: 'Demo Trainee',
      title: 'Research methods in migration studies',
    });
    const jwks = (await t.client().get('/.well-known/karvan-keys.json')).json<{
      keys: Array<{ kid: string; x: string }>;
    }>();
    const jwk = jwks.keys.find((k) => k.kid === v.keyId)!;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(v.payload!), key, Buffer.from(v.signature!, 'base64url'))).toBe(true);
    // Each quiz shows as graded, with its best score, and its answers can be reviewed.
    const quiz = await trainee.get(`/courses/${DEMO_COMPLETED_COURSE}/modules/definitions-and-data-sources/quiz`);
    expect(quiz.text).toContain('You passed this quiz (best score 100 %).');
    expect(quiz.text).toMatch(/<td data-label="State">graded<\/td>/);
    const review = await trainee.get(/href="(\/attempts\/[^"]+)"/.exec(quiz.text)![1]);
    expect(review.status).toBe(200);
    const learning = await trainee.get('/learning');
    expect(learning.text).toContain('Research methods in migration studies');
    // In Azerbaijani, the certificate lists and the check name the course as the reader reads it.
    trainee.cookies.set('karvan_lang', 'az');
    const inAz = 'Miqrasiya tədqiqatlarında tədqiqat metodları';
    expect((await trainee.get('/certificates')).text).toContain(`<h2>${inAz}</h2>`);
    expect((await trainee.get('/learning')).text).toContain(inAz);
    expect((await trainee.get('/')).text).toContain(`<a href='/certificates'>${inAz}</a>`);
    const visitor = t.client();
    visitor.cookies.set('karvan_lang', 'az');
    expect((await visitor.get(`/verify/${mine[0].code}`)).text).toContain(`<dd>${inAz}</dd>`);
  });
});
