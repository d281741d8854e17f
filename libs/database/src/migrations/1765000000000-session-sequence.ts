import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionSequence1765000000000 implements MigrationInterface {
  name = 'SessionSequence1765000000000';

  async up(db: QueryRunner): Promise<void> {
    // A removed session stays, marked cancelled, so calendar feeds can tell subscribers it is off;
    // its attendance marks stay too but no longer count.
    await db.query(`ALTER TABLE cohort_sessions ADD COLUMN cancelled_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Going back to hard deletes: the cancelled sessions (and, by cascade, their marks) go.
    await db.query(`DELETE FROM cohort_sessions WHERE cancelled_at IS NOT NULL`);
    await db.query(`ALTER TABLE cohort_sessions DROP COLUMN cancelled_at`);
  }
}
