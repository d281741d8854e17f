import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { checkTree, formatProblem, loadCourse, sourceHash } from '@karvan/content';

const COURSE = `---
title: Test course
summary: A course for tests.
language: en
enrolment: open
---

Start with [the introduction](01-intro.md).
`;

const INTRO = `---
title: Introduction
summary: The first module.
objectives:
  - Explain the basics.
duration: 20
---

## Basics

![A map of the region](media/map.png)

::: quiz pass=60
1. Pick one {#pick}
   - [x] right
   - [ ] wrong
2. Type it
   = answer
:::
`;

const NEXT = `---
title: Next steps
summary: The second module.
objectives:
  - Go further.
duration: 30
---

Back to [the basics](01-intro.md#basics).
`;

function translationOf(base: string, source = sourceHash(base)): string {
  return base
    .replace(/^---\n/, `---\nsource: ${source}\n`)
    .replace('title: Introduction', 'title: Giriş')
    .replace(/duration: \d+\n/, '')
    .replace('## Basics', '## Əsaslar')
    .replace('Pick one', 'Birini seçin')
    .replace('Type it', 'Yazın');
}

const roots: string[] = [];

/** Writes a content tree to a fresh temporary directory and returns it. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'karvan-content-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

async function check(files: Record<string, string>): Promise<string[]> {
  const root = await tree(files);
  return (await checkTree(root)).map((p) => formatProblem({ ...p, path: relative(root, p.path) }));
}

const GOOD = {
  'courses/test/course.md': COURSE,
  'courses/test/01-intro.md': INTRO,
  'courses/test/01-intro.az.md': translationOf(INTRO),
  'courses/test/02-next.md': NEXT,
  'courses/test/media/map.png': 'png',
};

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('checking a content tree', () => {
  it('finds nothing wrong with a good course', async () => {
    expect(await check(GOOD)).toEqual([]);
  });

  it('warns that a certificate for a completion without a graded quiz waits for an admin’s approval', async () => {
    const noQuiz = COURSE.replace(
      'enrolment: open\n',
      'enrolment: open\ncompletion:\n  quizzes: none\ncertificate: true\n',
    );
    const warning =
      'courses/test/course.md:8:1 warning certificate: true, but completing this course requires no graded quiz: ' +
      'certificates will not be issued until an admin approves the course';
    expect(await check({ ...GOOD, 'courses/test/course.md': noQuiz })).toEqual([warning]);
    const withQuizRule = COURSE.replace('enrolment: open\n', 'enrolment: open\ncertificate: true\n');
    expect(await check({ ...GOOD, 'courses/test/course.md': withQuizRule })).toEqual([]);
    // `quizzes: pass` (the default) with no quiz in any module requires none either.
    expect(
      await check({
        'courses/test/course.md': withQuizRule.replace(/Start with.*\n/, ''),
        'courses/test/02-next.md': NEXT.replace(/Back to.*\n/, ''),
      }),
    ).toEqual([warning.replace(':8:', ':6:')]);
  });

  it('reports a missing courses directory', async () => {
    expect(await check({ 'readme.txt': 'x' })).toEqual(['courses:1:1 error no courses/ directory here']);
  });

  it('reports missing and unknown front matter keys', async () => {
    const broken = NEXT.replace('duration: 30\n', 'level: easy\n');
    expect(await check({ ...GOOD, 'courses/test/02-next.md': broken })).toEqual([
      'courses/test/02-next.md:1:1 error missing front matter key "duration"',
      'courses/test/02-next.md:6:1 error unknown front matter key "level" (expected title, summary, objectives, duration, sources)',
    ]);
  });

  it('reports a course without course.md', async () => {
    const rest = Object.fromEntries(Object.entries(GOOD).filter(([path]) => !path.endsWith('course.md')));
    expect(await check(rest)).toEqual(['courses/test:1:1 error the course has no course.md']);
  });

  it('reports duplicate slugs and module numbers', async () => {
    expect(await check({ ...GOOD, 'courses/test/03-next.md': NEXT, 'courses/test/02-more.md': NEXT })).toEqual([
      'courses/test/02-next.md:1:1 error duplicate module number 2: also 02-more.md',
      'courses/test/03-next.md:1:1 error duplicate slug "next": also 02-next.md',
    ]);
  });

  it('reports slugs that are not lowercase a-z0-9-', async () => {
    const problems = await check({
      'courses/Test_Course/course.md': COURSE.replace('Start with [the introduction](01-intro.md).', ''),
      'courses/Test_Course/02-Next-Steps.md': NEXT.replace('Back to [the basics](01-intro.md#basics).', ''),
    });
    expect(problems).toEqual([
      'courses/Test_Course:1:1 error course slug "Test_Course" must be lowercase a-z, 0-9 and single hyphens',
      'courses/Test_Course/02-Next-Steps.md:1:1 error slug "Next-Steps" must be lowercase a-z, 0-9 and single hyphens',
    ]);
  });

  it('reports quiz problems with their lines', async () => {
    const broken = INTRO.replace('   - [x] right', '   - [ ] right').replace(
      '::: quiz pass=60',
      '::: quiz pass=60 retries=2',
    );
    expect(
      await check({
        ...GOOD,
        'courses/test/01-intro.md': broken,
        'courses/test/01-intro.az.md': translationOf(broken),
      }),
    ).toEqual([
      'courses/test/01-intro.az.md:13:18 error unknown quiz attribute "retries" (known: pass, attempts, time, late, shuffle, draw, pool, review, show, answers)',
      'courses/test/01-intro.az.md:14:1 error single-choice question 1 has no [x]: mark the correct option with [x]',
      'courses/test/01-intro.md:13:18 error unknown quiz attribute "retries" (known: pass, attempts, time, late, shuffle, draw, pool, review, show, answers)',
      'courses/test/01-intro.md:14:1 error single-choice question 1 has no [x]: mark the correct option with [x]',
    ]);
  });

  it('reports broken links to modules and images, and images without alt text', async () => {
    const broken =
      NEXT.replace('01-intro.md#basics', '07-missing.md') + '\n![](media/map.png) ![Chart](media/chart.png)\n';
    expect(await check({ ...GOOD, 'courses/test/02-next.md': broken })).toEqual([
      'courses/test/02-next.md:9:22 error broken link: no module "07-missing.md"',
      'courses/test/02-next.md:11:1 error image "media/map.png" has no alt text: describe it between ![ and ]',
      'courses/test/02-next.md:11:29 error broken image: "media/chart.png" does not exist',
    ]);
  });

  it('reports a translation without its base file', async () => {
    expect(await check({ ...GOOD, 'courses/test/05-ghost.ru.md': translationOf(INTRO) })).toEqual([
      'courses/test/05-ghost.ru.md:1:1 error translation without its base file: there is no 05-ghost.md',
    ]);
  });

  it('warns about a translation that is out of date', async () => {
    const changed = INTRO.replace('The first module.', 'The first module, revised.');
    expect(await check({ ...GOOD, 'courses/test/01-intro.md': changed })).toEqual([
      `courses/test/01-intro.az.md:1:1 warning out of date: translated from ${sourceHash(INTRO)} but 01-intro.md is now ${sourceHash(changed)}; update the text, then set source: ${sourceHash(changed)}`,
    ]);
  });

  it('reports a translation whose quiz has a different shape', async () => {
    const reshaped = translationOf(INTRO).replace('   - [ ] wrong\n', '   - [ ] wrong\n   - [ ] also wrong\n');
    const problems = await check({ ...GOOD, 'courses/test/01-intro.az.md': reshaped });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^courses\/test\/01-intro\.az\.md:14:1 error quiz shape differs at question 1: "pick single options=3/,
    );

    const shorter = translationOf(INTRO).replace(/2\. Yazın\n {3}= answer\n/, '');
    expect(await check({ ...GOOD, 'courses/test/01-intro.az.md': shorter })).toEqual([
      'courses/test/01-intro.az.md:13:1 error quiz shape differs: 1 questions here, 2 in the base file',
    ]);

    const withoutQuiz = translationOf(INTRO).replace(/::: quiz[^]*:::\n/, '');
    expect((await check({ ...GOOD, 'courses/test/01-intro.az.md': withoutQuiz }))[0]).toMatch(
      /has a quiz but this translation has none/,
    );
  });

  it('reports a translation into the course language, a quiz in course.md and stray files', async () => {
    const problems = await check({
      ...GOOD,
      'courses/test/02-next.en.md': translationOf(NEXT),
      'courses/test/course.md': `${COURSE}\n::: quiz\n1. Q\n   = a\n:::\n`,
      'courses/test/notes.txt': 'x',
    });
    expect(problems).toEqual([
      'courses/test/02-next.en.md:1:1 error "en" is the course\'s own language: this file should be 02-next.md',
      'courses/test/course.md:10:1 error a quiz belongs in a module, not in course.md',
      'courses/test/notes.txt:1:1 warning not a content file (.md) or under media/: ignored',
    ]);
  });
});

describe('loading a course', () => {
  it('gives the course, its modules in order with rendered HTML, quiz and translations', async () => {
    const root = await tree(GOOD);
    const { course, problems } = await loadCourse(join(root, 'courses/test'));
    expect(problems).toEqual([]);
    expect(course?.meta).toMatchObject({ title: 'Test course', language: 'en', certificate: false, authors: [] });
    expect(course?.html).toContain('<a href="/courses/test/modules/intro">the introduction</a>');
    expect(course?.modules.map((m) => [m.number, m.slug, m.title, m.duration])).toEqual([
      [1, 'intro', 'Introduction', 20],
      [2, 'next', 'Next steps', 30],
    ]);
    const [intro, next] = course!.modules;
    expect(intro.html).toContain('<img src="/courses/test/media/map.png" alt="A map of the region">');
    expect(intro.html).not.toContain('quiz');
    expect(intro.toc).toEqual([{ level: 2, id: 'basics', text: 'Basics' }]);
    expect(intro.quiz?.settings.passPercent).toBe(60);
    expect(intro.answerKey?.pick).toMatchObject({ type: 'single', correct: ['o1'] });
    expect(intro.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(intro.markdown).toBe(INTRO);
    expect(next.html).toContain('href="/courses/test/modules/intro#basics"');
    expect(intro.translations).toEqual([
      expect.objectContaining({
        language: 'az',
        title: 'Giriş',
        outOfDate: false,
        duration: null,
        source: sourceHash(INTRO),
      }),
    ]);
    expect(intro.translations[0].toc).toEqual([{ level: 2, id: 'əsaslar', text: 'Əsaslar' }]);
    expect(intro.translations[0].quiz?.questions[0].promptHtml).toBe('Birini seçin');
  });

  it('links a translation to modules in its own language', async () => {
    const root = await tree({ ...GOOD, 'courses/test/02-next.az.md': translationOf(NEXT, sourceHash(NEXT)) });
    const { course, problems } = await loadCourse(join(root, 'courses/test'));
    expect(problems).toEqual([]);
    expect(course?.modules[1].translations[0].html).toContain('href="/courses/test/modules/intro?lang=az#basics"');
  });
});
