import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTimeZone1766400000000 implements MigrationInterface {
  name = 'UserTimeZone1766400000000';

  async up(db: QueryRunner): Promise<void> {
    // The zone a person reads times in; NULL means the site's zone (TIME_ZONE). The application
    // checks the name against the runtime's zone list, the database only bounds its length.
    await db.query(`ALTER TABLE users ADD COLUMN time_zone varchar(64) CHECK (time_zone <> '')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN time_zone`);
  }
}
