import { bakuTime, SCHOOL_TIME_ZONE } from './baku-time.js';
import { timeZones } from '../shared/date-time.js';
import { parseForm, parseRubric, type FormField, type RubricCriterion } from './form-definition.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { collectTranslations, type SummerTranslations } from './summer-translations.js';

export const CATEGORIES = ['entry_level_official', 'young_researcher', 'other'] as const;
export type ApplicantCategory = (typeof CATEGORIES)[number];

/** What a coordinator types into the cohort form (strings, as a form posts them). */
export interface CohortInput {
  title: string;
  startsOn: string;
  endsOn: string;
  place?: string;
  capacity: string | number;
  opensAt: string;
  closesAt: string;
  /** An IANA zone; left out, a new cohort gets the school's and a changed one keeps its own. */
  timeZone?: string;
  eligibility?: string;
  form?: string;
  rubric?: string;
  /** Lines such as "young_researcher = 10": at most that many accepted per category. */
  quotas?: string;
  minAttendance?: string | number;
  requireCourses?: string | boolean;
  /** Slugs of the linked online courses, separated by commas or spaces. */
  courses?: string;
  /** The title and who-may-apply text in Azerbaijani and Russian; empty shows the base text. */
  titleAz?: string;
  titleRu?: string;
  eligibilityAz?: string;
  eligibilityRu?: string;
}

export interface CohortValues {
  title: string;
  startsOn: string;
  endsOn: string;
  place: string;
  capacity: number;
  opensAt: Date;
  closesAt: Date;
  timeZone: string;
  eligibility: string;
  formSource: string;
  form: FormField[];
  rubricSource: string;
  rubric: RubricCriterion[];
  quotas: Record<string, number>;
  minAttendance: number;
  requireCourses: boolean;
  courseSlugs: string[];
  translations: SummerTranslations;
}

/** Checks everything at once, so the coordinator sees every problem with the field it concerns. */
export function checkCohortInput(input: CohortInput, currentZone: string = SCHOOL_TIME_ZONE): CohortValues {
  const errors: Record<string, string> = {};
  const title = String(input.title ?? '').trim();
  if (title.length < 3 || title.length > 200) errors.title = 'summer.problem.title';
  const startsOn = String(input.startsOn ?? '');
  const endsOn = String(input.endsOn ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn)) errors.startsOn = 'summer.problem.startsOn';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn) || endsOn < startsOn) errors.endsOn = 'summer.problem.endsOn';
  const capacity = Number(input.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10_000) errors.capacity = 'summer.problem.capacity';
  const timeZone = String(input.timeZone ?? '').trim() || currentZone;
  if (!timeZones().includes(timeZone)) errors.timeZone = 'summer.problem.timeZone';
  // The call's window is typed as the clock in the cohort's own zone shows it.
  const zone = errors.timeZone ? currentZone : timeZone;
  const opensAt = bakuTime(input.opensAt, zone);
  const closesAt = bakuTime(input.closesAt, zone);
  if (Number.isNaN(opensAt.getTime())) errors.opensAt = 'summer.problem.opensAt';
  if (Number.isNaN(closesAt.getTime()) || closesAt <= opensAt) errors.closesAt = 'summer.problem.closesAt';
  const form = parseForm(String(input.form ?? ''));
  if (form.problems.length) errors.form = 'summer.problem.form';
  const rubric = parseRubric(String(input.rubric ?? ''));
  if (rubric.problems.length) errors.rubric = 'summer.problem.rubric';
  const quotas = parseQuotas(String(input.quotas ?? ''), errors);
  const minAttendance =
    input.minAttendance === undefined || input.minAttendance === '' ? 80 : Number(input.minAttendance);
  if (!Number.isInteger(minAttendance) || minAttendance < 0 || minAttendance > 100)
    errors.minAttendance = 'summer.problem.minAttendance';
  const courseSlugs = String(input.courses ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (Object.keys(errors).length)
    throw new SummerError(
      SummerErrorCode.Invalid,
      `The cohort has problems in: ${Object.keys(errors).join(', ')}.${definitionLines('form', form.problems)}${definitionLines('rubric', rubric.problems)}`,
      errors,
    );
  return {
    title,
    startsOn,
    endsOn,
    place: String(input.place ?? '')
      .trim()
      .slice(0, 200),
    capacity,
    opensAt,
    closesAt,
    timeZone,
    eligibility: String(input.eligibility ?? '')
      .trim()
      .slice(0, 5000),
    formSource: String(input.form ?? ''),
    form: form.fields,
    rubricSource: String(input.rubric ?? ''),
    rubric: rubric.criteria,
    quotas,
    minAttendance,
    requireCourses: input.requireCourses === true || input.requireCourses === 'true' || input.requireCourses === 'on',
    courseSlugs,
    translations: collectTranslations({ ...input }, { title: 200, eligibility: 5000 }),
  };
}

/** A definition's problems by line, in English, for the API's message (the page points to the builder). */
function definitionLines(name: string, problems: Array<{ line: number; message: string }>): string {
  return problems.length ? ` The ${name}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}.` : '';
}

function parseQuotas(source: string, errors: Record<string, string>): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const line of source
    .split(/[\r\n,]+/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [category = '', count = ''] = line.split('=').map((p) => p.trim());
    const n = Number(count);
    if (!(CATEGORIES as readonly string[]).includes(category) || !Number.isInteger(n) || n < 0) {
      errors.quotas = 'summer.problem.quotas';
      continue;
    }
    quotas[category] = n;
  }
  return quotas;
}
