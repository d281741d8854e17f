import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TranslationFeedback1767400000000 implements MigrationInterface {
  name = 'TranslationFeedback1767400000000';

  async up(db: QueryRunner): Promise<void> {
    // A translation's quiz feedback by the base question's id, shown after submitting to a reader
    // in its language. Apart from its quiz, which is public before submitting; the next sync fills it.
    await db.query(`ALTER TABLE module_translations ADD COLUMN feedback jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE module_translations DROP COLUMN feedback`);
  }
}
