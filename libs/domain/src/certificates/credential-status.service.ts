import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { SignJWT } from 'jose';
import { DataSource, type EntityManager } from 'typeorm';
import { SigningKeysService } from './signing-keys.service.js';
import { encodeStatusList, STATUS_LIST_SIZE } from './status-bitstring.js';

export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** How long verifiers may keep the list (also its HTTP max-age). */
export const STATUS_LIST_TTL_SECONDS = 300;

/**
 * The revocation status list of Open Badges credentials: one bit per credential revision, set when
 * the certificate is revoked or re-issued, published as a signed Bitstring Status List credential.
 */
@Injectable()
export class CredentialStatusService {
  private cached: { fingerprint: string; jwt: string } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly keys: SigningKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get listUrl(): string {
    return `${this.config.baseUrl}/credentials/status/1`;
  }

  /** The status entry of a certificate's current revision, drawn at random the first time. */
  async entryFor(certificateId: string, revision: number): Promise<StatusEntry> {
    for (let tries = 0; ; tries += 1) {
      const [row] = await this.db.query<Array<{ list_index: number }>>(
        `WITH drawn AS (
           INSERT INTO credential_status (list_index, certificate_id, revision) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING list_index
         ) SELECT list_index FROM drawn
           UNION ALL SELECT list_index FROM credential_status WHERE certificate_id = $2 AND revision = $3`,
        [randomInt(STATUS_LIST_SIZE), certificateId, revision],
      );
      if (row) return this.entry(row.list_index);
      // The index drawn was taken by another credential: draw again.
      if (tries > 50) throw new Error('The credential status list is full.');
    }
  }

  /** Sets the bits of every revision issued so far: on revocation, and before a re-issue. */
  async revokeAll(tx: EntityManager, certificateId: string): Promise<void> {
    await tx.query(
      `WITH flipped AS (
         UPDATE credential_status SET revoked_at = now() WHERE certificate_id = $1 AND revoked_at IS NULL RETURNING 1
       ) SELECT count(*) FROM flipped`,
      [certificateId],
    );
  }

  /** The signed list; re-signed only when a bit changed since the last one. */
  async listCredential(): Promise<string> {
    const [state] = await this.db.query<Array<{ revoked: number; changed: Date | null }>>(
      `SELECT count(*)::int AS revoked, max(revoked_at) AS changed FROM credential_status WHERE revoked_at IS NOT NULL`,
    );
    const key = await this.keys.activeKey('RSA');
    const fingerprint = `${state.revoked}:${state.changed?.toISOString() ?? ''}:${key.id}`;
    if (this.cached?.fingerprint === fingerprint) return this.cached.jwt;
    const rows = await this.db.query<Array<{ list_index: number }>>(
      `SELECT list_index FROM credential_status WHERE revoked_at IS NOT NULL`,
    );
    const validFrom = state.changed ?? new Date(0);
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: this.listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: `${this.config.baseUrl}/issuer`,
      validFrom: validFrom.toISOString(),
      credentialSubject: {
        id: `${this.listUrl}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        ttl: STATUS_LIST_TTL_SECONDS * 1000,
        encodedList: encodeStatusList(rows.map((r) => r.list_index)),
      },
    };
    const jwt = await new SignJWT(credential)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keys.keyUri(key.id) })
      .setIssuer(credential.issuer)
      .setJti(credential.id)
      .setSubject(credential.credentialSubject.id)
      .setNotBefore(Math.floor(validFrom.getTime() / 1000))
      .sign(key.privateKey);
    this.cached = { fingerprint, jwt };
    return jwt;
  }

  private entry(index: number): StatusEntry {
    return {
      id: `${this.listUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: this.listUrl,
    };
  }
}
