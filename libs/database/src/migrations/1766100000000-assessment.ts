import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessment1766100000000 implements MigrationInterface {
  name = 'Assessment1766100000000';

  async up(db: QueryRunner): Promise<void> {
    // The typed answers a translation accepts besides the base file's, per question id: a trainee
    // reading in Azerbaijani is graded against the Azerbaijani answers too. Null: not read yet.
    await db.query(`ALTER TABLE module_translations ADD COLUMN accepted_answers jsonb`);
    // The seed an attempt's draw and order were made from; the order itself is stored beside it.
    // Null for attempts started before draws existed.
    await db.query(`ALTER TABLE quiz_attempts ADD COLUMN seed text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE quiz_attempts DROP COLUMN seed`);
    await db.query(`ALTER TABLE module_translations DROP COLUMN accepted_answers`);
  }
}
