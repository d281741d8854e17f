import type { MigrationInterface, QueryRunner } from 'typeorm';

const SLUG = `'^[a-z0-9]+(-[a-z0-9]+)*$'`;

export class Courses1764400000000 implements MigrationInterface {
  name = 'Courses1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(100) NOT NULL UNIQUE CHECK (slug ~ ${SLUG}),
        title varchar(300) NOT NULL,
        summary text NOT NULL DEFAULT '',
        language varchar(5) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
        enrolment_mode varchar(16) NOT NULL DEFAULT 'open' CHECK (enrolment_mode IN ('open', 'key', 'approval')),
        completion jsonb NOT NULL DEFAULT '{}',
        certificate boolean NOT NULL DEFAULT true,
        intro_html text NOT NULL DEFAULT '',
        source_markdown text NOT NULL DEFAULT '',
        content_hash char(64) NOT NULL DEFAULT '',
        translations jsonb NOT NULL DEFAULT '{}',
        origin varchar(16) NOT NULL DEFAULT 'editor' CHECK (origin IN ('files', 'editor')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE course_authors (
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (course_id, user_id)
      )`);
    await db.query(`
      CREATE TABLE modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        slug varchar(100) NOT NULL CHECK (slug ~ ${SLUG}),
        position integer NOT NULL CHECK (position > 0),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        current_revision_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, slug)
      )`);
    await db.query(`
      CREATE TABLE module_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        module_id uuid NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        source_markdown text NOT NULL,
        content_hash char(64) NOT NULL,
        title varchar(300) NOT NULL,
        summary text NOT NULL DEFAULT '',
        objectives jsonb NOT NULL DEFAULT '[]',
        duration integer,
        sources jsonb NOT NULL DEFAULT '[]',
        html text NOT NULL,
        toc jsonb NOT NULL DEFAULT '[]',
        quiz jsonb,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        origin varchar(8) NOT NULL DEFAULT 'editor' CHECK (origin IN ('files', 'editor')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (module_id, number)
      )`);
    await db.query(`
      ALTER TABLE modules ADD CONSTRAINT modules_current_revision_fkey
        FOREIGN KEY (current_revision_id) REFERENCES module_revisions (id)`);
    await db.query(`
      CREATE TABLE module_translations (
        module_id uuid NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
        language varchar(5) NOT NULL,
        source_markdown text NOT NULL,
        content_hash char(64) NOT NULL,
        based_on varchar(64) NOT NULL,
        title varchar(300) NOT NULL,
        summary text NOT NULL DEFAULT '',
        objectives jsonb NOT NULL DEFAULT '[]',
        html text NOT NULL,
        toc jsonb NOT NULL DEFAULT '[]',
        quiz jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (module_id, language)
      )`);
    // Answer keys and feedback live only here: a trainee's quiz page is built from module_revisions.quiz.
    await db.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        revision_id uuid NOT NULL REFERENCES module_revisions (id) ON DELETE CASCADE,
        key varchar(100) NOT NULL,
        position integer NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('single', 'multiple', 'short', 'numeric', 'matching')),
        answer_key jsonb NOT NULL,
        feedback_html text NOT NULL DEFAULT '',
        points integer NOT NULL DEFAULT 1 CHECK (points > 0),
        UNIQUE (revision_id, key)
      )`);
    await db.query(`
      CREATE TABLE media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        path varchar(300) NOT NULL,
        content_type varchar(100) NOT NULL,
        bytes bytea NOT NULL,
        sha256 char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (course_id, path)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE modules DROP CONSTRAINT modules_current_revision_fkey`);
    await db.query(
      `DROP TABLE media, questions, module_translations, module_revisions, modules, course_authors, courses`,
    );
  }
}
