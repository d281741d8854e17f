import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CohortTimeZone1766700001000 implements MigrationInterface {
  name = 'CohortTimeZone1766700001000';

  async up(db: QueryRunner): Promise<void> {
    // The zone a cohort's sessions and call happen in (an IANA name); the schools so far were in Baku.
    await db.query(`ALTER TABLE cohorts ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'Asia/Baku'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cohorts DROP COLUMN time_zone`);
  }
}
