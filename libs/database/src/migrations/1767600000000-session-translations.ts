import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionTranslations1767600000000 implements MigrationInterface {
  name = 'SessionTranslations1767600000000';

  async up(db: QueryRunner): Promise<void> {
    // A session's title in other languages, as its cohort's: `{ "az": { "title": … } }`; the base
    // title stands in for a language not given.
    await db.query(`ALTER TABLE cohort_sessions ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cohort_sessions DROP COLUMN translations`);
  }
}
