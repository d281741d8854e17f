import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Glossary1766200000000 implements MigrationInterface {
  name = 'Glossary1766200000000';

  async up(db: QueryRunner): Promise<void> {
    // Filled from content/glossary by content sync; module pages and the glossary page read it.
    await db.query(`
      CREATE TABLE glossary_terms (
        id text PRIMARY KEY,
        term jsonb NOT NULL,
        definition jsonb NOT NULL,
        source text NOT NULL,
        see text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE glossary_terms`);
  }
}
