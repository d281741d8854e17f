import { randomUUID } from 'node:crypto';
import {
  can,
  cohortScope,
  courseScope,
  programmeScope,
  SITE_SCOPE,
  type Capability,
  type Principal,
  type Scope,
} from '@karvan/domain';
import { principalOf, type WebClient, type WebResponse } from '@karvan/testing';
import { routeTable, type RouteEntry } from '../src/common/route-table.js';
import { certificateCourse, completeCourse, waitFor } from './certificate-helpers.js';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * The role × scope × route matrix, generated from the route table: every route declares what it
 * needs, and every persona's answer on every route of scope A must match that declaration as the
 * grants decide it. Nothing of scope A may show in a refusal.
 */

interface Side {
  courseSlug: string;
  courseId: string;
  programmeId: string;
  cohortId: string;
  applicationId: string;
  sessionId: string;
  certificateId: string;
  markers: string[];
}

interface Persona {
  name: string;
  client: WebClient;
  principal?: Principal;
}

/** Capabilities granted on the whole site rather than on one object. */
const SITE_CAPABILITIES: Capability[] = [
  'user.manage',
  'access.manage',
  'audit.read',
  'organisation.manage',
  'mail.read',
  'queue.manage',
  'course.create',
  'programme.create',
  'certificate.approve',
];

/** Routes that change or end what later cells need, run last; signing out goes very last. */
const LAST = /\/(delete|revoke|reissue|decisions)$|\/applications\/:id\/:action$/;
const rank = (route: RouteEntry): number => (route.path === '/logout' ? 2 : LAST.test(route.path) ? 1 : 0);

/**
 * A refusal: forbidden, not found, or (for a body this test leaves empty) the input refused by
 * validation before anything is read or written. None of them may carry anything of scope A.
 */
const REFUSED = [400, 403, 404, 406, 422];

/** Routes about someone's own object: who is not the owner (nor staff, given here) sees nothing. */
const OWNED: Record<string, Capability | null> = {
  'CertificatesController.pdf': 'certificate.manage',
  'CertificatesController.credential': 'certificate.manage',
  'CertificatesController.linkedDataCredential': 'certificate.manage',
  'ApplicationsController.file': 'application.read',
  'ApplicationsController.act': null,
  'ApplicationsController.askFirst': null,
  'QuizPagesController.attempt': null,
  'QuizPagesController.submit': null,
  'QuizApiController.view': null,
  'QuizApiController.submit': null,
};

