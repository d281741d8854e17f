import type { WebClient } from '@karvan/testing';
import { person, type TestApp } from './test-app.js';

export { person };

export const FORM = `*long: motivation | Why do you want to attend?
single: level | Your experience | Under a year; One to three years; More
multiple: topics | Topics of interest | Borders; Labour migration; Diaspora
yesno: visa | Will you need a visa?
*file: cv | Your CV`;

export const RUBRIC = `relevance | Relevance of the applicant's work | 10
motivation | Motivation | 5`;

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export function iso(offsetHours: number): string {
  return new Date(Date.now() + offsetHours * 3600_000).toISOString();
}

/** A programme with one cohort made by this coordinator; returns the cohort id. */
export async function makeCohort(
  coordinator: WebClient,
  extra: Record<string, unknown> = {},
  programmeExtra: Record<string, unknown> = {},
): Promise<string> {
  const programme = await coordinator.json('POST', '/api/v1/programmes', {
    title: 'Migration Summer School',
    ...programmeExtra,
  });
  expect(programme.status).toBe(201);
  const cohort = await coordinator.json('POST', `/api/v1/programmes/${programme.json<{ id: string }>().id}/cohorts`, {
    title: 'Summer 2027',
    startsOn: '2027-07-05',
    endsOn: '2027-07-09',
    place: 'Baku',
    capacity: 2,
    opensAt: iso(-24),
    closesAt: iso(24),
    eligibility: 'Entry-level officials and young researchers.',
    form: FORM,
    rubric: RUBRIC,
    minAttendance: 80,
    requireCourses: true,
    ...extra,
  });
  expect(cohort.status).toBe(201);
  return cohort.json<{ id: string }>().id;
}

/** An applicant who fills in the form, attaches a CV and submits. */
export async function apply(t: TestApp, cohortId: string, category = 'young_researcher', name = 'Applicant') {
  const applicant = await person(t, ['trainee'], name);
  const draft = await applicant.client.json('PUT', `/api/v1/cohorts/${cohortId}/application`, {
    category,
    organisation: 'State Migration Service',
    position: 'Specialist',
    answers: { motivation: 'To learn.', level: 'Under a year', topics: ['Borders', 'Diaspora'], visa: 'no' },
  });
  expect(draft.status).toBe(200);
  const attached = await applicant.client.postFile(
    `/cohorts/${cohortId}/apply/files/cv`,
    'file',
    'cv.pdf',
    'application/pdf',
    PDF,
  );
  expect(attached.status).toBe(303);
  const submitted = await applicant.client.json('POST', `/api/v1/cohorts/${cohortId}/application/submit`, {
    category,
    organisation: 'State Migration Service',
    position: 'Specialist',
    answers: { motivation: 'To learn.', level: 'Under a year', topics: ['Borders'], visa: 'no' },
  });
  expect(submitted.status).toBe(200);
  return { ...applicant, applicationId: submitted.json<{ id: string }>().id };
}
