import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Books1766000000000 implements MigrationInterface {
  name = 'Books1766000000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per book built or being built; the unique key is the cache: the same revision of a
    // course in the same language, edition and format is built once.
    await db.query(`
      CREATE TABLE books (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        content_hash text NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'az', 'ru')),
        edition text NOT NULL CHECK (edition IN ('trainee', 'trainer')),
        format text NOT NULL CHECK (format IN ('pdf', 'epub')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'building', 'ready', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        storage_key text,
        size integer,
        builds integer NOT NULL DEFAULT 0,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        built_at timestamptz,
        UNIQUE (course_id, content_hash, language, edition, format),
        CHECK (status <> 'ready' OR (storage_key IS NOT NULL AND size IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE books');
  }
}
