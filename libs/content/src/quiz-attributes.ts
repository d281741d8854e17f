import { problem, type Problem } from './problem.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';
import {
  DEFAULT_QUIZ_SETTINGS,
  REVIEW_ITEMS,
  REVIEW_WHEN,
  reviewOfAnswers,
  type AnswersVisibility,
  type LateSubmissions,
  type QuizSettings,
  type ReviewItem,
  type ReviewWhen,
} from './quiz-model.js';

const ANSWERS: AnswersVisibility[] = ['after-submit', 'after-pass', 'never'];
const LATE: LateSubmissions[] = ['refuse', 'grade'];
const KNOWN = ['pass', 'attempts', 'time', 'late', 'shuffle', 'draw', 'pool', 'review', 'show', 'answers'];
type Fail = (code: ProblemCode, params?: ProblemParams) => void;
const DRAW = /^(?:([a-z0-9][a-z0-9_-]*):)?([1-9]\d{0,3})$/i;

interface Place {
  path: string;
  line: number;
  /** Column of the first character of `text` on its line. */
  column: number;
}

/** Reads `pass=70 attempts=3 time=15 shuffle answers=after-pass late=grade` from the `::: quiz` line. */
export function parseQuizAttributes(text: string, place: Place, problems: Problem[]): QuizSettings {
  const settings: QuizSettings = { ...DEFAULT_QUIZ_SETTINGS };
  for (const match of text.matchAll(/\S+/g)) {
    const [name, value] = splitAttribute(match[0]);
    const fail: Fail = (code, params = {}) =>
      problems.push(problem(place.path, place.line, place.column + match.index, 'error', code, params));
    if (!KNOWN.includes(name)) {
      fail('quiz.unknownAttribute', { name, known: KNOWN.join(', ') });
    } else if (name === 'shuffle') {
      if (value !== undefined && value !== 'true' && value !== 'false') fail('quiz.shuffle');
      settings.shuffle = value !== 'false';
    } else if (name === 'answers') {
      // The older spelling of review=, kept so existing quizzes keep their meaning.
      if (ANSWERS.includes(value as AnswersVisibility)) settings.review = reviewOfAnswers(value as AnswersVisibility);
      else fail('quiz.answers', { allowed: ANSWERS.join(', ') });
    } else if (name === 'pool') {
      if (value === 'course' || value === 'module') settings.pool = value;
      else fail('quiz.pool');
    } else if (name === 'review') {
      if (REVIEW_WHEN.includes(value as ReviewWhen)) settings.review = value as ReviewWhen;
      else fail('quiz.review', { allowed: REVIEW_WHEN.join(', ') });
    } else if (name === 'show') {
      const items = (value ?? '').split(',');
      if (value && items.every((item) => REVIEW_ITEMS.includes(item as ReviewItem))) {
        settings.show = REVIEW_ITEMS.filter((item) => items.includes(item));
      } else fail('quiz.show');
    } else if (name === 'draw') {
      readDraw(settings, value, fail);
    } else if (name === 'late') {
      if (LATE.includes(value as LateSubmissions)) settings.lateSubmissions = value as LateSubmissions;
      else fail('quiz.late');
    } else {
      readNumber(settings, name, value, fail);
    }
  }
  return settings;
}

function readDraw(settings: QuizSettings, value: string | undefined, fail: Fail): void {
  const match = DRAW.exec(value ?? '');
  if (!match) return void fail('quiz.draw');
  const tag = match[1]?.toLowerCase() ?? null;
  if (settings.draws.some((d) => d.tag === tag)) {
    return void (tag === null ? fail('quiz.drawUntagged') : fail('quiz.drawTwice', { tag }));
  }
  settings.draws = [...settings.draws, { tag, count: Number(match[2]) }];
}

function splitAttribute(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return eq < 0 ? [token, undefined] : [token.slice(0, eq), token.slice(eq + 1).replace(/^["']|["']$/g, '')];
}

function readNumber(settings: QuizSettings, name: string, value: string | undefined, fail: Fail): void {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  if (name === 'pass') {
    if (n >= 0 && n <= 100) settings.passPercent = n;
    else fail('quiz.pass');
  } else if (name === 'attempts') {
    if (n >= 1) settings.maxAttempts = n;
    else fail('quiz.attempts');
  } else if (n >= 1) {
    settings.timeLimitMinutes = n;
  } else {
    fail('quiz.time');
  }
}
