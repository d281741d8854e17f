import { generateKeyPairSync } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { addDataIntegrityProof, asLinkedData, bundledDocumentLoader, multikeyDocument } from './data-integrity.js';
import { controllerDocument, openBadgeCredential } from './open-badge.js';

const BASE = 'https://karvan.example';
const VM = `${BASE}/keys/k-test`;

function credential() {
  return asLinkedData(
    openBadgeCredential({
      id: '5b0d5d0e-7a39-4a52-8f0e-3c0d1c7b9a11',
      code: 'abcd',
      holderEmail: 'leyla@example.org',
      subjectId: 'urn:uuid:0f0e2c61-4c1f-4b4e-9d0a-2d7f6c1d9e01',
      title: 'Border management basics',
      kind: 'course',
      subjectUrl: `${BASE}/courses/border`,
      imageUrl: `${BASE}/badges/course/border.svg`,
      issuedAt: new Date('2026-12-01T10:00:00Z'),
      baseUrl: BASE,
      issuer: 'Karvan training programme',
      verifyUrl: `${BASE}/verify/abcd`,
      status: {
        id: `${BASE}/credentials/status/1#42`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '42',
        statusListCredential: `${BASE}/credentials/status/1`,
      },
    }),
  );
}

describe('the Data Integrity proof (eddsa-rdfc-2022)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const issuerId = `${BASE}/issuer`;

  /** An independent verifier's view: Digital Bazaar's vc library, with the issuer's published documents. */
  async function verify(signed: object, published = publicKey) {
    const documents = new Map<string, object>([
      [VM, await multikeyDocument(published, VM, issuerId)],
      [issuerId, controllerDocument(BASE, 'Karvan training programme', [VM])],
    ]);
    const documentLoader = (url: string) => {
      const document = documents.get(url);
      return document ? Promise.resolve({ contextUrl: null, documentUrl: url, document }) : bundledDocumentLoader(url);
    };
    return vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus: () => Promise.resolve({ verified: true }),
    });
  }

  it('is verified by an independent implementation from the published key and issuer', async () => {
    const signed = await addDataIntegrityProof(credential(), {
      privateKey,
      verificationMethod: VM,
      controller: issuerId,
    });
    expect((signed as { proof: { cryptosuite: string } }).proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const result = await verify(signed);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('fails when a word changes or another key is published', async () => {
    const signed = (await addDataIntegrityProof(credential(), {
      privateKey,
      verificationMethod: VM,
      controller: issuerId,
    })) as { name: string };
    expect((await verify({ ...signed, name: 'Something else' })).verified).toBe(false);
    expect((await verify(signed, generateKeyPairSync('ed25519').publicKey)).verified).toBe(false);
  });

  it('never fetches a context from the network', async () => {
    await expect(bundledDocumentLoader('https://example.org/other-context')).rejects.toThrow('does not load');
  });
});
