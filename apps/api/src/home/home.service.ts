import { Injectable } from '@nestjs/common';
import {
  ApplicationsService,
  canAnywhere,
  canOnCohort,
  CertificatesService,
  CohortsService,
  CoursesService,
  DomainError,
  EnrolmentsService,
  EssayGradingService,
  GrantsService,
  localiseProblem,
  ModulesService,
  MyLearningService,
  QueueDashboardService,
  SelectionService,
  TimetableService,
  UsersService,
  type Locale,
  type Principal,
  type SessionRow,
} from '@karvan/domain';

const SHOWN = 5;
const WARNINGS_SHOWN = 20;

/**
 * What a signed-in person finds first: a section per role they hold, each from the services that
 * check the person's capabilities. Someone with several roles sees the sections of each.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly learning: MyLearningService,
    private readonly applications: ApplicationsService,
    private readonly certificates: CertificatesService,
    private readonly cohorts: CohortsService,
    private readonly timetable: TimetableService,
    private readonly selection: SelectionService,
    private readonly courses: CoursesService,
    private readonly enrolments: EnrolmentsService,
    private readonly users: UsersService,
    private readonly queues: QueueDashboardService,
    private readonly grants: GrantsService,
    private readonly essays: EssayGradingService,
    private readonly modules: ModulesService,
  ) {}

  async sections(me: Principal, locale: Locale) {
    const [trainee, trainer, coordinator, admin] = await Promise.all([
      this.trainee(me, locale),
      canAnywhere(me, 'course.edit') || canAnywhere(me, 'course.create') ? this.trainer(me, locale) : undefined,
      canAnywhere(me, 'application.read') ? this.coordinator(me) : undefined,
      canAnywhere(me, 'user.manage') ? this.admin(me) : undefined,
    ]);
    return { trainee, trainer, coordinator, admin };
  }

  private async trainee(me: Principal, locale: Locale) {
    const [courses, applications, certificates, programmes] = await Promise.all([
      this.learning.courses(me, locale),
      this.applications.mine(me),
      this.certificates.mine(me),
      this.cohorts.programmes(),
    ]);
    const now = Date.now();
    const openCalls = programmes.flatMap((p) =>
      p.cohorts
        .filter((c) => new Date(c.opens_at).getTime() <= now && now < new Date(c.closes_at).getTime())
        .map((c) => ({
          // What the list shows, and no more: the page's data names the kept page per request.
          id: c.id,
          title: c.title,
          translations: c.translations,
          programme: p.title,
          programme_translations: p.translations,
          applied: applications.some((a) => a.cohort_id === c.id),
          // Reviewers and coordinators of the cohort or its programme cannot apply to it.
          staff: canOnCohort(me, 'application.read', { id: c.id, programme_id: p.id, organisation_id: null }),
        })),
    );
    const memberOf = applications.filter((a) => a.status === 'confirmed').map((a) => a.cohort_id);
    const upcoming = (await Promise.all(memberOf.map((id) => this.upcomingSessions(id, now))))
      .flat()
      .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime())
      .slice(0, SHOWN);
    const resume = courses.find((c) => c.status === 'active' && !c.completed && c.next);
    return { courses, resume, applications, certificates, openCalls, upcoming };
  }

  private async upcomingSessions(cohortId: string, now: number): Promise<SessionRow[]> {
    const days = await this.timetable.days(cohortId);
    return days.flatMap((d) => d.sessions).filter((s) => s.ends_at.getTime() > now && !s.cancelled_at);
  }

  private async trainer(me: Principal, locale: Locale) {
    const [courses, toGrade] = await Promise.all([this.courses.listEditable(me), this.essays.countsToGrade(me)]);
    // Stored with each revision when it was saved or synced: the home page compiles nothing.
    const warnings = (await this.modules.warnings(me, courses, WARNINGS_SHOWN)).map((w) => ({
      ...w,
      warning: localiseProblem(locale, w.warning),
    }));
    const withRequests = await Promise.all(
      courses.map(async (course) => ({
        ...course,
        requests: course.enrolmentMode === 'approval' ? await this.pendingCount(me, course.slug) : 0,
        toGrade: toGrade[course.slug] ?? 0,
      })),
    );
    return {
      courses: withRequests,
      requests: withRequests.reduce((sum, c) => sum + c.requests, 0),
      toGrade: withRequests.reduce((sum, c) => sum + c.toGrade, 0),
      warnings,
    };
  }

  private async pendingCount(me: Principal, slug: string): Promise<number> {
    return (await refusedAsNothing(() => this.enrolments.pending(me, slug)))?.length ?? 0;
  }

  private async coordinator(me: Principal) {
    const cohorts = await this.cohorts.staffCohorts(me);
    const ids = cohorts.map((cohort) => cohort.id);
    const [waiting, sessions] = await Promise.all([
      this.selection.waitingCounts(me, ids),
      this.timetable.today(me, ids),
    ]);
    const titled = new Map(cohorts.map((cohort) => [cohort.id, cohort]));
    const today = sessions.map((s) => ({
      ...s,
      cohort: titled.get(s.cohort_id)?.title,
      cohort_translations: titled.get(s.cohort_id)?.translations,
    }));
    return { cohorts: cohorts.map((cohort) => ({ ...cohort, toReview: waiting.get(cohort.id) ?? 0 })), today };
  }

  private async admin(me: Principal) {
    const [signUps, queues, audit] = await Promise.all([
      this.users.list(me, 1, SHOWN),
      canAnywhere(me, 'queue.manage') ? this.queues.overview(me, SHOWN) : Promise.resolve([]),
      canAnywhere(me, 'audit.read') ? this.grants.auditLog(me, 1, SHOWN) : Promise.resolve(undefined),
    ]);
    const failed = queues.reduce((sum, q) => sum + q.counts.failed, 0);
    return {
      signUps: signUps.users,
      queues: queues.map((q) => ({ name: q.name, waiting: q.counts.waiting, failed: q.counts.failed })),
      failed,
      grants: audit?.entries ?? [],
    };
  }
}

/** A section the person turns out not to be allowed (a reviewer-only list, say) shows as empty. */
async function refusedAsNothing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && (error.kind === 'forbidden' || error.kind === 'not_found')) return undefined;
    throw error;
  }
}
