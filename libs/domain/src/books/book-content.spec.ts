import { buildCourse, createGlossary, sourceHash, type CourseSource } from '@karvan/content';
import { bookContent } from './book-content.js';
import { printDocument } from './book-print.js';
import type { BookEdition, BookInput } from './book-types.js';

const COURSE_MD = `---
title: Borders
summary: S.
language: en
enrolment: open
---

An introduction.
`;

const MODULE_1 = `---
title: Checks
summary: S.
objectives:
  - Name the checks.
duration: 10
sources:
  - Schengen Borders Code
---

## First line

A [second-line check](glossary:second-line) follows a doubt.[^doubt] See [risk](02-risk.md#profiles).

![A border post](media/post.png)

| Check | Line |
| ----- | ---- |
| Documents | first |

::: warning Careful
Never on nationality alone.
:::

[^doubt]: A doubt about the document.

::: quiz
1. Who checks documents first? {#who}
   - [x] The first-line guard
   - [ ] The consul
   > The first-line guard looks at every document.
:::
`;

const MODULE_2 = `---
title: Risk
summary: S.
objectives:
  - Describe a profile.
duration: 10
---

## Profiles

Indicators.
`;

const MODULE_2_AZ = `---
title: Risk təhlili
summary: S.
objectives:
  - Profili təsvir edin.
source: 000000000000
---

## Profillər

Göstəricilər.
`;

function input(edition: BookEdition, language: BookInput['language'] = 'en', current = false): BookInput {
  const file = (name: string, text: string) => ({ name, path: `borders/${name}`, text });
  const source: CourseSource = {
    slug: 'borders',
    path: 'borders',
    files: [
      file('course.md', COURSE_MD),
      file('01-checks.md', MODULE_1),
      file('02-risk.md', MODULE_2),
      file('02-risk.az.md', current ? MODULE_2_AZ.replace('000000000000', sourceHash(MODULE_2)) : MODULE_2_AZ),
    ],
    media: ['media/post.png'],
  };
  const urls = {
    course: () => 'book-course:',
    module: (_c: string, m: string, a: string | undefined) => `book-module:${m}:${a ?? ''}`,
    media: (_c: string, f: string) => f,
  };
  const text = (en: string) => ({ en, az: en, ru: en });
  const glossary = createGlossary([
    {
      id: 'second-line',
      term: text('Second-line check'),
      definition: text('A closer check.'),
      source: 'Test',
      see: [],
      path: 'glossary/test.yaml',
      line: 1,
      seeLine: 1,
    },
  ]);
  const { course, problems } = buildCourse(source, urls, glossary);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return {
    course: course!,
    media: new Map(),
    language,
    edition,
    revision: 'abcdef123456',
    generatedAt: new Date('2026-12-05T10:00:00Z'),
    programme: 'Test programme',
    verifyUrl: 'https://karvan.example/courses/borders/book',
    glossary: [{ id: 'second-line', term: 'Second-line check', definition: 'A closer check.' }],
  };
}

const print = (edition: BookEdition, language: BookInput['language'] = 'en', current = false) => {
  const i = input(edition, language, current);
  return printDocument(i, bookContent(i));
};

describe('the book of a course', () => {
  it('prints glossary links as marked terms, listed in the glossary and in the index with their pages', () => {
    const html = print('trainee');
    expect(html).not.toContain('glossary:');
    expect(html).toContain('<span class="glossary-term" id="ch-checks-term-1">second-line check</span>');
    expect(html).toContain('<dt id="term-second-line">Second-line check</dt><dd>A closer check.</dd>');
    expect(html).toContain(
      '<li>Second-line check <a href="#term-second-line"></a>, <a href="#ch-checks-term-1"></a></li>',
    );
  });

  it('numbers chapters, figures and tables, and boxes the objectives', () => {
    const html = print('trainee');
    expect(html).toContain('<span class="chapter-number">Chapter 2</span> <span class="chapter-name">Risk</span>');
    expect(html).toContain('<figcaption><span class="caption-number">Figure 1.1.</span> A border post</figcaption>');
    expect(html).toContain('<caption><span class="caption-number">Table 1.1</span></caption>');
    expect(html).toContain('<div class="objectives"><p class="objectives-title">After this chapter you can</p>');
    expect(html).toContain('<aside class="callout callout-warning"');
  });

  it('floats each footnote to its page and links modules inside the book', () => {
    const html = print('trainee');
    expect(html).toContain('<span class="footnote">A doubt about the document.</span>');
    expect(html).not.toContain('footnotes-sep');
    expect(html).toContain('<a href="#ch-risk-profiles">risk</a>');
  });

  it('prints the exercises in both editions and the answer key only in the trainer edition', () => {
    const trainee = print('trainee');
    const trainer = print('trainer');
    for (const html of [trainee, trainer]) expect(html).toContain('Who checks documents first?');
    expect(trainee).not.toContain('The first-line guard looks at every document.');
    expect(trainee).not.toContain('Answers to the exercises');
    expect(trainer).toContain('Answers to the exercises');
    expect(trainer).toContain('<p class="answer">a) The first-line guard</p>');
  });

  it('uses a current translation and marks a chapter left in the course language', () => {
    const html = print('trainee', 'az');
    // 02-risk.az.md names an old revision of its base file: it is out of date, so not used.
    expect(html).toContain('<span class="chapter-name">Risk</span>');
    expect(html).toContain(
      'Bu fəslin aktual tərcüməsi hələ yoxdur (Azərbaycanca), ona görə də mətn kursun dilində verilib: English.',
    );
    expect(html).toContain('<span class="callout-kind">Diqqət</span>');
  });

  it('prints a chapter in the requested language when its translation is current', () => {
    const html = print('trainee', 'az', true);
    expect(html).toContain('<span class="chapter-name">Risk təhlili</span>');
    expect(html).toContain('<section class="chapter" id="ch-risk" lang="az">');
    expect(html).toContain('<h2 id="ch-risk-profillər">Profillər</h2>');
  });
});
