/**
 * Everything a person can be allowed to do. Roles are bundles of these; a route declares the one
 * it needs and the domain method checks it on the object's scope.
 */
export const CAPABILITIES = [
  // Learning: what every account may do for itself.
  'learning.participate',
  // Courses.
  'course.create',
  'course.edit',
  'course.enrolments.manage',
  // The answer key: the trainer edition of a course's book.
  'course.answers.read',
  'gradebook.read',
  // Grading essays by hand.
  'attempt.grade',
  'certificate.manage',
  'certificate.approve',
  // Summer schools.
  'programme.create',
  'cohort.create',
  'cohort.manage',
  'cohort.staff.manage',
  'application.read',
  'application.review',
  'application.decide',
  'attendance.mark',
  // The installation.
  'user.manage',
  'access.manage',
  'audit.read',
  'organisation.manage',
  'mail.read',
  'queue.manage',
] as const;

export type Capability = (typeof CAPABILITIES)[number];
