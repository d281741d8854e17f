import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Learning1764500000000 implements MigrationInterface {
  name = 'Learning1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE courses ADD COLUMN enrolment_key_hash text`);
    await db.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'active', 'declined', 'withdrawn')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, course_id)
      )`);
    await db.query(`CREATE INDEX enrolments_course_id_idx ON enrolments (course_id, status)`);
    await db.query(`
      CREATE TABLE module_progress (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        module_id uuid NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, module_id)
      )`);
    // An attempt keeps the revision it was taken on and the order its questions were shown in.
    await db.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        module_id uuid NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
        revision_id uuid NOT NULL REFERENCES module_revisions (id),
        number integer NOT NULL CHECK (number > 0),
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz,
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        score numeric(10, 3),
        max_score numeric(10, 3),
        percent numeric(6, 2),
        passed boolean,
        question_order jsonb NOT NULL,
        option_order jsonb NOT NULL DEFAULT '{}',
        UNIQUE (user_id, module_id, number)
      )`);
    await db.query(`CREATE INDEX quiz_attempts_module_id_idx ON quiz_attempts (module_id, user_id)`);
    await db.query(`
      CREATE TABLE attempt_answers (
        attempt_id uuid NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
        question_key varchar(100) NOT NULL,
        response jsonb,
        score numeric(8, 3) NOT NULL,
        PRIMARY KEY (attempt_id, question_key)
      )`);
    await db.query(`
      CREATE TABLE course_completions (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, course_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE course_completions, attempt_answers, quiz_attempts, module_progress, enrolments`);
    await db.query(`ALTER TABLE courses DROP COLUMN enrolment_key_hash`);
  }
}