describe('the access matrix', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let a: Side;
  let personas: Persona[];
  let organisationId: string;

  async function side(label: string, coordinator: WebClient, reviewerEmail: string): Promise<Side> {
    const courseTitle = `Course ${label} ${randomUUID().slice(0, 8)}`;
    const courseSlug = await certificateCourse(t, courseTitle);
    const [{ id: courseId }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [
      courseSlug,
    ]);
    const holder = await completeCourse(t, courseSlug, `Holder ${label} ${randomUUID().slice(0, 8)}`);
    const cohortTitle = `Cohort ${label} ${randomUUID().slice(0, 8)}`;
    const cohortId = await makeCohort(coordinator, { title: cohortTitle });
    const [{ programme_id: programmeId }] = await t.db.query<Array<{ programme_id: string }>>(
      'SELECT programme_id FROM cohorts WHERE id = $1',
      [cohortId],
    );
    expect(
      (await coordinator.json('POST', `/api/v1/cohorts/${cohortId}/staff`, { email: reviewerEmail, role: 'reviewer' }))
        .status,
    ).toBeLessThan(300);
    const applicantName = `Applicant ${label} ${randomUUID().slice(0, 8)}`;
    await apply(t, cohortId, 'young_researcher', applicantName);
    const [{ id: applicationId }] = await t.db.query<Array<{ id: string }>>(
      'SELECT id FROM applications WHERE cohort_id = $1',
      [cohortId],
    );
    const session = await coordinator.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening',
      speaker: 'Speaker',
      startsAt: '2027-07-05T09:00',
      endsAt: '2027-07-05T10:00',
      room: 'Hall',
    });
    const certificateId = await waitFor('the certificate', async () => {
      const rows = await t.db.query<Array<{ id: string }>>('SELECT id FROM certificates WHERE user_id = $1', [
        holder.userId,
      ]);
      return rows[0]?.id;
    });
    return {
      courseSlug,
      courseId,
      programmeId,
      cohortId,
      applicationId,
      sessionId: session.json<{ id: string }>().id,
      certificateId,
      markers: [courseTitle, cohortTitle, applicantName, holder.email],
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t.app);
    const admin = await person(t, ['trainee', 'admin'], 'Matrix Admin');
    const trainee = await person(t, ['trainee'], 'Matrix Trainee');
    const coordA = await person(t, ['trainee', 'coordinator'], 'Coordinator A');
    const coordB = await person(t, ['trainee', 'coordinator'], 'Coordinator B');
    const reviewerA = await person(t, ['trainee'], 'Reviewer A');
    const reviewerB = await person(t, ['trainee'], 'Reviewer B');
    const manager = await person(t, ['trainee'], 'Organisation Manager');
    a = await side('A', coordA.client, reviewerA.email);
    const b = await side('B', coordB.client, reviewerB.email);
    // The authors of A's and B's courses: trainers granted on their own course only.
    const authorA = await person(t, ['trainee', 'trainer'], 'Author A');
    const authorB = await person(t, ['trainee', 'trainer'], 'Author B');
    for (const [author, side] of [
      [authorA, a],
      [authorB, b],
    ] as const) {
      await t.db.query(
        `INSERT INTO grants (user_id, role, scope_kind, scope_id) VALUES ($1, 'course_author', 'course', $2)`,
        [author.userId, side.courseId],
      );
    }
    // Scope A's course and programme belong to an organisation with a manager of its own.
    [{ id: organisationId }] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO organisations (slug, name) VALUES ($1, 'State Migration Service') RETURNING id`,
      [`sms-${randomUUID().slice(0, 8)}`],
    );
    await t.db.query('UPDATE courses SET organisation_id = $1 WHERE id = $2', [organisationId, a.courseId]);
    await t.db.query('UPDATE programmes SET organisation_id = $1 WHERE id = $2', [organisationId, a.programmeId]);
    await t.db.query(
      `INSERT INTO grants (user_id, role, scope_kind, scope_id) VALUES ($1, 'organisation_manager', 'organisation', $2)`,
      [manager.userId, organisationId],
    );
    const signedIn = [
      ['trainee', trainee],
      ['author of course A', authorA],
      ['author of course B', authorB],
      ['coordinator of cohort A', coordA],
      ['coordinator of cohort B', coordB],
      ['reviewer of cohort A', reviewerA],
      ['reviewer of cohort B', reviewerB],
      ["A's organisation manager", manager],
      ['admin', admin],
    ] as const;
    personas = [{ name: 'anonymous', client: t.client() }];
    for (const [name, p] of signedIn)
      personas.push({ name, client: p.client, principal: await principalOf(t.db, p.userId) });
  }, 180_000);
  afterAll(() => t.close());

  it('has a declared capability on every route', () => {
    const undeclared = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(undeclared).toEqual([]);
    expect(routes.length).toBeGreaterThan(150);
  });

  function fill(route: RouteEntry): string {
    const id = (): string => {
      if (route.path.includes('/certificates/:id')) return a.certificateId;
      if (route.path.includes('/applications/:id')) return a.applicationId;
      if (route.path.includes('/sessions/:id')) return a.sessionId;
      if (route.path.includes('/programmes/:id')) return a.programmeId;
      if (route.path.includes('/cohorts/:id')) return a.cohortId;
      if (route.path.includes('/access/:kind/:id')) return a.courseId;
      if (route.path.includes('/users/:id')) return randomUUID();
      if (route.path.includes('/jobs/:id')) return 'no-such-job';
      return randomUUID();
    };
    const values: Record<string, () => string> = {
      course: () => a.courseSlug,
      slug: () => a.courseSlug,
      module: () => 'only',
      file: () => 'nothing.png',
      field: () => 'cv',
      action: () => 'withdraw',
      queue: () => 'mail',
      token: () => 'not-a-token',
      code: () => 'not-a-code',
      kind: () => 'course',
      id,
    };
    return route.path.replace(/:(\w+)/g, (_, name: string) => values[name]?.() ?? 'x');
  }

  function scopeOf(route: RouteEntry, capability: Capability): Scope {
    if (SITE_CAPABILITIES.includes(capability)) return SITE_SCOPE;
    const org = organisationId;
    if (
      /\/(cohorts|sessions|applications)\/:id/.test(route.path) ||
      (route.path.includes('/certificates/issue') && route.path.includes('cohorts'))
    )
      return cohortScope({ id: a.cohortId, programmeId: a.programmeId, organisationId: org });
    if (route.path.includes('/programmes/:id')) return programmeScope({ id: a.programmeId, organisationId: org });
    return courseScope({ id: a.courseId, organisationId: org });
  }

  async function call(client: WebClient, route: RouteEntry, path: string): Promise<WebResponse> {
    if (path.startsWith('/api/') || path.startsWith('/.well-known'))
      return client.json(route.method, path, route.method === 'GET' ? undefined : {});
    if (route.method === 'GET') return client.get(path);
    return client.postForm(path, {});
  }

  function leaks(response: WebResponse): string | undefined {
    return a.markers.find((marker) => response.text.includes(marker));
  }

  it('answers every persona on every route as its grants decide, leaking nothing of scope A', async () => {
    const failures: string[] = [];
    const ordered = [...routes].sort((x, y) => rank(x) - rank(y));
    for (const route of ordered) {
      const path = fill(route);
      const access = route.access!;
      const staff = route.handler in OWNED ? OWNED[route.handler] : undefined;
      const allowedOf = (p: Persona): boolean | undefined => {
        if (access === 'public') return true;
        if (!p.principal) return false;
        if (staff !== undefined) return staff !== null && can(p.principal, staff, scopeOf(route, staff));
        if (access === 'signed-in' || access === 'learning.participate') return undefined;
        return can(p.principal, access, scopeOf(route, access));
      };
      // Refusals first, so an allowed change (a deletion, a revocation) cannot hide one.
      const order = [...personas].sort((x, y) => Number(allowedOf(x) === true) - Number(allowedOf(y) === true));
      for (const persona of order) {
        const response = await call(persona.client, route, path);
        const cell = `${route.method} ${route.path} as ${persona.name}: ${response.status}`;
        const allowed = allowedOf(persona);
        if (response.status >= 500) failures.push(`${cell} (server error)`);
        else if (!persona.principal && access !== 'public') {
          const toLogin = response.status === 303 && (response.location ?? '').startsWith('/login');
          if (response.status !== 401 && !toLogin) failures.push(`${cell}, expected 401 or the sign-in page`);
        } else if (access === 'public') {
          continue;
        } else if (allowed === true) {
          if ([401, 403].includes(response.status)) failures.push(`${cell}, expected to be let in`);
        } else if (allowed === false) {
          if (!REFUSED.includes(response.status)) failures.push(`${cell}, expected a refusal`);
          const leaked = leaks(response);
          if (leaked) failures.push(`${cell} leaks "${leaked}"`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
