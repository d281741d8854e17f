import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RevisionWarnings1766900000000 implements MigrationInterface {
  name = 'RevisionWarnings1766900000000';

  async up(db: QueryRunner): Promise<void> {
    // The checker's warnings on a revision (code, params, line…), stored when it is saved or synced, so
    // a trainer's home page lists them without compiling every module. Older revisions start with none.
    await db.query(`ALTER TABLE module_revisions ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE module_revisions DROP COLUMN warnings`);
  }
}
