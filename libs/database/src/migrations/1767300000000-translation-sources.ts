import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TranslationSources1767300000000 implements MigrationInterface {
  name = 'TranslationSources1767300000000';

  async up(db: QueryRunner): Promise<void> {
    // A module translation's own reference list (its `sources:`), shown to its readers in place of
    // the base file's. Null, or empty: none given, and the base file's are shown.
    await db.query(`ALTER TABLE module_translations ADD COLUMN sources jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE module_translations DROP COLUMN sources`);
  }
}
