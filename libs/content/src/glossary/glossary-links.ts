import type { Course } from '../course-model.js';
import { problem, type Problem } from '../problem.js';
import { splitQuiz } from '../quiz-block.js';
import type { RenderOptions } from '../render-types.js';
import { sortTerms } from './glossary-alphabet.js';
import { glossaryHref, glossaryLanguage, type Glossary, type GlossaryTerm } from './glossary-model.js';

/** The renderer's resolver for `glossary:` links in text written in `language`. */
export function glossaryLinks(
  glossary: Glossary,
  language: string | undefined,
): Required<Pick<RenderOptions, 'resolveGlossaryTerm'>> {
  const lang = glossaryLanguage(language);
  return {
    resolveGlossaryTerm(id) {
      const term = glossary.byId.get(id);
      return term ? { href: glossaryHref(id, lang) } : undefined;
    },
  };
}

const TERM_ATTRIBUTE = /(<a [^>]*?data-term="([^"]+)")/g;

/**
 * Gives each glossary link of rendered HTML its definition as a tooltip, when the page is served:
 * stored HTML carries only the term's id (`data-term`), so an edited definition shows at once.
 */
export function titleGlossaryLinks(html: string, definitionOf: (id: string) => string | undefined): string {
  if (!html.includes('data-term="')) return html;
  return html.replace(TERM_ATTRIBUTE, (whole: string, _tag: string, id: string) => {
    const definition = definitionOf(id);
    return definition ? `${whole} title="${escapeAttribute(definition)}"` : whole;
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const QUIZ_LINK = /\]\(\s*<?glossary:([^)\s>]*)/gi;

/**
 * Glossary links inside a quiz block: quiz text is rendered without a module's context, so the
 * ids are checked here, against the same glossary.
 */
export function checkQuizGlossaryLinks(
  body: string,
  location: { path: string; lineOffset: number },
  glossary: Glossary,
): Problem[] {
  const problems: Problem[] = [];
  for (const quiz of splitQuiz(body.replace(/\r\n/g, '\n')).quizzes) {
    quiz.lines.forEach((line, i) => {
      for (const match of line.matchAll(QUIZ_LINK)) {
        const id = match[1];
        if (glossary.byId.has(id)) continue;
        const column = (match.index ?? 0) + match[0].indexOf('glossary:') + 1;
        const fileLine = quiz.line + 1 + i + location.lineOffset;
        problems.push(problem(location.path, fileLine, column, 'error', 'link.glossary', { id }));
      }
    });
  }
  return problems;
}

/**
 * The terms a course's modules link, in one language, sorted in that language's order: the
 * glossary a printed course (the book export) ends with. A module translated into `language` counts
 * with its translation's links, any other module with its base text's links.
 */
export function courseGlossaryTerms(course: Course, glossary: Glossary, language: string): GlossaryTerm[] {
  const ids = new Set<string>();
  for (const module of course.modules) {
    const translation = module.translations.find((t) => t.language === language);
    for (const id of (translation ?? module).glossaryTerms) ids.add(id);
  }
  const terms = [...ids].flatMap((id) => glossary.byId.get(id) ?? []);
  return sortTerms(terms, glossaryLanguage(language));
}
