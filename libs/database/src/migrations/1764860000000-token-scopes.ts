import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Personal access tokens get a scope (read or read-write) and an expiry; existing ones keep writing for 90 days. */
export class TokenScopes1764860000000 implements MigrationInterface {
  name = 'TokenScopes1764860000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE api_tokens
        ADD COLUMN scope varchar(10) NOT NULL DEFAULT 'read-write' CHECK (scope IN ('read', 'read-write')),
        ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '90 days'`);
    await db.query(`ALTER TABLE api_tokens ALTER COLUMN scope DROP DEFAULT, ALTER COLUMN expires_at DROP DEFAULT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_tokens DROP COLUMN scope, DROP COLUMN expires_at`);
  }
}
