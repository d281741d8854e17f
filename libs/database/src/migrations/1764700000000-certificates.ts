import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1764700000000 implements MigrationInterface {
  name = 'Certificates1764700000000';

  async up(db: QueryRunner): Promise<void> {
    // Ed25519 keys; a retired key stays here so what it signed still verifies.
    await db.query(`
      CREATE TABLE signing_keys (
        id varchar(32) PRIMARY KEY,
        algorithm varchar(16) NOT NULL DEFAULT 'Ed25519' CHECK (algorithm = 'Ed25519'),
        public_jwk jsonb NOT NULL,
        private_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL`);
    await db.query(`CREATE SEQUENCE certificate_serial_seq START WITH 1001`);
    // One row per person and course or cohort, inserted pending by the completion transaction and
    // completed by the worker; cohorts arrive with the summer-school tables, hence no foreign key yet.
    await db.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        serial bigint NOT NULL UNIQUE DEFAULT nextval('certificate_serial_seq'),
        code varchar(40) NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CHECK (kind IN ('course', 'cohort')),
        course_id uuid REFERENCES courses (id) ON DELETE CASCADE,
        cohort_id uuid,
        status varchar(8) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'revoked')),
        revision integer NOT NULL DEFAULT 1,
        completed_at timestamptz NOT NULL,
        issued_at timestamptz,
        payload text,
        signature text,
        key_id varchar(32) REFERENCES signing_keys (id),
        pdf_key varchar(200),
        pdf_sha256 char(64),
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        last_error text,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        revoke_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'course') = (course_id IS NOT NULL)),
        CHECK ((kind = 'cohort') = (cohort_id IS NOT NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX certificates_user_course_key ON certificates (user_id, course_id) WHERE course_id IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX certificates_user_cohort_key ON certificates (user_id, cohort_id) WHERE cohort_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX certificates_pending_idx ON certificates (created_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE certificates, signing_keys`);
    await db.query(`DROP SEQUENCE certificate_serial_seq`);
  }
}
