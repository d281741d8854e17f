import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GlossaryEpoch1767100000000 implements MigrationInterface {
  name = 'GlossaryEpoch1767100000000';

  async up(db: QueryRunner): Promise<void> {
    // The glossary's own counter, beside the content one: what is built from the glossary alone (the
    // editor's link checks) stays in memory while authors save modules, which raise only 'content'.
    await db.query(`INSERT INTO cache_epochs (name) VALUES ('glossary')`);
    await db.query(`
      CREATE FUNCTION raise_glossary_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cache_epochs SET epoch = epoch + 1 WHERE name = 'glossary';
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER glossary_terms_glossary_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON glossary_terms
      FOR EACH STATEMENT EXECUTE FUNCTION raise_glossary_epoch()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER glossary_terms_glossary_epoch ON glossary_terms`);
    await db.query(`DROP FUNCTION raise_glossary_epoch()`);
    await db.query(`DELETE FROM cache_epochs WHERE name = 'glossary'`);
  }
}
