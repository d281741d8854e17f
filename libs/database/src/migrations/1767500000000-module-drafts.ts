import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ModuleDrafts1767500000000 implements MigrationInterface {
  name = 'ModuleDrafts1767500000000';

  async up(db: QueryRunner): Promise<void> {
    // A module added in the editor starts as a draft: its authors see and edit it, trainees neither
    // see it nor count it towards completion until it is published. Every reader's query asks for
    // 'active' already, so a draft is hidden from them without changing those queries.
    await db.query(`ALTER TABLE modules DROP CONSTRAINT modules_status_check`);
    await db.query(
      `ALTER TABLE modules ADD CONSTRAINT modules_status_check CHECK (status IN ('draft', 'active', 'archived'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE modules SET status = 'active' WHERE status = 'draft'`);
    await db.query(`ALTER TABLE modules DROP CONSTRAINT modules_status_check`);
    await db.query(`ALTER TABLE modules ADD CONSTRAINT modules_status_check CHECK (status IN ('active', 'archived'))`);
  }
}
