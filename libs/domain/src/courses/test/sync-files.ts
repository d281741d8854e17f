/** course.md of the sync tests; `authors` are the e-mails of its front matter. */
export const COURSE = (authors: string[] = []) => `---
title: Sync test course
summary: A course for the sync tests.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
authors: [${authors.join(', ')}]
---

Introduction.
`;

/** A module file with a one-question quiz; `extra` goes at the end of its text. */
export const MODULE = (title: string, extra = '') => `---
title: ${title}
summary: One sentence.
objectives:
  - Do one thing.
duration: 10
sources:
  - A source
---

## Section

Text of ${title}.${extra}

::: quiz pass=70
1. Which year? {#year}
   - [ ] 2002
   - [x] 2007
   > Established in 2007.
:::
`;

/** A glossary file of terms that are the same in every language but for their id. */
export const GLOSSARY = (ids: string[]) =>
  ids
    .map(
      (id) => `- id: ${id}
  term: { en: ${id}, az: ${id}, ru: ${id} }
  definition: { en: The ${id}., az: The ${id}., ru: The ${id}. }
  source: A source
`,
    )
    .join('\n');

/** Bytes a PNG check accepts: the signature, then anything. */
export const PNG = (text: string) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(text)]);
