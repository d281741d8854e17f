import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessment1766100000000 implements MigrationInterface {
  name = 'Assessment1766100000000';

  async up(db: QueryRunner): Promise<void> {
    // The typed answers a translation accepts besides the base file's, per question id: a trainee
    // reading in Azerbaijani is graded against the Azerbaijani answers too. Null: not read yet.
    await db.query(`ALTER TABLE module_translations ADD COLUMN accepted_answers jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE module_translations DROP COLUMN accepted_answers`);
  }
}
