import { contentHash, formatProblem, parseDocument, sourceHash, type Problem } from '@karvan/content';

const COURSE = `---
title: Migration management fundamentals
summary: An introduction.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
authors: [trainer@example.org]
---

Intro text.
`;

const MODULE = `---
title: Migration governance in Azerbaijan
summary: One sentence.
objectives:
  - Name the institutions.
duration: 45
sources:
  - Migration Code of the Republic of Azerbaijan (2013)
---
Body line one.
`;

function messages(problems: Problem[]): string[] {
  return problems.map(formatProblem);
}

describe('parsing a content file', () => {
  it('reads course front matter into typed data', () => {
    const doc = parseDocument('c/course.md', COURSE);
    expect(doc.kind).toBe('course');
    expect(doc.meta).toEqual({
      title: 'Migration management fundamentals',
      summary: 'An introduction.',
      language: 'en',
      enrolment: 'open',
      completion: { modules: 'all', quizzes: 'pass' },
      certificate: true,
      authors: ['trainer@example.org'],
    });
    expect(doc.body).toBe('\nIntro text.\n');
    expect(doc.lineOffset).toBe(11);
    expect(doc.problems).toEqual([]);
  });

  it('reads module front matter and the module number and slug from the file name', () => {
    const doc = parseDocument('c/01-governance.md', MODULE);
    expect(doc.kind).toBe('module');
    expect(doc.file).toEqual({ kind: 'module', number: 1, slug: 'governance' });
    expect(doc.meta).toEqual({
      title: 'Migration governance in Azerbaijan',
      summary: 'One sentence.',
      objectives: ['Name the institutions.'],
      duration: 45,
      sources: ['Migration Code of the Republic of Azerbaijan (2013)'],
    });
    expect(doc.body.split('\n')[0]).toBe('Body line one.');
    expect(doc.lineOffset).toBe(9);
  });

  it('reads a module translation with its source hash, kept as text when YAML sees a number', () => {
    const text = MODULE.replace('duration: 45\n', 'source: 123456789012\n');
    const doc = parseDocument('c/01-governance.az.md', text);
    expect(doc.kind).toBe('module-translation');
    expect(doc.file).toMatchObject({ language: 'az', baseName: '01-governance.md', slug: 'governance' });
    expect(doc.meta).toMatchObject({ source: '123456789012', duration: null });
    expect(doc.problems).toEqual([]);
  });

  it('reads a course translation, which carries only title, summary and source', () => {
    const doc = parseDocument('c/course.ru.md', '---\ntitle: Основы\nsummary: Введение.\nsource: 0123abcd4567\n---\n');
    expect(doc.kind).toBe('course-translation');
    expect(doc.meta).toEqual({ title: 'Основы', summary: 'Введение.', source: '0123abcd4567' });
    expect(doc.problems).toEqual([]);
  });

  it('reports missing keys at the top and unknown keys where they are written', () => {
    const doc = parseDocument('c/02-x.md', '---\ntitle: T\nsummary: S\nauthor: me\nduration: 10\n---\n');
    expect(messages(doc.problems)).toEqual([
      'c/02-x.md:1:1 error missing front matter key "objectives"',
      'c/02-x.md:4:1 error unknown front matter key "author" (expected title, summary, objectives, duration, sources)',
    ]);
  });

  it('requires source in a translation and refuses keys that belong to the base file', () => {
    const doc = parseDocument('c/course.az.md', '---\ntitle: T\nsummary: S\nlanguage: az\n---\n');
    expect(messages(doc.problems)).toEqual([
      'c/course.az.md:1:1 error missing front matter key "source"',
      'c/course.az.md:4:1 error unknown front matter key "language" (expected title, summary, source)',
    ]);
  });

  it('names the key and what it expects when a value is wrong', () => {
    const text = COURSE.replace('enrolment: open', 'enrolment: maybe').replace('language: en', 'language: English');
    expect(messages(parseDocument('course.md', text).problems)).toEqual([
      'course.md:4:1 error front matter key "language" must be a language code such as en, az or ru',
      'course.md:5:1 error front matter key "enrolment" must be one of open, key, approval',
    ]);
    const module = MODULE.replace('duration: 45', 'duration: soon').replace('  - Name the institutions.', '  - ');
    expect(messages(parseDocument('01-a.md', module).problems)).toEqual([
      '01-a.md:4:1 error front matter key "objectives" must be a list of texts ("- text" lines)',
      '01-a.md:6:1 error front matter key "duration" must be a whole number of minutes',
    ]);
  });

  it('refuses a source that is not a 12-character hash', () => {
    const doc = parseDocument('course.az.md', '---\ntitle: T\nsummary: S\nsource: abc\n---\n');
    expect(doc.problems[0].message).toMatch(/"source" must be the first 12 hex characters/);
  });

  it('reports YAML errors with the line in the file', () => {
    const doc = parseDocument('01-a.md', '---\ntitle: T\nsummary: [unclosed\nduration: 5\n---\nBody');
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0].line).toBeGreaterThanOrEqual(3);
    expect(doc.problems[0].message).toMatch(/^front matter:/);
  });

  it('reports a file without front matter, or with front matter never closed', () => {
    expect(messages(parseDocument('01-a.md', '# Just text').problems)[0]).toMatch(
      /^01-a\.md:1:1 error the file must start/,
    );
    expect(parseDocument('01-a.md', '---\ntitle: T\n').problems[0].message).toMatch(/not closed/);
  });

  it('counts lines of files with Windows line endings the same', () => {
    const doc = parseDocument('01-a.md', MODULE.replace(/\n/g, '\r\n'));
    expect(doc.lineOffset).toBe(9);
    expect(doc.problems).toEqual([]);
  });

  it.each([
    ['intro.md', /must be course\.md or NN-slug\.md/],
    ['01-Bad_Slug.md', /slug "Bad_Slug" must be lowercase/],
    ['01-a.b.c.md', /more than one dot/],
    ['01-a.azerbaijani.md', /not a language code/],
  ])('refuses the file name %s', (name, message) => {
    const doc = parseDocument(`c/${name}`, MODULE);
    expect(doc.kind).toBe('unknown');
    expect(doc.problems[0].message).toMatch(message);
  });
});

describe('content hashes', () => {
  it('is the SHA-256 of the text, the same for CRLF and LF', () => {
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash('a\r\nb\r\n')).toBe(contentHash('a\nb\n'));
    expect(contentHash('a\nb')).not.toBe(contentHash('a\n\nb'));
  });

  it('gives translations its first 12 characters', () => {
    expect(sourceHash('abc')).toBe('ba7816bf8f01');
  });
});
