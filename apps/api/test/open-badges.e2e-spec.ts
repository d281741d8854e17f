import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { bundledDocumentLoader, statusBitIsSet } from '@karvan/domain';
import type { WebClient } from '@karvan/testing';
import {
  type CertificateApp,
  certificateCourse,
  certificatesOf,
  completeCourse,
  signedIn,
  startCertificateApp,
  waitFor,
  waitIssued,
} from './certificate-helpers.js';
import type { TestApp } from './test-app.js';

interface Credential {
  sub: string;
  iss: string;
  issuer: { id: string; name: string };
  credentialSubject: { id: string; achievement: { name: string; image: { id: string } } };
  credentialSchema: Array<{ id: string; type: string }>;
  credentialStatus: { type: string; statusPurpose: string; statusListIndex: string; statusListCredential: string };
}

describe('Open Badges 3.0 credentials as a strict verifier sees them', () => {
  let app: CertificateApp;
  let t: TestApp;
  let slug: string;
  let admin: WebClient;

  beforeAll(async () => {
    app = await startCertificateApp('badges');
    t = app.t;
    slug = await certificateCourse(t, 'Document security in practice');
    admin = await signedIn(t, 'admin');
  });
  afterAll(() => app.close());

  /** Only what is published: the key set, then the status list the credential points at. */
  async function verifier(jwt: string): Promise<{ credential: Credential; revoked: boolean }> {
    const jwks = createLocalJWKSet((await t.client().get('/.well-known/jwks.json')).json<JSONWebKeySet>());
    const { payload } = await jwtVerify(jwt, jwks, { algorithms: ['RS256'], issuer: `${t.config.baseUrl}/issuer` });
    const credential = payload as unknown as Credential;
    if (credential.sub !== credential.credentialSubject.id) throw new Error('sub differs from credentialSubject.id');
    const listPath = new URL(credential.credentialStatus.statusListCredential).pathname;
    const list = await jwtVerify((await t.client().get(listPath)).text, jwks, { algorithms: ['RS256'] });
    const encoded = (list.payload.credentialSubject as { encodedList: string }).encodedList;
    return { credential, revoked: statusBitIsSet(encoded, Number(credential.credentialStatus.statusListIndex)) };
  }

  async function credentialOf(client: WebClient, id: string): Promise<string> {
    const response = await client.get(`/certificates/${id}/credential.jwt`);
    expect(response.status).toBe(200);
    return response.text;
  }

  it('is RS256 with a kid URI of a published key and no key of its own, and names its holder by a stable id', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const jwt = await credentialOf(holder.client, cert.id);
    const header = decodeProtectedHeader(jwt);
    expect(header.alg).toBe('RS256');
    expect(header.jwk).toBeUndefined();
    expect(header.kid).toMatch(new RegExp(`^${t.config.baseUrl}/keys/r-`));
    const published = await t.client().get(new URL(header.kid!).pathname);
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({ kty: 'RSA', kid: header.kid, alg: 'RS256' });

    const { credential, revoked } = await verifier(jwt);
    expect(revoked).toBe(false);
    expect(credential.credentialSubject.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(credential.credentialSubject.id).not.toContain(holder.userId);
    expect(jwt).not.toContain(holder.email);
    expect(credential.credentialSchema[0].type).toBe('1EdTechJsonSchemaValidator2019');
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    // The same holder keeps the same subject id in a second credential.
    const second = await certificateCourse(t, 'Risk analysis at the border');
    await holder.client.postForm(`/courses/${second}/enrol`, {});
    await holder.client.postForm(`/courses/${second}/modules/only/read`, {});
    const other = await waitFor('the second certificate', async () =>
      (await certificatesOf(t.db, holder.userId)).find((c) => c.id !== cert.id && c.status === 'issued'),
    );
    expect(decodeJwt(await credentialOf(holder.client, other.id)).sub).toBe(credential.sub);

    // The issuer profile and the badge image are served at the ids the credential gives.
    const issuer = await t.client().get(new URL(credential.issuer.id).pathname);
    expect(issuer.json()).toMatchObject({ id: credential.issuer.id, type: ['Profile'] });
    const image = await t.client().get(new URL(credential.credentialSubject.achievement.image.id).pathname);
    expect(image.status).toBe(200);
    expect(image.text).toContain('<title>Document security in practice</title>');
    expect((await t.client().get('/badges/course/no-such-course.svg')).status).toBe(404);
  });

  it('is refused when signed with any other key, even one carried in the header', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const genuine = await credentialOf(holder.client, cert.id);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ ...decodeJwt(genuine), name: 'Forged' })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        kid: decodeProtectedHeader(genuine).kid,
        jwk: publicKey.export({ format: 'jwk' }),
      })
      .sign(privateKey);
    await expect(verifier(forged)).rejects.toThrow(/signature/i);
    await expect(verifier(genuine)).resolves.toMatchObject({ revoked: false });
  });

  it('flips its status bit on revocation, and a re-issue gets a new credential with its own bit', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const before = await credentialOf(holder.client, cert.id);
    const first = await verifier(before);
    expect(first.revoked).toBe(false);

    await admin.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'Issued in error' });
    expect((await verifier(before)).revoked).toBe(true);
    const listResponse = await t.client().get('/credentials/status/1');
    expect(listResponse.headers.get('cache-control')).toBe('public, max-age=300');

    expect((await admin.json('POST', `/api/v1/certificates/${cert.id}/reissue`)).status).toBe(200);
    await waitFor('revision 2', async () => {
      const [row] = (await certificatesOf(t.db, holder.userId)).filter((c) => c.id === cert.id);
      return row.status === 'issued' && row.revision === 2 ? row : undefined;
    });
    const after = await verifier(await credentialOf(holder.client, cert.id));
    expect(after.revoked).toBe(false);
    expect(after.credential.credentialStatus.statusListIndex).not.toBe(
      first.credential.credentialStatus.statusListIndex,
    );
    expect((await verifier(before)).revoked).toBe(true);
  });

  /** Digital Bazaar's verifier, loading the issuer and key from Karvan and the status list through checkStatus. */
  async function linkedDataVerifier(credential: object) {
    const documentLoader = async (url: string) => {
      if (!url.startsWith(t.config.baseUrl)) return bundledDocumentLoader(url);
      const response = await t.client().get(new URL(url).pathname);
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      return { contextUrl: null, documentUrl: url, document: response.json() };
    };
    const checkStatus = async ({ credential: checked }: { credential: object }) => {
      const entry = (checked as unknown as Credential).credentialStatus;
      const listJwt = (await t.client().get(new URL(entry.statusListCredential).pathname)).text;
      const jwks = createLocalJWKSet((await t.client().get('/.well-known/jwks.json')).json<JSONWebKeySet>());
      const list = await jwtVerify(listJwt, jwks);
      const encoded = (list.payload.credentialSubject as { encodedList: string }).encodedList;
      return { verified: !statusBitIsSet(encoded, Number(entry.statusListIndex)) };
    };
    return vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus,
    });
  }

  it('is also JSON-LD with a Data Integrity proof that an independent verifier accepts until revoked', async () => {
    const holder = await completeCourse(t, slug);
    const cert = await waitIssued(t.db, holder.userId);
    const response = await holder.client.get(`/certificates/${cert.id}/credential.jsonld`);
    expect(response.status).toBe(200);
    const credential = response.json<{ proof: { cryptosuite: string; verificationMethod: string } }>();
    expect(credential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(response.text).not.toContain(holder.email);
    const valid = await linkedDataVerifier(credential);
    expect(valid.error).toBeUndefined();
    expect(valid.verified).toBe(true);
    expect((await linkedDataVerifier({ ...credential, name: 'Tampered' })).verified).toBe(false);
    // The holder's page offers both formats and LinkedIn's "add a certification" form, filled in.
    const mine = (await holder.client.get('/certificates')).text;
    expect(mine).toContain(`/certificates/${cert.id}/credential.jsonld`);
    const linkedIn = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/
      .exec(mine)![1]
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    const query = new URL(linkedIn).searchParams;
    expect(query.get('certUrl')).toBe(`${t.config.baseUrl}/verify/${cert.code}`);
    expect(query.get('name')).toBe('Document security in practice');
    await admin.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'Issued in error' });
    expect((await linkedDataVerifier(credential)).verified).toBe(false);
  });
});
