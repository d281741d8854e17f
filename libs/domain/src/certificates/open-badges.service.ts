import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { CertificatesService, type CertificateFacts } from './certificates.service.js';
import { CredentialStatusService } from './credential-status.service.js';
import { addDataIntegrityProof, asLinkedData, multikeyDocument } from './data-integrity.js';
import { controllerDocument, openBadgeCredential, signCredential } from './open-badge.js';
import { SigningKeysService } from './signing-keys.service.js';

export interface CredentialFile {
  filename: string;
  body: string;
}

/** A certificate as an Open Badges 3.0 credential, in both securing formats, and what verifiers look up. */
@Injectable()
export class OpenBadgesService {
  constructor(
    private readonly db: DataSource,
    private readonly certificates: CertificatesService,
    private readonly status: CredentialStatusService,
    private readonly keys: SigningKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get issuerId(): string {
    return `${this.config.baseUrl}/issuer`;
  }

  /** As a VC-JWT signed now with the active RSA key (RS256). */
  async jwt(principal: Principal, id: string): Promise<CredentialFile> {
    const facts = await this.certificates.badgeFacts(principal, id);
    const key = await this.keys.activeKey('RSA');
    const signingKey = { privateKey: key.privateKey, kid: this.keys.keyUri(key.id) };
    const body = await signCredential(await this.credential(facts), signingKey, facts.issuedAt);
    return { filename: `${fileStem(facts)}.jwt`, body };
  }

  /** As JSON-LD with a Data Integrity proof (eddsa-rdfc-2022) made with the active Ed25519 key. */
  async linkedData(principal: Principal, id: string): Promise<CredentialFile> {
    const facts = await this.certificates.badgeFacts(principal, id);
    const key = await this.keys.activeKey('Ed25519');
    const signed = await addDataIntegrityProof(asLinkedData(await this.credential(facts)), {
      privateKey: key.privateKey,
      verificationMethod: this.keys.keyUri(key.id),
      controller: this.issuerId,
    });
    return { filename: `${fileStem(facts)}.jsonld`, body: JSON.stringify(signed, null, 2) };
  }

  /** The issuer profile, which is also the controller document of every Ed25519 key that ever signed. */
  async issuerDocument(): Promise<object> {
    const keys = await this.keys.publishedKeys();
    const methods = keys.filter((key) => key.kty === 'OKP').map((key) => this.keys.keyUri(key.kid));
    return controllerDocument(this.config.baseUrl, this.config.certificateIssuer, methods);
  }

  /** A key at its own URI: an Ed25519 key as a Multikey verification method, an RSA key as a JWK. */
  async keyDocument(id: string): Promise<{ type: string; document: object } | null> {
    const key = await this.keys.publishedKey(id);
    if (!key) return null;
    if (key.kty === 'RSA') return { type: 'application/jwk+json', document: key };
    const publicKey = await this.keys.publicKey(key.kid);
    const document = await multikeyDocument(publicKey!, this.keys.keyUri(key.kid), this.issuerId);
    return { type: 'application/ld+json', document };
  }

  private async credential(facts: CertificateFacts): Promise<Record<string, unknown>> {
    return openBadgeCredential({
      ...facts,
      subjectId: await this.holderSubjectId(facts.userId),
      baseUrl: this.config.baseUrl,
      issuer: this.config.certificateIssuer,
      status: await this.status.entryFor(facts.id, facts.revision),
    });
  }

  /** A holder's credential subject id: the same in all their credentials, made on first use. */
  private async holderSubjectId(userId: string): Promise<string> {
    const [row] = await this.db.query<Array<{ subject_id: string }>>(
      `WITH made AS (
         INSERT INTO credential_holders (user_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING subject_id
       ) SELECT subject_id FROM made UNION ALL SELECT subject_id FROM credential_holders WHERE user_id = $1`,
      [userId],
    );
    return `urn:uuid:${row.subject_id}`;
  }
}

function fileStem(facts: CertificateFacts): string {
  return `certificate-${String(facts.serial).padStart(6, '0')}`;
}
