import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CredentialStatus1766300000000 implements MigrationInterface {
  name = 'CredentialStatus1766300000000';

  async up(db: QueryRunner): Promise<void> {
    // Open Badges verifiers must support RS256, so an RSA key signs credentials beside the Ed25519
    // key that signs Karvan's own payloads: one active key per algorithm.
    await db.query(`ALTER TABLE signing_keys DROP CONSTRAINT IF EXISTS signing_keys_algorithm_check`);
    await db.query(`ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_algorithm_check
      CHECK (algorithm IN ('Ed25519', 'RSA'))`);
    await db.query(`DROP INDEX signing_keys_one_active`);
    await db.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (algorithm) WHERE retired_at IS NULL`);
    // One bit of the revocation status list per credential revision; a re-issued certificate gets a
    // new bit and its old one is set. Indexes are drawn at random so neighbours reveal nothing.
    await db.query(`
      CREATE TABLE credential_status (
        list_index integer PRIMARY KEY CHECK (list_index >= 0 AND list_index < 131072),
        certificate_id uuid NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (certificate_id, revision)
      )`);
    // The holder's credential subject id: stable across their credentials, meaningless by itself.
    await db.query(`
      CREATE TABLE credential_holders (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        subject_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE credential_holders, credential_status`);
    await db.query(`DELETE FROM signing_keys WHERE algorithm = 'RSA'`);
    await db.query(`DROP INDEX signing_keys_one_active`);
    await db.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL`);
    await db.query(`ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_algorithm_check`);
    await db.query(
      `ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_algorithm_check CHECK (algorithm = 'Ed25519')`,
    );
  }
}
