import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { StatusEntry } from './credential-status.service.js';

export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface BadgeFacts {
  id: string;
  code: string;
  holderEmail: string;
  /** The holder's stable credential subject id (a urn:uuid that says nothing by itself). */
  subjectId: string;
  title: string;
  kind: 'course' | 'cohort';
  subjectUrl: string;
  imageUrl: string;
  issuedAt: Date;
  baseUrl: string;
  issuer: string;
  verifyUrl: string;
  status: StatusEntry;
}

/** The issuer profile, served at its own id so a verifier can look it up. */
export function issuerProfile(baseUrl: string, name: string): Record<string, unknown> {
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: `${baseUrl}/issuer`,
    type: ['Profile'],
    name,
    url: baseUrl,
  };
}

/**
 * The issuer as a controller document: the keys it lists under `assertionMethod` are the ones whose
 * Data Integrity proofs speak for it. The DID context comes first so verifiers read the list as is.
 */
export function controllerDocument(baseUrl: string, name: string, verificationMethods: string[]): object {
  const { '@context': context, ...profile } = issuerProfile(baseUrl, name);
  return {
    '@context': [DID_CONTEXT, ...(context as string[])],
    ...profile,
    assertionMethod: verificationMethods,
  };
}

/**
 * The certificate as an Open Badges 3.0 credential (a W3C verifiable credential, data model 2.0):
 * the holder is named by a stable id and a salted e-mail hash, never the address itself, and the
 * credential points at the revocation status list that says whether it still stands.
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
  const { '@context': context, ...issuer } = issuerProfile(facts.baseUrl, facts.issuer);
  return {
    '@context': context,
    id: `urn:uuid:${facts.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: facts.title,
    issuer,
    validFrom: facts.issuedAt.toISOString(),
    credentialSubject: {
      id: facts.subjectId,
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
        image: { id: facts.imageUrl, type: 'Image', caption: facts.title },
      },
    },
    evidence: [{ id: facts.verifyUrl, type: ['Evidence'], name: `Verification ${facts.code}` }],
    credentialSchema: [{ id: OB_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: facts.status,
  };
}

/**
 * A VC-JWT signed with RS256, the algorithm every Open Badges verifier supports. The header names
 * the key by a URI in the published key set and carries no key of its own, so a verifier cannot be
 * led to trust a key the forger chose.
 */
export async function signCredential(
  credential: Record<string, unknown>,
  key: { privateKey: KeyObject; kid: string },
  issuedAt: Date,
): Promise<string> {
  const subject = credential.credentialSubject as { id: string };
  return new SignJWT(credential)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(String((credential.issuer as { id: string }).id))
    .setJti(String(credential.id))
    .setSubject(subject.id)
    .setNotBefore(Math.floor(issuedAt.getTime() / 1000))
    .sign(key.privateKey);
}
