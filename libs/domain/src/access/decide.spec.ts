import { can, canAnywhere, reach, type Grant } from './decide.js';
import { cohortScope, courseScope, SITE_SCOPE } from './scope.js';

const courseA = courseScope({ id: 'course-a', organisationId: 'org-1' });
const courseB = courseScope({ id: 'course-b', organisationId: null });
const cohortA = cohortScope({ id: 'cohort-a', programmeId: 'prog-1', organisationId: 'org-1' });
const cohortB = cohortScope({ id: 'cohort-b', programmeId: 'prog-2', organisationId: null });

const as = (...grants: Grant[]) => ({ grants });

describe('access decisions', () => {
  it.each([
    ['an admin, anything anywhere', as({ role: 'admin', scope: { kind: 'site' } }), 'gradebook.read', courseB, true],
    ['a trainee, no gradebook', as({ role: 'trainee', scope: { kind: 'site' } }), 'gradebook.read', courseA, false],
    [
      'an author, their course',
      as({ role: 'course_author', scope: { kind: 'course', id: 'course-a' } }),
      'course.edit',
      courseA,
      true,
    ],
    [
      'an author, not another course',
      as({ role: 'course_author', scope: { kind: 'course', id: 'course-a' } }),
      'course.edit',
      courseB,
      false,
    ],
    [
      'an author, not the site',
      as({ role: 'course_author', scope: { kind: 'course', id: 'course-a' } }),
      'course.create',
      SITE_SCOPE,
      false,
    ],
    [
      'an organisation manager, a course of theirs',
      as({ role: 'organisation_manager', scope: { kind: 'organisation', id: 'org-1' } }),
      'certificate.manage',
      courseA,
      true,
    ],
    [
      'an organisation manager, a cohort of theirs',
      as({ role: 'organisation_manager', scope: { kind: 'organisation', id: 'org-1' } }),
      'application.decide',
      cohortA,
      true,
    ],
    [
      'an organisation manager, not elsewhere',
      as({ role: 'organisation_manager', scope: { kind: 'organisation', id: 'org-1' } }),
      'cohort.manage',
      cohortB,
      false,
    ],
    [
      'a programme manager, its cohorts',
      as({ role: 'programme_manager', scope: { kind: 'programme', id: 'prog-1' } }),
      'cohort.manage',
      cohortA,
      true,
    ],
    [
      'a reviewer, reviews',
      as({ role: 'cohort_reviewer', scope: { kind: 'cohort', id: 'cohort-a' } }),
      'application.review',
      cohortA,
      true,
    ],
    [
      'a reviewer, no decisions',
      as({ role: 'cohort_reviewer', scope: { kind: 'cohort', id: 'cohort-a' } }),
      'application.decide',
      cohortA,
      false,
    ],
    [
      'a cohort coordinator, not another cohort',
      as({ role: 'cohort_coordinator', scope: { kind: 'cohort', id: 'cohort-a' } }),
      'cohort.manage',
      cohortB,
      false,
    ],
    [
      'a cohort coordinator, no course certificates',
      as({ role: 'cohort_coordinator', scope: { kind: 'cohort', id: 'cohort-a' } }),
      'certificate.manage',
      courseA,
      false,
    ],
    [
      'a site coordinator, no gradebooks',
      as({ role: 'coordinator', scope: { kind: 'site' } }),
      'gradebook.read',
      courseA,
      false,
    ],
    [
      'a site coordinator, no outbox',
      as({ role: 'coordinator', scope: { kind: 'site' } }),
      'mail.read',
      SITE_SCOPE,
      false,
    ],
  ] as const)('decides %s', (_name, principal, capability, scope, expected) => {
    expect(can(principal, capability, scope)).toBe(expected);
  });

  it('refuses everything to nobody', () => {
    expect(can(undefined, 'learning.participate', SITE_SCOPE)).toBe(false);
    expect(canAnywhere(undefined, 'learning.participate')).toBe(false);
  });

  it('says where a capability reaches, for list queries', () => {
    const who = as(
      { role: 'course_author', scope: { kind: 'course', id: 'course-a' } },
      { role: 'organisation_manager', scope: { kind: 'organisation', id: 'org-1' } },
      { role: 'cohort_reviewer', scope: { kind: 'cohort', id: 'cohort-b' } },
    );
    expect(reach(who, 'course.edit')).toEqual({
      all: false,
      ids: { organisation: ['org-1'], course: ['course-a'], programme: [], cohort: [] },
    });
    expect(reach(as({ role: 'admin', scope: { kind: 'site' } }), 'course.edit').all).toBe(true);
  });
});
