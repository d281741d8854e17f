import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DomainEvents1764960000000 implements MigrationInterface {
  name = 'DomainEvents1764960000000';

  async up(db: QueryRunner): Promise<void> {
    // The transactional outbox: written in the transaction that made the fact, moved to the queue
    // after commit. claimed_at is a lease, so a dispatcher that died mid-way frees its rows.
    await db.query(`
      CREATE TABLE domain_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await db.query(`CREATE INDEX domain_events_undispatched ON domain_events (created_at) WHERE dispatched_at IS NULL`);
    // Finds the event behind a piece of work (a certificate, an e-mail) whose job the queue lost.
    await db.query(`CREATE INDEX domain_events_payload ON domain_events USING gin (payload jsonb_path_ops)`);
    // Work queued by hand before this table existed and not done yet: its events, so nothing is lost.
    await db.query(`
      INSERT INTO domain_events (type, payload, created_at)
      SELECT 'CertificateRequested', jsonb_build_object('certificateId', id, 'revision', revision), created_at
      FROM certificates WHERE status = 'pending'`);
    await db.query(`
      INSERT INTO domain_events (type, payload, created_at)
      SELECT 'EmailQueued', jsonb_build_object('emailId', id), created_at
      FROM outbox_emails WHERE status = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE domain_events`);
  }
}
