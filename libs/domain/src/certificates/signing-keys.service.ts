import { requireCapability, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { DataSource } from 'typeorm';

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface PublishedKey extends PublicJwk {
  /** ISO time the key was made; `retired` when it stopped signing (what it signed stays valid). */
  created: string;
  retired: string | null;
}

export interface ActiveKey {
  id: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

interface KeyRow {
  id: string;
  public_jwk: PublicJwk;
  private_pem: string;
  created_at: Date;
  retired_at: Date | null;
}

/**
 * The Ed25519 keys that sign certificates. One key is active; rotating retires it and makes a new
 * one. Retired keys stay published, so every certificate they signed keeps verifying.
 */
@Injectable()
export class SigningKeysService {
  private active: ActiveKey | null = null;
  private loadedAt = 0;
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(private readonly db: DataSource) {}

  /** The key to sign with, made on first use (the first start of a new installation). */
  async activeKey(): Promise<ActiveKey> {
    // Re-read now and then: another process may have rotated the key.
    if (this.active && Date.now() - this.loadedAt < 60_000) return this.active;
    let [row] = await this.db.query<KeyRow[]>(`SELECT * FROM signing_keys WHERE retired_at IS NULL`);
    if (!row) {
      await this.insertKey();
      [row] = await this.db.query<KeyRow[]>(`SELECT * FROM signing_keys WHERE retired_at IS NULL`);
    }
    this.active = { id: row.id, privateKey: createPrivateKey(row.private_pem), publicJwk: row.public_jwk };
    this.loadedAt = Date.now();
    return this.active;
  }

  /** Retires the active key and makes a new one; returns the new key's id. */
  async rotate(actor: Grantee): Promise<string> {
    requireCapability(actor, 'queue.manage');
    const id = await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL`);
      return this.insertKey(tx.query.bind(tx));
    });
    this.active = null;
    return id;
  }

  async publishedKeys(): Promise<PublishedKey[]> {
    const rows = await this.db.query<KeyRow[]>(`SELECT * FROM signing_keys ORDER BY created_at`);
    return rows.map((r) => ({
      ...r.public_jwk,
      created: r.created_at.toISOString(),
      retired: r.retired_at?.toISOString() ?? null,
    }));
  }

  async publicKey(id: string): Promise<KeyObject | null> {
    const known = this.publicKeys.get(id);
    if (known) return known;
    const [row] = await this.db.query<KeyRow[]>(`SELECT public_jwk FROM signing_keys WHERE id = $1`, [id]);
    if (!row) return null;
    const key = createPublicKey({ key: { ...row.public_jwk }, format: 'jwk' });
    // A key's public half never changes once made, so it is kept for the life of the process.
    this.publicKeys.set(id, key);
    return key;
  }

  /** Whether a payload was signed by one of Karvan's keys, published or retired. */
  async verifies(keyId: string, payload: string, signature: string): Promise<boolean> {
    const key = await this.publicKey(keyId);
    return !!key && verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64url'));
  }

  async sign(data: string): Promise<{ keyId: string; signature: string }> {
    const key = await this.activeKey();
    return { keyId: key.id, signature: sign(null, Buffer.from(data, 'utf8'), key.privateKey).toString('base64url') };
  }

  /** Two processes starting at once: the unique index lets one key win, the other insert is dropped. */
  private async insertKey(run: DataSource['query'] = this.db.query.bind(this.db)): Promise<string> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const id = `k-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const x = publicKey.export({ format: 'jwk' }).x!;
    const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: id, alg: 'EdDSA', use: 'sig' };
    await run(
      `INSERT INTO signing_keys (id, public_jwk, private_pem) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [id, JSON.stringify(jwk), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()],
    );
    return id;
  }
}
