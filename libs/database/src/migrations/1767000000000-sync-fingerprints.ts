import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncFingerprints1767000000000 implements MigrationInterface {
  name = 'SyncFingerprints1767000000000';

  async up(db: QueryRunner): Promise<void> {
    // What the last content sync of a course read (a hash of its files, media, glossary and options),
    // the state it left the course in, and what it reported: a sync of the same files into the same
    // state answers from these instead of rendering every module again. Null until a course is synced.
    await db.query(`
      ALTER TABLE courses
        ADD COLUMN sync_fingerprint text NULL,
        ADD COLUMN sync_state text NULL,
        ADD COLUMN sync_report jsonb NULL`);
    // The same for the glossary files, which are parsed only when they or glossary_terms changed.
    await db.query(`
      CREATE TABLE glossary_sync (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        fingerprint text NOT NULL,
        state text NOT NULL,
        report jsonb NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE glossary_sync`);
    await db.query(`ALTER TABLE courses DROP COLUMN sync_fingerprint, DROP COLUMN sync_state, DROP COLUMN sync_report`);
  }
}
