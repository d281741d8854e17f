import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoped grants replace global roles, course authors and cohort staff: a grant is (user, role,
 * scope). Every right those tables gave is carried over as a grant; coordinators' implicit reach
 * over every course's gradebook and certificates was not intended and is not carried over.
 */
export class Access1764900000000 implements MigrationInterface {
  name = 'Access1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(64) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `ALTER TABLE courses ADD COLUMN organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL`,
    );
    await db.query(
      `ALTER TABLE programmes ADD COLUMN organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL`,
    );
    await db.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role varchar(32) NOT NULL,
        scope_kind varchar(16) NOT NULL CHECK (scope_kind IN ('site', 'organisation', 'course', 'programme', 'cohort')),
        scope_id uuid,
        granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope_kind = 'site') = (scope_id IS NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX grants_unique ON grants (user_id, role, scope_kind, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'))`,
    );
    await db.query(`CREATE INDEX grants_scope ON grants (scope_kind, scope_id)`);
    await db.query(`
      CREATE TABLE access_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_label varchar(320) NOT NULL DEFAULT '',
        action varchar(32) NOT NULL,
        subject_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject_label varchar(320) NOT NULL DEFAULT '',
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX access_audit_at ON access_audit (at DESC)`);
    await db.query(`
      INSERT INTO grants (user_id, role, scope_kind, scope_id, created_at)
      SELECT user_id, role, 'site', NULL, now() FROM user_roles`);
    await db.query(`
      INSERT INTO grants (user_id, role, scope_kind, scope_id)
      SELECT user_id, 'course_author', 'course', course_id FROM course_authors`);
    await db.query(`
      INSERT INTO grants (user_id, role, scope_kind, scope_id)
      SELECT user_id, 'cohort_coordinator', 'cohort', cohort_id FROM cohort_coordinators`);
    await db.query(`
      INSERT INTO grants (user_id, role, scope_kind, scope_id)
      SELECT user_id, 'cohort_reviewer', 'cohort', cohort_id FROM cohort_reviewers`);
    await db.query(`
      INSERT INTO access_audit (action, subject_id, subject_label, after)
      SELECT 'migrated', g.user_id, u.email, jsonb_build_object('role', g.role, 'scope', g.scope_kind, 'scopeId', g.scope_id)
      FROM grants g JOIN users u ON u.id = g.user_id`);
    await db.query(`DROP TABLE user_roles, course_authors, cohort_coordinators, cohort_reviewers`);
  }

  down(): Promise<void> {
    return Promise.reject(
      new Error('The access migration cannot be undone: restore the backup taken before the upgrade.'),
    );
  }
}
