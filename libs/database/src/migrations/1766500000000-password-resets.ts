import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PasswordResets1766500000000 implements MigrationInterface {
  name = 'PasswordResets1766500000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per link sent: only the token's hash is kept, and a link works once, until it expires.
    await db.query(`
      CREATE TABLE password_resets (
        token_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_resets`);
  }
}
