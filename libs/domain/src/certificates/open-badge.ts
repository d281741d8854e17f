import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { PublicJwk } from './signing-keys.service.js';

export interface BadgeFacts {
  id: string;
  code: string;
  holderEmail: string;
  title: string;
  kind: 'course' | 'cohort';
  subjectUrl: string;
  issuedAt: Date;
  baseUrl: string;
  issuer: string;
  verifyUrl: string;
}

/**
 * The certificate as an Open Badges 3.0 credential (a W3C verifiable credential, data model 2.0)
 * secured as a JWT with EdDSA: the credential's members are the JWT claims set, `iss`, `nbf` and `jti`
 * mirror them, and the header names and carries the public key.
 */
export function openBadgeCredential(facts: BadgeFacts): Record<string, unknown> {
  const salt = randomBytes(12).toString('hex');
  const identityHash = createHash('sha256')
    .update(facts.holderEmail.toLowerCase() + salt)
    .digest('hex');
  const description =
    facts.kind === 'course'
      ? `Completed the online course “${facts.title}”.`
      : `Completed the summer school “${facts.title}”.`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${facts.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: facts.title,
    issuer: { id: facts.baseUrl, type: ['Profile'], name: facts.issuer, url: facts.baseUrl },
    validFrom: facts.issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: `sha256$${identityHash}`,
          identityType: 'emailAddress',
          hashed: true,
          salt,
        },
      ],
      achievement: {
        id: facts.subjectUrl,
        type: ['Achievement'],
        name: facts.title,
        description,
        criteria: { narrative: description },
      },
    },
    evidence: [{ id: facts.verifyUrl, type: ['Evidence'], name: `Verification ${facts.code}` }],
  };
}

export async function signCredential(
  credential: Record<string, unknown>,
  key: { id: string; privateKey: KeyObject; publicJwk: PublicJwk },
  issuedAt: Date,
): Promise<string> {
  return new SignJWT(credential)
    .setProtectedHeader({
      alg: 'EdDSA',
      typ: 'JWT',
      kid: key.id,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x },
    })
    .setIssuer(String((credential.issuer as { id: string }).id))
    .setJti(String(credential.id))
    .setNotBefore(Math.floor(issuedAt.getTime() / 1000))
    .sign(key.privateKey);
}
