// Generated courses for the benchmarks that need many modules (sync, editor): realistic module
// files written to a folder, as a content tree is.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `courses` generated courses of `modules` modules each under `dir/courses/<name>-<n>`,
 * with the shipped glossary beside them: front matter, headings, lists, a table, links to other
 * modules and the glossary, a footnote, a call-out, and a small quiz in every third module. A
 * module has `sections` sections of about 1 KB each: 1 by default (a module of 2 KB); 20 make
 * modules of about 21 KB, the size of the shipped English modules (18–26 KB).
 */
export function writeGeneratedTree(dir, courses, modules, { sections = 1, name = 'bench-course' } = {}) {
  cpSync(new URL('../content/glossary', import.meta.url).pathname, join(dir, 'glossary'), { recursive: true });
  for (let c = 1; c <= courses; c++) {
    const courseDir = join(dir, 'courses', `${name}-${c}`);
    mkdirSync(courseDir, { recursive: true });
    writeFileSync(join(courseDir, 'course.md'), courseMarkdown(c, modules));
    for (let m = 1; m <= modules; m++) {
      writeFileSync(join(courseDir, moduleFile(m)), moduleMarkdown(c, m, modules, sections));
    }
  }
}

export function moduleFile(m) {
  return `${String(m).padStart(3, '0')}-topic-${m}.md`;
}

function courseMarkdown(c, modules) {
  return `---
title: Benchmark course ${c}
summary: A generated course for the benchmarks.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
authors: [trainer@karvan.example]
---

This course has ${modules} generated modules. Start with [the first one](${moduleFile(1)}).
`;
}

function moduleMarkdown(c, m, modules, sections) {
  const next = m < modules ? `[the next module](${moduleFile(m + 1)})` : 'the course page';
  const body = Array.from({ length: sections }, (_, s) => section(c, m, next, sections > 1 ? ` (part ${s + 1})` : ''));
  return `---
title: Topic ${m} of course ${c}
summary: What topic ${m} covers, in one sentence, for the course page.
objectives:
  - Explain the main idea of topic ${m}.
  - Apply it to a case from the region.
duration: ${20 + (m % 4) * 10}
sources:
  - "IOM, Glossary on Migration, 2019, https://publications.iom.int/books/international-migration-law-ndeg34-glossary-migration"
---

${body.join('\n')}
See the UNHCR figures at https://www.unhcr.org/refugee-statistics/ for comparison.

[^1]: UNHCR, Master Glossary of Terms, 2006.
${m % 3 === 0 ? quizMarkdown(m) : ''}`;
}

function section(c, m, next, part) {
  return `## Key ideas of topic ${m}${part}

A [refugee](glossary:refugee) is not the same as an [asylum seeker](glossary:asylum-seeker): the first has
been recognised, the second is still waiting for a decision.[^1] This module explains why the
difference matters for the *procedures* an officer follows and the **rights** a person has.

- Who decides on a claim, and within which time limits.
- What a person may do while the claim is open: work, study, travel.
- Where the figures come from: the State Statistical Committee and the State Migration Service.

### A worked example${part}

1. Read the case below.
2. Decide which procedure applies.
3. Compare your answer with ${next}.

::: case-study Arrival at the border${part}
A family arrives at a land border crossing point without visas and asks for protection.
The officer on duty records the request and refers it to the State Migration Service.
:::

| Year | Applications | Decisions |
| ---- | -----------: | --------: |
| 2021 | ${100 + m} | ${80 + m} |
| 2022 | ${120 + m} | ${95 + m} |
| 2023 | ${140 + c} | ${110 + c} |
`;
}

function quizMarkdown(m) {
  return `
::: quiz pass=70
1. Who decides on an asylum claim in topic ${m}? {#decides}
   - [ ] The border officer on duty
   - [x] The State Migration Service
   > The officer records the request; the State Migration Service decides.

2. Which of these may a person do while the claim is open? Select all that apply. {#while-open}
   - [x] Ask for legal aid
   - [x] Receive medical care
   - [ ] Be returned before the decision
   > Non-refoulement protects a person while the claim is open.
:::
`;
}
