import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Essays1766600000000 implements MigrationInterface {
  name = 'Essays1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE questions DROP CONSTRAINT questions_type_check`);
    await db.query(`ALTER TABLE questions ADD CONSTRAINT questions_type_check
      CHECK (type IN ('single', 'multiple', 'short', 'numeric', 'matching', 'essay'))`);
    // Submitted with an essay no trainer has graded yet: no percent and no pass until one does.
    await db.query(`ALTER TABLE quiz_attempts ADD COLUMN awaiting_grading boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE INDEX quiz_attempts_awaiting_grading ON quiz_attempts (module_id) WHERE awaiting_grading`);
    // A trainer's grade of one essay answer: its points, the points per rubric criterion and the
    // feedback. Every grade, the first and any later one, is also a row of grade_changes.
    await db.query(`
      CREATE TABLE essay_grades (
        attempt_id uuid NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
        question_key varchar(100) NOT NULL,
        points numeric(8, 3) NOT NULL CHECK (points >= 0),
        criteria jsonb NOT NULL DEFAULT '{}',
        feedback text NOT NULL DEFAULT '',
        graded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        graded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (attempt_id, question_key)
      )`);
    // The file a trainee attached to an essay answer; the bytes are in the file storage under storage_key.
    await db.query(`
      CREATE TABLE attempt_files (
        attempt_id uuid NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
        question_key varchar(100) NOT NULL,
        filename varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (attempt_id, question_key)
      )`);
    await db.query(`ALTER TABLE grade_changes DROP CONSTRAINT grade_changes_kind_check`);
    await db.query(`ALTER TABLE grade_changes ADD CONSTRAINT grade_changes_kind_check
      CHECK (kind IN ('regrade', 'override', 'essay'))`);
    // What a regrade reported (changed results, completions, certificates to decide on), so the
    // page that ran it can redirect to the report rather than show it in answer to the POST.
    await db.query(`
      CREATE TABLE regrade_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        module_id uuid NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
        question_key varchar(100) NOT NULL,
        report jsonb NOT NULL,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE regrade_reports`);
    await db.query(`DELETE FROM grade_changes WHERE kind = 'essay'`);
    await db.query(`ALTER TABLE grade_changes DROP CONSTRAINT grade_changes_kind_check`);
    await db.query(`ALTER TABLE grade_changes ADD CONSTRAINT grade_changes_kind_check
      CHECK (kind IN ('regrade', 'override'))`);
    await db.query(`DROP TABLE attempt_files, essay_grades`);
    await db.query(`ALTER TABLE quiz_attempts DROP COLUMN awaiting_grading`);
    await db.query(`ALTER TABLE questions DROP CONSTRAINT questions_type_check`);
    await db.query(`ALTER TABLE questions ADD CONSTRAINT questions_type_check
      CHECK (type IN ('single', 'multiple', 'short', 'numeric', 'matching'))`);
  }
}
