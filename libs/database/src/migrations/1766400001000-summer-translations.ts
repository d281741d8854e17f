import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SummerTranslations1766400001000 implements MigrationInterface {
  name = 'SummerTranslations1766400001000';

  async up(db: QueryRunner): Promise<void> {
    // A programme's and a cohort's words in other languages, by language code:
    // {"az": {"title": …, "description": …}}; a missing one falls back to the base column.
    await db.query(`ALTER TABLE programmes ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'
      CHECK (jsonb_typeof(translations) = 'object')`);
    await db.query(`ALTER TABLE cohorts ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'
      CHECK (jsonb_typeof(translations) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cohorts DROP COLUMN translations`);
    await db.query(`ALTER TABLE programmes DROP COLUMN translations`);
  }
}
