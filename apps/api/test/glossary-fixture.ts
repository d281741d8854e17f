import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { sourceHash } from '@karvan/content';
import { CourseSyncService } from '@karvan/domain';
import type { TestApp } from './test-app.js';

const COURSE = `---
title: Glossary course GLOSS
summary: A course whose module links glossary terms.
language: en
enrolment: open
---

A course for the glossary tests.
`;

const MODULE = `---
title: Permits and visas
summary: Which document allows what.
objectives:
  - Tell a work permit from a residence permit.
duration: 10
---

## Documents

A foreigner who wants to work needs a [work permit](glossary:work-permit); to live here for a
while, a [temporary residence permit](glossary:temporary-residence-permit). A [visa](glossary:visa) is for entry.
`;

const translation = (title: string, text: string) => `---
title: ${title}
summary: ${title}.
objectives:
  - ${title}.
source: ${sourceHash(MODULE)}
---

## ${title}

${text}
`;

const AZ = translation(
  'İcazələr və vizalar',
  'İşləmək istəyən əcnəbiyə [iş icazəsi](glossary:work-permit), burada yaşamaq üçün isə [müvəqqəti yaşama icazəsi](glossary:temporary-residence-permit) lazımdır.',
);
const RU = translation(
  'Разрешения и визы',
  'Иностранцу для работы нужно [разрешение на работу](glossary:work-permit), а для въезда — [виза](glossary:visa).',
);

export interface GlossaryFixture {
  courseSlug: string;
  moduleSlug: string;
  courseTitle: string;
}

/**
 * Syncs the shipped glossary (content/glossary) and a small published course whose module links
 * three of its terms in en, az and ru, as content sync does at start.
 */
export async function syncGlossaryFixture(t: TestApp): Promise<GlossaryFixture> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const root = await mkdtemp(join(tmpdir(), 'karvan-glossary-'));
  const courseSlug = `glossary-${stamp}`;
  const courseTitle = `Glossary course ${stamp}`;
  try {
    await cp(join(projectRoot(), 'content', 'glossary'), join(root, 'glossary'), { recursive: true });
    const dir = join(root, 'courses', courseSlug);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'course.md'), COURSE.replace('Glossary course GLOSS', courseTitle));
    await writeFile(join(dir, '01-permits.md'), MODULE);
    await writeFile(join(dir, '01-permits.az.md'), AZ);
    await writeFile(join(dir, '01-permits.ru.md'), RU);
    const report = await t.app.get(CourseSyncService).syncContent(root);
    const problems = [...report.glossary.problems, ...report.courses.flatMap((c) => c.problems)];
    if (problems.length > 0) throw new Error(`fixture did not sync: ${JSON.stringify(problems)}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return { courseSlug, moduleSlug: 'permits', courseTitle };
}
