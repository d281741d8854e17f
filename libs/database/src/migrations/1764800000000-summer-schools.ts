import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SummerSchools1764800000000 implements MigrationInterface {
  name = 'SummerSchools1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One edition of a programme. The form and rubric are kept as their source text (what the
    // coordinator typed) and as the parsed fields the pages use.
    await db.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        place varchar(200) NOT NULL DEFAULT '',
        capacity integer NOT NULL CHECK (capacity > 0),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL CHECK (closes_at > opens_at),
        eligibility text NOT NULL DEFAULT '',
        form_source text NOT NULL DEFAULT '',
        form jsonb NOT NULL DEFAULT '[]',
        rubric_source text NOT NULL DEFAULT '',
        rubric jsonb NOT NULL DEFAULT '[]',
        quotas jsonb NOT NULL DEFAULT '{}',
        min_attendance integer NOT NULL DEFAULT 80 CHECK (min_attendance BETWEEN 0 AND 100),
        require_courses boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE cohort_courses (
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        PRIMARY KEY (cohort_id, course_id)
      )`);
    for (const table of ['cohort_coordinators', 'cohort_reviewers', 'cohort_members']) {
      await db.query(`
        CREATE TABLE ${table} (
          cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
          user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
          added_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (cohort_id, user_id)
        )`);
      await db.query(`CREATE INDEX ${table}_user_idx ON ${table} (user_id)`);
    }
    await db.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft', 'submitted', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined')),
        category varchar(32) NOT NULL DEFAULT 'other'
          CHECK (category IN ('entry_level_official', 'young_researcher', 'other')),
        organisation varchar(200) NOT NULL DEFAULT '',
        position varchar(200) NOT NULL DEFAULT '',
        answers jsonb NOT NULL DEFAULT '{}',
        submitted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cohort_id, user_id)
      )`);
    await db.query(`CREATE INDEX applications_cohort_idx ON applications (cohort_id, status)`);
    await db.query(`
      CREATE TABLE application_files (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        field_key varchar(64) NOT NULL,
        filename varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        data bytea NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, field_key)
      )`);
    await db.query(`
      CREATE TABLE application_reviews (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        scores jsonb NOT NULL,
        total numeric(8, 2) NOT NULL,
        comment text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, reviewer_id)
      )`);
    // Every status change: who made it, when, from what to what.
    await db.query(`
      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        from_status varchar(16),
        to_status varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX application_events_app_idx ON application_events (application_id, id)`);
    await db.query(`
      CREATE TABLE cohort_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        speaker varchar(200) NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        room varchar(100) NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        sequence integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cohort_sessions_cohort_idx ON cohort_sessions (cohort_id, starts_at)`);
    await db.query(`
      CREATE TABLE attendance (
        session_id uuid NOT NULL REFERENCES cohort_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status varchar(8) NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
        marked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
    await db.query(`
      CREATE TABLE cohort_completions (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        cohort_id uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, cohort_id)
      )`);
    await db.query(
      `ALTER TABLE certificates ADD CONSTRAINT certificates_cohort_fk FOREIGN KEY (cohort_id) REFERENCES cohorts (id) ON DELETE CASCADE`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE certificates DROP CONSTRAINT certificates_cohort_fk`);
    await db.query(`DROP TABLE cohort_completions, attendance, cohort_sessions, application_events,
      application_reviews, application_files, applications, cohort_members, cohort_reviewers,
      cohort_coordinators, cohort_courses, cohorts, programmes`);
  }
}
