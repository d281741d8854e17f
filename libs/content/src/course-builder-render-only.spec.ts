import { buildCourse, type SourceFile } from '@karvan/content';

const COURSE = `---
title: One file at a time
summary: A course checked one module at a time, as the editor does.
language: en
enrolment: open
---

Text.
`;

const moduleFile = (title: string, body: string) => `---
title: ${title}
summary: One sentence.
objectives:
  - Do one thing.
duration: 10
---

${body}`;

const FIRST = `## Links

See [the second module](02-second.md#arrival), a [missing one](09-none.md) and ![a map](media/map.png).

::: quiz pool=course draw=scenario:1
1. Local {#local .scenario}
   - [x] right
   - [ ] wrong
:::
`;

// A broken link here is the second module's problem, not the first's.
const SECOND = `## Arrival

A [broken link](08-nothing.md).

::: quiz
1. Expired visa {#expired .scenario}
   - [x] refuse
   - [ ] admit
:::
`;

const files: SourceFile[] = [
  { name: 'course.md', path: 'c/course.md', text: COURSE },
  { name: '01-first.md', path: 'c/01-first.md', text: moduleFile('First', FIRST) },
  { name: '02-second.md', path: 'c/02-second.md', text: moduleFile('Second', SECOND) },
  { name: '01-first.az.md', path: 'c/az/01-first.az.md', text: moduleFile('Birinci', FIRST) },
];
const source = { slug: 'c', path: 'c', files, media: ['media/map.png'] };

describe('building a course with only one file rendered', () => {
  const whole = buildCourse(source);
  const alone = buildCourse(source, undefined, undefined, { renderOnly: 'c/01-first.md' });
  const first = (built: typeof whole) => built.course!.modules.find((m) => m.slug === 'first')!;
  const own = (built: typeof whole) => built.problems.filter((p) => p.path === 'c/01-first.md');

  it('gives that file the same html, contents, quiz with borrowed questions, key and problems', () => {
    // Its translations are read, not rendered, when only the module is.
    const withoutTranslations = (module: ReturnType<typeof first>) => ({ ...module, translations: [] });
    const only = withoutTranslations(first(alone));
    expect(only).toEqual(withoutTranslations(first(whole)));
    expect(only.html).toContain('href="/courses/c/modules/second#arrival"');
    expect(only.quiz?.questions.map((q) => q.id)).toEqual(['local', 'second.expired']);
    expect(own(alone)).toEqual(own(whole));
    expect(own(alone).map((p) => p.code)).toEqual(['link.module']);
  });

  it('holds only that module and does not look for the other files’ problems', () => {
    expect(whole.problems.some((p) => p.path === 'c/02-second.md')).toBe(true);
    expect(alone.problems.some((p) => p.path === 'c/02-second.md')).toBe(false);
    expect(alone.course!.modules.map((m) => m.slug)).toEqual(['first']);
  });

  it('builds the same again from the files it kept read', () => {
    expect(buildCourse(source, undefined, undefined, { renderOnly: 'c/01-first.md' })).toEqual(alone);
    // The kept files are frozen: what one build borrows from them, no later build can find changed.
    const borrowed = alone.course!.modules[0].quiz!.questions[1] as { options: unknown[] };
    expect(borrowed.options).toHaveLength(2);
    expect(Object.isFrozen(borrowed.options)).toBe(true);
  });

  it('finds a module link by its slug when its number differs, only when asked (a course from the database)', () => {
    const renumbered = {
      ...source,
      files: files.map((f) => ({ ...f, text: f.text.replace('02-second.md', '07-second.md') })),
    };
    const strict = buildCourse(renumbered, undefined, undefined, { renderOnly: 'c/01-first.md' });
    const bySlug = buildCourse(renumbered, undefined, undefined, { renderOnly: 'c/01-first.md', linksBySlug: true });
    const codes = (built: typeof whole) => own(built).map((p) => `${p.code} ${JSON.stringify(p.params)}`);
    expect(codes(strict)).toContain('link.module {"file":"07-second.md"}');
    expect(codes(bySlug)).toEqual(codes(alone));
    expect(first(bySlug).html).toContain('href="/courses/c/modules/second#arrival"');
  });
});
