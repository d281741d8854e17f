import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventJobs1767200000000 implements MigrationInterface {
  name = 'EventJobs1767200000000';

  async up(db: QueryRunner): Promise<void> {
    // The job an event went into. Events go several to a job, so an event dispatched again must go
    // back under that job's id, which the queue ignores while the job still holds it.
    await db.query(`ALTER TABLE domain_events ADD COLUMN job_id uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE domain_events DROP COLUMN job_id`);
  }
}
