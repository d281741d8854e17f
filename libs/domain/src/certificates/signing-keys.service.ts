import { requireCapability, type Grantee } from '../access/index.js';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
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
import { KeptMap } from '../shared/kept-map.js';

/** Ed25519 signs Karvan's own payloads (and Data Integrity proofs); RSA signs Open Badges JWTs (RS256). */
export type KeyAlgorithm = 'Ed25519' | 'RSA';

export type PublicJwk =
  | { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' }
  | { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };

export type PublishedKey = PublicJwk & {
  /** ISO time the key was made; `retired` when it stopped signing (what it signed stays valid). */
  created: string;
  retired: string | null;
};

export interface ActiveKey {
  id: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

interface KeyRow {
  id: string;
  algorithm: KeyAlgorithm;
  public_jwk: PublicJwk;
  private_pem: string;
  created_at: Date;
  retired_at: Date | null;
}

/** Signature checks remembered, by the exact bytes checked. */
const CHECKS_KEPT = 10_000;

/**
 * The keys that sign certificates. One key per algorithm is active; rotating retires them and
 * makes new ones. Retired keys stay published, so every certificate they signed keeps verifying.
 */
@Injectable()
export class SigningKeysService {
  private readonly active = new Map<KeyAlgorithm, { key: ActiveKey; loadedAt: number }>();
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly checked = new KeptMap<string, boolean>(CHECKS_KEPT);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The key to sign with, made on first use (the first start of a new installation). */
  async activeKey(algorithm: KeyAlgorithm = 'Ed25519'): Promise<ActiveKey> {
    const cached = this.active.get(algorithm);
    // Re-read now and then: another process may have rotated the key.
    if (cached && Date.now() - cached.loadedAt < 60_000) return cached.key;
    const find = () =>
      this.db.query<KeyRow[]>(`SELECT * FROM signing_keys WHERE retired_at IS NULL AND algorithm = $1`, [algorithm]);
    let [row] = await find();
    if (!row) {
      await this.insertKey(algorithm);
      [row] = await find();
    }
    const key = { id: row.id, privateKey: createPrivateKey(row.private_pem), publicJwk: row.public_jwk };
    this.active.set(algorithm, { key, loadedAt: Date.now() });
    return key;
  }

  /** Retires the active keys and makes new ones; returns the new Ed25519 key's id. */
  async rotate(actor: Grantee): Promise<string> {
    requireCapability(actor, 'queue.manage');
    const id = await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL`);
      const run = tx.query.bind(tx);
      await this.insertKey('RSA', run);
      return this.insertKey('Ed25519', run);
    });
    this.active.clear();
    return id;
  }

  /** Every key, as a JSON Web Key Set member; an RSA key's `kid` is the URI a credential names. */
  async publishedKeys(): Promise<PublishedKey[]> {
    const rows = await this.db.query<KeyRow[]>(`SELECT * FROM signing_keys ORDER BY created_at, algorithm`);
    return rows.map((r) => ({
      ...r.public_jwk,
      kid: r.algorithm === 'RSA' ? this.keyUri(r.id) : r.public_jwk.kid,
      created: r.created_at.toISOString(),
      retired: r.retired_at?.toISOString() ?? null,
    }));
  }

  /** Where a key is published on its own: the `kid` of the credentials it signs. */
  keyUri(id: string): string {
    return `${this.config.baseUrl}/keys/${id}`;
  }

  async publishedKey(id: string): Promise<PublishedKey | null> {
    return (await this.publishedKeys()).find((key) => key.kid === id || key.kid === this.keyUri(id)) ?? null;
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

  /** Whether a payload was signed by one of Karvan's Ed25519 keys, published or retired. */
  async verifies(keyId: string, payload: string, signature: string): Promise<boolean> {
    const key = await this.publicKey(keyId);
    if (!key) return false;
    // The answer depends only on these bytes and the key's public half, which never changes: the
    // same record checked again (each view of its /verify page) gets the answer of the last check.
    // An altered record is other bytes, so it is checked afresh.
    const bytes = `${keyId}\n${signature}\n${payload}`;
    const known = this.checked.get(bytes);
    if (known !== undefined) return known;
    const valid = verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64url'));
    this.checked.set(bytes, valid);
    return valid;
  }

  async sign(data: string): Promise<{ keyId: string; signature: string }> {
    const key = await this.activeKey('Ed25519');
    return { keyId: key.id, signature: sign(null, Buffer.from(data, 'utf8'), key.privateKey).toString('base64url') };
  }

  /** Two processes starting at once: the unique index lets one key win, the other insert is dropped. */
  private async insertKey(
    algorithm: KeyAlgorithm,
    run: DataSource['query'] = this.db.query.bind(this.db),
  ): Promise<string> {
    const prefix = algorithm === 'RSA' ? 'r' : 'k';
    const id = `${prefix}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const { publicJwk, privatePem } = makeKeyPair(algorithm, id);
    await run(
      `INSERT INTO signing_keys (id, algorithm, public_jwk, private_pem) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [id, algorithm, JSON.stringify(publicJwk), privatePem],
    );
    return id;
  }
}

function makeKeyPair(algorithm: KeyAlgorithm, kid: string): { publicJwk: PublicJwk; privatePem: string } {
  if (algorithm === 'RSA') {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { n, e } = publicKey.export({ format: 'jwk' });
    return {
      publicJwk: { kty: 'RSA', n: n!, e: e!, kid, alg: 'RS256', use: 'sig' },
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    };
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x!, kid, alg: 'EdDSA', use: 'sig' },
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}
