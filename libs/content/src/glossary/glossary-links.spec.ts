import {
  buildCourse,
  courseGlossaryTerms,
  createGlossary,
  formatProblem,
  renderInline,
  renderMarkdown,
  sourceHash,
  glossaryLinks,
  titleGlossaryLinks,
  type GlossaryTerm,
} from '@karvan/content';

function term(id: string, names: [string, string, string]): GlossaryTerm {
  const [en, az, ru] = names;
  return {
    id,
    term: { en, az, ru },
    definition: { en: `${en}: meaning.`, az: `${az}: məna.`, ru: `${ru}: значение.` },
    source: 'test',
    see: [],
    path: 'g.yaml',
    line: 1,
    seeLine: 1,
  };
}

const GLOSSARY = createGlossary([
  term('visa', ['visa', 'viza', 'виза']),
  term('work-permit', ['work permit', 'iş icazəsi', 'разрешение на работу']),
  term('refugee', ['refugee', 'qaçqın', 'беженец']),
]);

describe('glossary links in module text', () => {
  it('become links to the term on the glossary page, with the definition in the text language', () => {
    const { html, problems, glossaryTerms } = renderMarkdown('Get a [viza](glossary:visa) first.', {
      path: 'm.az.md',
      ...glossaryLinks(GLOSSARY, 'az'),
    });
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="/glossary?lang=az#term-visa" class="glossary-link" data-term="visa">viza</a>');
    expect(glossaryTerms).toEqual(['visa']);
  });

  it('lists each linked term once, in order of first link', () => {
    const text = '[a](glossary:refugee), [b](glossary:visa) and [c](glossary:refugee).';
    expect(renderMarkdown(text, glossaryLinks(GLOSSARY, 'en')).glossaryTerms).toEqual(['refugee', 'visa']);
  });

  it('report an unknown id at its file line and column', () => {
    const { problems, html } = renderMarkdown('Intro.\n\nSome text and a [permit](glossary:work-permits).', {
      path: 'm.md',
      lineOffset: 7,
      ...glossaryLinks(GLOSSARY, 'en'),
    });
    expect(problems.map(formatProblem)).toEqual([
      'm.md:10:26 error broken glossary link: no term "work-permits" in the glossary',
    ]);
    expect(html).toContain('href="/glossary#term-work-permits"');
  });

  it('lead to the glossary page where no module context is given (quiz prompts, guides)', () => {
    expect(renderInline('A [visa](glossary:visa).')).toContain('<a href="/glossary#term-visa">visa</a>');
    expect(renderMarkdown('A [visa](glossary:visa).').html).toContain('href="/glossary#term-visa"');
  });

  it('get their definition as a tooltip when served, escaped, and only where the term exists', () => {
    const { html } = renderMarkdown('[a](glossary:visa) and [b](glossary:refugee) and [c](https://x.org).', {
      ...glossaryLinks(GLOSSARY, 'en'),
    });
    const definitions = new Map([['visa', 'A "visa" <permit> & more.']]);
    const titled = titleGlossaryLinks(html, (id) => definitions.get(id));
    expect(titled).toContain(
      '<a href="/glossary?lang=en#term-visa" class="glossary-link" data-term="visa" title="A &quot;visa&quot; &lt;permit&gt; &amp; more.">a</a>',
    );
    expect(titled).toContain('data-term="refugee">b</a>');
    expect(titled).toContain('<a href="https://x.org">c</a>');
    expect(titleGlossaryLinks('<p>plain</p>', () => 'x')).toBe('<p>plain</p>');
  });

  it('are refused as images', () => {
    const { problems } = renderMarkdown('![a visa](glossary:visa)', { path: 'm.md', ...glossaryLinks(GLOSSARY, 'en') });
    expect(problems.map((p) => p.message)).toEqual(['broken image: "glossary:visa" is a glossary term, not an image']);
  });
});

const COURSE = `---
title: Course
summary: A course in Azerbaijani.
language: az
enrolment: open
---
`;
const MODULE = `---
title: Giriş
summary: Birinci modul.
objectives:
  - Anlayışları izah edin.
duration: 10
---

## Əsaslar

[Viza](glossary:visa) və [iş icazəsi](glossary:work-permit).

::: quiz
1. Nədir [viza](glossary:visas)?
   - [x] bəli
   - [ ] xeyr
:::
`;
const translation = (text: string) => `---
title: Intro
summary: The first module.
objectives:
  - Explain the terms.
source: ${sourceHash(MODULE)}
---

## Basics

${text}

::: quiz
1. What is a [visa](glossary:visa)?
   - [x] yes
   - [ ] no
:::
`;

describe('glossary links in a course', () => {
  const { course, problems } = buildCourse(
    {
      slug: 'c',
      path: 'c',
      media: [],
      files: [
        { name: 'course.md', path: 'c/course.md', text: COURSE },
        { name: '01-intro.md', path: 'c/01-intro.md', text: MODULE },
        { name: '01-intro.en.md', path: 'c/01-intro.en.md', text: translation('A [refugee](glossary:refugee).') },
      ],
    },
    undefined,
    GLOSSARY,
  );

  it('show a base file in the course language and a translation in its own', () => {
    const module = course!.modules[0];
    expect(module.html).toContain('href="/glossary?lang=az#term-visa"');
    expect(module.html).toContain(
      'href="/glossary?lang=az#term-work-permit" class="glossary-link" data-term="work-permit"',
    );
    expect(module.translations[0].html).toContain('href="/glossary?lang=en#term-refugee"');
    expect(module.glossaryTerms).toEqual(['visa', 'work-permit']);
  });

  it('are checked inside quizzes too', () => {
    expect(problems.map(formatProblem)).toEqual([
      'c/01-intro.md:14:17 error broken glossary link: no term "visas" in the glossary',
    ]);
  });

  it('give the terms a course links in one language, in that language order', () => {
    expect(courseGlossaryTerms(course!, GLOSSARY, 'az').map((t) => t.id)).toEqual(['work-permit', 'visa']);
    expect(courseGlossaryTerms(course!, GLOSSARY, 'en').map((t) => t.id)).toEqual(['refugee']);
    expect(courseGlossaryTerms(course!, GLOSSARY, 'ru').map((t) => t.id)).toEqual(['visa', 'work-permit']);
  });
});
