import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { buildCourse, buildGlossary, readGlossary, type Glossary, type SourceFile } from '@karvan/content';

/**
 * The examples of docs/authoring.md, each marked by a comment line before its fence:
 * `<!-- example FILE | valid -->` or `<!-- example FILE | error|warning | MESSAGE -->`.
 * FILE `quiz` is a bare quiz block, checked inside a module; FILE `glossary.yaml` a glossary file,
 * checked on its own. Modules are checked against the shipped glossary (content/glossary).
 */
interface Example {
  /** Line of the marker in the guide. */
  line: number;
  file: string;
  expected: { severity: 'error' | 'warning'; message: string } | 'valid';
  text: string;
}

const GUIDE = join(projectRoot(), 'docs/authoring.md');
const MARKER = /^<!-- example (\S+) \| (valid|error|warning)(?: \| (.+))? -->$/;
const QUIZ_FILE = '09-quiz.md';
const QUIZ_MODULE = `---
title: Quiz
summary: A module that holds the example quiz.
objectives:
  - Answer the questions.
duration: 10
---

`;
const COURSE = `---
title: Example course
summary: The course the guide's examples are checked in.
language: en
enrolment: open
---
`;
const MEDIA = ['media/border-posts.png'];
const GLOSSARY_FILE = 'glossary.yaml';

function readExamples(guide: string): Example[] {
  const lines = guide.split('\n');
  const examples: Example[] = [];
  lines.forEach((line, i) => {
    const marker = MARKER.exec(line);
    if (!marker) return;
    const [, file, kind, message] = marker;
    const open = i + 2;
    if (lines[i + 1] !== '' || !/^```(markdown|yaml)$/.test(lines[open] ?? '')) {
      throw new Error(`docs/authoring.md:${i + 1}: an example marker must be followed by a blank line and a fence`);
    }
    const close = lines.findIndex((l, j) => j > open && l === '```');
    const text = lines.slice(open + 1, close).join('\n') + '\n';
    const expected = kind === 'valid' ? 'valid' : { severity: kind as 'error' | 'warning', message: message ?? '' };
    examples.push({ line: i + 1, file, expected, text });
  });
  return examples;
}

function asFile(example: Example): SourceFile {
  const name = example.file === 'quiz' ? QUIZ_FILE : example.file;
  const text = example.file === 'quiz' ? QUIZ_MODULE + example.text : example.text;
  return { name, path: name, text };
}

/** The example in a course made of the guide's first valid example of every other file. */
function problemsOf(example: Example, examples: Example[], glossary: Glossary): string[] {
  if (example.file === GLOSSARY_FILE) {
    const { problems } = buildGlossary([{ path: GLOSSARY_FILE, text: example.text }]);
    return problems.map((p) => `${p.severity} ${p.message}`);
  }
  const own = asFile(example);
  const context = new Map<string, SourceFile>([['course.md', { name: 'course.md', path: 'course.md', text: COURSE }]]);
  for (const other of examples.filter((e) => e.expected === 'valid' && e.file !== GLOSSARY_FILE).reverse())
    context.set(asFile(other).name, asFile(other));
  context.set(own.name, own);
  const { problems } = buildCourse(
    {
      slug: 'guide-examples',
      path: 'guide-examples',
      files: [...context.values()],
      media: MEDIA,
    },
    undefined,
    glossary,
  );
  return problems.filter((p) => p.path === own.path).map((p) => `${p.severity} ${p.message}`);
}

describe('the authoring guide', () => {
  const examples = readExamples(readFileSync(GUIDE, 'utf8'));
  let glossary: Glossary;

  beforeAll(async () => {
    glossary = (await readGlossary(join(projectRoot(), 'content'))).glossary;
  });

  it('has examples of valid files and of messages', () => {
    expect(examples.filter((e) => e.expected === 'valid').length).toBeGreaterThanOrEqual(5);
    expect(examples.filter((e) => e.expected !== 'valid').length).toBeGreaterThanOrEqual(30);
  });

  it.each(examples.map((e) => [`line ${e.line}: ${e.file}`, e] as const))(
    'example at %s gives what the guide says',
    (_name, example) => {
      const expected = example.expected === 'valid' ? [] : [`${example.expected.severity} ${example.expected.message}`];
      expect(problemsOf(example, examples, glossary)).toEqual(expected);
    },
  );
});
