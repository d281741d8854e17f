import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateApproval1764950000000 implements MigrationInterface {
  name = 'CertificateApproval1764950000000';

  async up(db: QueryRunner): Promise<void> {
    // A course whose completion needs no graded quiz issues certificates only once an admin approves it.
    await db.query(`
      ALTER TABLE courses
        ADD COLUMN certificate_approved_at timestamptz,
        ADD COLUMN certificate_approved_by uuid REFERENCES users (id) ON DELETE SET NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE courses DROP COLUMN certificate_approved_by, DROP COLUMN certificate_approved_at');
  }
}
