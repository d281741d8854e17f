import { bakuLocal, SCHOOL_TIME_ZONE, timeZones, type CohortPage, type SessionRow } from '@karvan/domain';
import type { FieldErrors } from '../common/forms.js';
import type { UpdateCohortDto } from './dto/cohort.dto.js';
import type { SessionDto } from './dto/session.dto.js';

// What the summer-school forms show: typed or stored values, and their errors linked to fields.

/** Which label a field's error is shown with. */
const LABELS: Record<string, string> = {
  title: 'summer.cohortTitle',
  startsOn: 'summer.startsOn',
  endsOn: 'summer.endsOn',
  place: 'summer.place',
  capacity: 'summer.capacity',
  opensAt: 'summer.opensAt',
  closesAt: 'summer.closesAt',
  timeZone: 'ux.timeZone',
  eligibility: 'summer.eligibility',
  form: 'summer.formDefinition',
  rubric: 'summer.rubric',
  quotas: 'summer.quotas',
  courses: 'summer.linkedCourses',
  minAttendance: 'summer.minAttendance',
  requireCourses: 'summer.requireCourses',
  description: 'summer.description',
  email: 'summer.staffEmail',
  role: 'summer.staffRole',
  speaker: 'summer.speaker',
  startsAt: 'summer.startsAt',
  endsAt: 'summer.endsAt',
  room: 'summer.room',
  titleAz: 'ux.titleAz',
  titleRu: 'ux.titleRu',
  speakerAz: 'ux.speakerAz',
  speakerRu: 'ux.speakerRu',
  descriptionAz: 'ux.descriptionAz',
  descriptionRu: 'ux.descriptionRu',
  eligibilityAz: 'ux.eligibilityAz',
  eligibilityRu: 'ux.eligibilityRu',
};

/** The id of each field in the cohort form partial, after its prefix. */
const COHORT_FIELD_IDS: Record<string, string> = {
  startsOn: 'starts',
  endsOn: 'ends',
  opensAt: 'opens',
  closesAt: 'closes',
  minAttendance: 'attendance',
  requireCourses: 'require',
};

/** Where the error summary's link for a field points: `#<prefix>-<field's id>`. */
export function fieldAnchor(prefix: string, ids: Record<string, string> = {}) {
  return (field: string) => `#${prefix}-${ids[field] ?? field}`;
}

export const cohortAnchor = (prefix: string) => fieldAnchor(prefix, COHORT_FIELD_IDS);
export const sessionAnchor = fieldAnchor('session', { startsAt: 'starts', endsAt: 'ends' });

/**
 * A form's errors as the page lists them, each linked to its field when the form has one; messages
 * are keys (the DTO's) or sentences (the domain's).
 */
export function errorList(
  errors: FieldErrors | undefined,
  labels: Record<string, string> = {},
  anchor?: (field: string) => string,
) {
  return Object.entries(errors ?? {}).map(([field, message]) => ({
    label: labels[field] ?? LABELS[field] ?? field,
    message,
    href: anchor?.(field),
  }));
}

/** What the cohort form partial shows: the typed values, as the stored cohort names them. */
export function typedCohort(value: UpdateCohortDto) {
  return {
    cohort: {
      title: value.title,
      starts_on: value.startsOn,
      ends_on: value.endsOn,
      place: value.place,
      capacity: value.capacity,
      eligibility: value.eligibility,
      time_zone: value.timeZone,
      form_source: value.form,
      rubric_source: value.rubric,
      min_attendance: value.minAttendance,
      require_courses: value.requireCourses === true,
      translations: {
        az: { title: value.titleAz, eligibility: value.eligibilityAz },
        ru: { title: value.titleRu, eligibility: value.eligibilityRu },
      },
    },
    opens: value.opensAt,
    closes: value.closesAt,
    quotas: value.quotas,
    courses: value.courses,
  };
}

export function storedCohort(cohort: CohortPage) {
  return {
    cohort,
    courses: cohort.courses.map((c) => c.slug).join(' '),
    quotas: Object.entries(cohort.quotas)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n'),
    opens: bakuLocal(cohort.opens_at, cohort.time_zone),
    closes: bakuLocal(cohort.closes_at, cohort.time_zone),
  };
}

/** The zones the cohort form offers, and the one a new cohort starts with. */
export function zoneChoices() {
  return { zones: timeZones(), schoolZone: SCHOOL_TIME_ZONE };
}

export function typedSession(value: Partial<SessionDto>) {
  return { session: value, starts: value.startsAt, ends: value.endsAt };
}

export function storedSession(session: SessionRow) {
  const { az, ru } = session.translations;
  return {
    // The form's fields for the translations, as a typed form has them.
    session: {
      ...session,
      titleAz: az?.title ?? '',
      titleRu: ru?.title ?? '',
      speakerAz: az?.speaker ?? '',
      speakerRu: ru?.speaker ?? '',
    },
    starts: bakuLocal(session.starts_at, session.time_zone),
    ends: bakuLocal(session.ends_at, session.time_zone),
  };
}
