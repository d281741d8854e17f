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
    // Every change to a graded answer after submission: a regrade after a fixed key, or a trainer's
    // override with its reason. The audit trail of grades; rows are never updated.
    await db.query(`
      CREATE TABLE grade_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        attempt_id uuid NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
        question_key varchar(100) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('regrade', 'override')),
        old_score numeric(8, 3) NOT NULL,
        new_score numeric(8, 3) NOT NULL,
        old_percent numeric(5, 2) NOT NULL,
        new_percent numeric(5, 2) NOT NULL,
        reason varchar(500),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'regrade' OR reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX grade_changes_attempt ON grade_changes (attempt_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE grade_changes`);
    await db.query(`ALTER TABLE quiz_attempts DROP COLUMN seed`);
    await db.query(`ALTER TABLE module_translations DROP COLUMN accepted_answers`);
  }
}
