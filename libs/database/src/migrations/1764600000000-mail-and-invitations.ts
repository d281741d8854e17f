import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailAndInvitations1764600000000 implements MigrationInterface {
  name = 'MailAndInvitations1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // Idempotent mail: a row per message, unique per reason, sent by a job whose id is the row's.
    await db.query(`
      CREATE TABLE outbox_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key varchar(300) NOT NULL UNIQUE,
        to_address varchar(254) NOT NULL,
        subject varchar(300) NOT NULL,
        body_text text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        transport varchar(16),
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_emails_status_idx ON outbox_emails (status, created_at)`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled', 'invited'))`,
    );
    await db.query(`
      CREATE TABLE invitations (
        token_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invitations, outbox_emails`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled'))`);
  }
}
