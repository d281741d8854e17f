import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CourseTitleTranslations1767700000000 implements MigrationInterface {
  name = 'CourseTitleTranslations1767700000000';

  async up(db: QueryRunner): Promise<void> {
    // The translations' titles alone, `{ "az": { "title": … } }`, kept by PostgreSQL beside the
    // translations. Pages that name a course in the reader's language (the home page, the module
    // page, certificates) read this small value; reading a title out of `translations` made
    // PostgreSQL fetch and decompress each language's whole Markdown and HTML for every row.
    // Deleting paths is immutable, as a generated column must be; building an object is not.
    const texts = ['en', 'az', 'ru'].flatMap((language) =>
      ['markdown', 'html', 'summary'].map((field) => `#- '{${language},${field}}'`),
    );
    await db.query(
      `ALTER TABLE courses ADD COLUMN title_translations jsonb GENERATED ALWAYS AS (translations ${texts.join(' ')}) STORED`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE courses DROP COLUMN title_translations`);
  }
}
