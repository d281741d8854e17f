/**
 * Every problem the checker reports, by a stable code, with its English text. `{name}` stands for
 * a parameter. The command line prints this text; pages and the API translate the code instead
 * (`libs/domain/src/i18n/checker/`), so a code's meaning and parameters must not change once used.
 */
export const PROBLEM_MESSAGES = {
  // Files and folders
  'tree.noCourses': 'no courses/ directory here',
  'tree.notCourse': 'not a course directory: ignored',
  'tree.onlyMedia': 'only media/ may be a folder here: ignored',
  'tree.notContent': 'not a content file (.md) or under media/: ignored',
  'tree.mediaRefused':
    'not an image Karvan accepts: a PNG, JPEG, GIF, WebP or SVG of 1 byte to 2 MB whose file name ends in its type',
  'tree.moduleUnreadable': 'the module could not be read',
  'file.notMarkdown': '"{file}" is not a Markdown file',
  'file.dots': '"{file}" has more than one dot before .md',
  'file.language': '"{language}" in "{file}" is not a language code such as az, ru or en',
  'file.name': '"{file}" must be course.md or NN-slug.md (a module), optionally with .<lang>',
  'file.slug': 'slug "{slug}" must be lowercase a-z, 0-9 and single hyphens',
  // The course as a whole
  'course.slug': 'course slug "{slug}" must be lowercase a-z, 0-9 and single hyphens',
  'course.quizInCourse': 'a quiz belongs in a module, not in course.md',
  'course.noCourseFile': 'the course has no course.md',
  'course.duplicateSlug': 'duplicate slug "{slug}": also {other}',
  'course.duplicateNumber': 'duplicate module number {number}: also {other}',
  'course.certificateUngraded':
    'certificate: true, but completing this course requires no graded quiz: certificates will not be issued until an admin approves the course',
  'translation.noBase': 'translation without its base file: there is no {base}',
  'translation.ownLanguage': '"{language}" is the course\'s own language: this file should be {base}',
  'translation.outdated':
    'out of date: translated from {source} but {base} is now {current}; update the text, then set source: {current}',
  // Front matter
  'frontMatter.missing': 'the file must start with front matter: a line "---", YAML keys, and a closing "---"',
  'frontMatter.notClosed': 'the front matter is not closed: add a line "---" after the last key',
  'frontMatter.yaml': 'front matter: {detail}',
  'frontMatter.empty': 'the front matter is empty',
  'frontMatter.notMap': 'the front matter must be "key: value" lines',
  'frontMatter.unknownKey': 'unknown front matter key "{key}" (expected {known})',
  'frontMatter.missingKey': 'missing front matter key "{key}"',
  'frontMatter.text': 'front matter key "{key}" must be a non-empty text',
  'frontMatter.texts': 'front matter key "{key}" must be a list of texts ("- text" lines)',
  'frontMatter.minutes': 'front matter key "{key}" must be a whole number of minutes',
  'frontMatter.boolean': 'front matter key "{key}" must be true or false',
  'frontMatter.oneOf': 'front matter key "{key}" must be one of {allowed}',
  'frontMatter.language': 'front matter key "{key}" must be a language code such as en, az or ru',
  'frontMatter.completion': 'front matter key "{key}" must be keys "modules: all|none" and "quizzes: pass|none"',
  'frontMatter.sourceHash':
    'front matter key "{key}" must be the first {length} hex characters of the base file\'s content hash',
  // Links, images and blocks in the text
  'link.module': 'broken link: no module "{file}"',
  'link.media': 'broken link: "{path}" does not exist',
  'link.glossary': 'broken glossary link: no term "{id}" in the glossary',
  'image.noAlt': 'image "{src}" has no alt text: describe it between ![ and ]',
  'image.external': 'image "{src}" is on another site: put a copy in media/ so the page does not depend on it',
  'image.module': 'broken image: "{file}" is not an image',
  'image.glossary': 'broken image: "{src}" is a glossary term, not an image',
  'image.missing': 'broken image: "{path}" does not exist',
  'block.strayClose': 'a ":::" line that closes no block',
  'block.unknown': '"{line}" is not a known block: start it with ":::" and one of {kinds}',
  'block.notClosed': '"{line}" is not closed: add a line ":::" after its text',
  // The quiz block and its settings
  'quiz.twoBlocks': 'more than one quiz block: a module has at most one',
  'quiz.notClosed': 'the quiz block is not closed by ":::"',
  'quiz.noQuestions': 'the quiz has no questions',
  'quiz.duplicateId': 'duplicate question id "{id}" (also used on line {line})',
  'quiz.twoPools': 'question {number} is in two pools drawn from: {pools}',
  'quiz.drawTooMany': 'draw={count} asks for more questions than the questions outside tagged pools have ({available})',
  'quiz.drawTooManyTagged': 'draw={tag}:{count} asks for more questions than the pool "{tag}" has ({available})',
  'quiz.unknownAttribute': 'unknown quiz attribute "{name}" (known: {known})',
  'quiz.shuffle': 'shuffle takes no value, or true/false',
  'quiz.answers': 'answers must be one of {allowed}',
  'quiz.pool': 'pool must be module or course, e.g. pool=course',
  'quiz.review': 'review must be one of {allowed}',
  'quiz.show': 'show must list marks, answers and feedback, or some of them, e.g. show=marks,feedback',
  'quiz.late': 'late must be refuse or grade, e.g. late=grade',
  'quiz.draw': 'draw must be a number of questions, or a tag and a number, e.g. draw=5 or draw=scenario:2',
  'quiz.drawUntagged': 'only one draw may have no tag',
  'quiz.drawTwice': 'two draws from the pool "{tag}": merge them',
  'quiz.pass': 'pass must be a whole percentage from 0 to 100, e.g. pass=70',
  'quiz.attempts': 'attempts must be a whole number of at least 1, e.g. attempts=3',
  'quiz.time': 'time must be a whole number of minutes of at least 1, e.g. time=15',
  'quiz.shapeNoQuiz': 'quiz shape differs: the base file has a quiz but this translation has none',
  'quiz.shapeNoBase': 'quiz shape differs: the base file has no quiz',
  'quiz.shapeCount': 'quiz shape differs: {count} questions here, {expected} in the base file',
  'quiz.shapeQuestion': 'quiz shape differs at question {number}: "{actual}" here, "{expected}" in the base file',
  // Questions
  'question.textBefore': 'text before the first question: a question starts with "1. " and its prompt',
  'question.listLine':
    'a list line in a question must be an option "- [ ] text" or "- [x] text", a pair "- left -> right", or an essay\'s criterion "- [4] text"',
  'question.unexpected':
    'unexpected text in a question: after the prompt come options, "= answer" lines, pairs or "> feedback"',
  'question.noPrompt': 'question {number} has no prompt',
  'question.noAnswers': 'question {number} has no options or answers',
  'question.mixed': 'question {number} mixes options, "= answer" lines and "->" pairs: use one kind',
  'question.criteriaNotEssay': 'criteria "- [points] text" belong to an essay: question {number} is not one',
  'question.emptyOption': 'an option with no text',
  'question.oneOption': 'question {number} needs at least two options',
  'question.noCorrect': 'single-choice question {number} has no [x]: mark the correct option with [x]',
  'question.noAnswer': 'question {number} has no correct answer: write it after "="',
  'question.emptyAnswer': 'an "=" line with no answer',
  'question.badNumber': 'unparseable number "{text}": write e.g. "= 281 ± 5" or "= 2,5 +- 0,1"',
  'question.ambiguousNumber': '"{text}" could be a whole number or a decimal: write {whole} or {decimal}',
  'question.fewPairs': 'matching question {number} needs at least two pairs',
  'question.emptyPair': 'a pair needs text on both sides of "->"',
  'question.repeatedLeft': '"{text}" appears twice on the left of a pair',
  // Essays
  'essay.extraLines': 'essay question {number} takes one "= [essay …]" line and no answers',
  'essay.emptyCriterion': 'a criterion with no text',
  'essay.zeroCriterion': 'a criterion must be worth at least 1 point',
  'essay.rubricTotal': 'the rubric of question {number} adds up to {total} points, not points={points}',
  'essay.noPoints': 'essay question {number} needs its points: write e.g. "= [essay points=10]" or a rubric',
  'essay.tooManyPoints': 'essay question {number} is worth more than {max} points',
  'essay.setting':
    'unknown essay setting "{token}": write points=N (a whole number of at least 1) and, to allow a file, file',
  // The glossary
  'glossary.notGlossaryFile': 'not a glossary file (.yaml): ignored',
  'glossary.yaml': 'glossary: {detail}',
  'glossary.notList': 'a glossary file must be a list of terms, each starting "- id:"',
  'glossary.notMap': 'a glossary entry must be "key: value" lines (id, term, definition, source, see)',
  'glossary.unknownKey': 'unknown key "{key}" in a glossary entry: use {known}',
  'glossary.noId': 'a glossary entry needs an id: kebab-case English, such as temporary-residence-permit',
  'glossary.badId': 'term id "{id}" must be lowercase a-z, 0-9 and single hyphens',
  'glossary.noSource': 'term "{id}" has no source: name the document or give its URL',
  'glossary.notPerLanguage': '{key} of "{id}" must have one line per language: en, az, ru',
  'glossary.badLanguage': '"{language}" under {key} of "{id}" is not a glossary language: use en, az and ru',
  'glossary.missingLanguage': 'term "{id}" has no {language} {key}: every term is written in en, az and ru',
  'glossary.seeNotList': 'see of "{id}" must be a list of term ids: see: [migrant, visa]',
  'glossary.duplicateId': 'duplicate term id "{id}": also {other}',
  'glossary.seeSelf': 'term "{id}" lists itself under see',
  'glossary.seeUnknown': 'see of "{id}": no term "{other}" in the glossary',
} as const;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;
export type ProblemParams = Record<string, string | number>;

/** What went wrong, before it is placed in a file: a code and the values its message names. */
export interface ProblemText {
  code: ProblemCode;
  params: ProblemParams;
}

export function problemText(code: ProblemCode, params: ProblemParams = {}): ProblemText {
  return { code, params };
}

/** The English text of a problem (the command line's, and the fallback of every language). */
export function englishMessage(code: ProblemCode, params: ProblemParams = {}): string {
  const template: string = PROBLEM_MESSAGES[code];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
