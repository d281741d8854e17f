import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailChanges1766700000000 implements MigrationInterface {
  name = 'EmailChanges1766700000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per change asked for: only the hash of the link's token is kept; the address changes
    // when the link is opened from the new mailbox, once, before it expires.
    await db.query(`
      CREATE TABLE email_changes (
        token_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        new_email varchar(254) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        cancelled_at timestamptz
      )`);
    await db.query(`CREATE INDEX email_changes_user_idx ON email_changes (user_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_changes`);
  }
}
