import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows make up what every reader sees alike: course texts, modules, the glossary. */
const CONTENT_TABLES = ['courses', 'modules', 'module_revisions', 'module_translations', 'glossary_terms'];

export class ContentEpoch1766800000000 implements MigrationInterface {
  name = 'ContentEpoch1766800000000';

  async up(db: QueryRunner): Promise<void> {
    // A counter per kind of shared content, raised by any statement that changes it. Processes keep
    // such content in memory tagged with the counter they read, and read the counter (one tiny row)
    // with each request: a change is seen by every process on its next request, without a time limit.
    // The raise is an UPDATE, so it becomes visible at commit, together with the change.
    await db.query(`
      CREATE TABLE cache_epochs (
        name varchar(40) PRIMARY KEY,
        epoch bigint NOT NULL DEFAULT 1
      )`);
    await db.query(`INSERT INTO cache_epochs (name) VALUES ('content')`);
    await db.query(`
      CREATE FUNCTION raise_content_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cache_epochs SET epoch = epoch + 1 WHERE name = 'content';
        RETURN NULL;
      END $$`);
    for (const table of CONTENT_TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_content_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION raise_content_epoch()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of CONTENT_TABLES) await db.query(`DROP TRIGGER ${table}_content_epoch ON ${table}`);
    await db.query(`DROP FUNCTION raise_content_epoch()`);
    await db.query(`DROP TABLE cache_epochs`);
  }
}
