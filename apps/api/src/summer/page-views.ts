import { Injectable } from '@nestjs/common';
import {
  AttendanceService,
  CohortDashboardService,
  canAnywhere,
  CohortsService,
  SelectionService,
  SummerError,
  SummerErrorCode,
  TimetableService,
  translate,
  type Locale,
  type Principal,
  registerOpening,
  translatedText,
} from '@karvan/domain';
import type { FieldErrors } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import { barChartSvg } from './bar-chart.js';
import type { CreateProgrammeDto } from './dto/programme.dto.js';
import type { UpdateCohortDto } from './dto/cohort.dto.js';
import type { AddStaffDto } from './dto/staff.dto.js';
import type { SessionDto } from './dto/session.dto.js';
import type { DecisionResultQuery } from './dto/selection.dto.js';
import { decisionResult } from './decision-result.js';
import {
  cohortAnchor,
  errorList,
  fieldAnchor,
  sessionAnchor,
  storedCohort,
  storedSession,
  typedCohort,
  typedSession,
  zoneChoices,
} from './summer-forms.js';

export interface ListExtra {
  programme?: { form: CreateProgrammeDto; errors: FieldErrors };
  cohort?: { programmeId: string; form: UpdateCohortDto; errors: FieldErrors };
}

/**
 * The summer-school pages that carry forms, shown as they are or again with what was typed and
 * what is wrong with it (422). Each reads through the services, which decide who may see it.
 */
@Injectable()
export class SummerPages {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly selection: SelectionService,
    private readonly timetable: TimetableService,
    private readonly attendance: AttendanceService,
    private readonly dashboards: CohortDashboardService,
  ) {}

  async list(reply: KarvanReply, principal: Principal | undefined, extra: ListExtra = {}, status = 200) {
    const staff = principal ? await this.cohorts.staffCohorts(principal) : [];
    const failed = extra.cohort;
    const programmes = (await this.cohorts.programmes()).map((p) =>
      p.id === failed?.programmeId
        ? {
            ...p,
            cohortForm: typedCohort(failed.form),
            cohortErrors: errorList(failed.errors, {}, cohortAnchor(`new-${p.id}`)),
          }
        : p,
    );
    await renderPage(
      reply,
      'pages/summer/list',
      {
        programmes,
        staff,
        canCreate: canAnywhere(principal, 'programme.create'),
        ...zoneChoices(),
        programmeForm: extra.programme?.form,
        programmeErrors: errorList(
          extra.programme?.errors,
          { title: 'summer.programmeTitle' },
          fieldAnchor('programme'),
        ),
      },
      status,
    );
  }

  async manage(
    reply: KarvanReply,
    me: Principal,
    id: string,
    extra: {
      cohort?: { form: UpdateCohortDto; errors: FieldErrors };
      staff?: { form: AddStaffDto; errors: FieldErrors };
      notice?: string;
    } = {},
    status = 200,
  ) {
    const cohort = await this.cohorts.managed(me, id);
    await renderPage(
      reply,
      'pages/summer/manage',
      {
        cohort,
        staff: await this.cohorts.staff(me, id),
        cohortForm: extra.cohort ? typedCohort(extra.cohort.form) : storedCohort(cohort),
        cohortErrors: errorList(extra.cohort?.errors, {}, cohortAnchor('edit')),
        staffForm: extra.staff?.form,
        staffErrors: errorList(extra.staff?.errors, {}, fieldAnchor('staff')),
        notice: noticeKey(extra.notice, ['saved', 'staff', 'staffRemoved'], 'manage.notice'),
        ...zoneChoices(),
      },
      status,
    );
  }

  async sessions(
    reply: KarvanReply,
    me: Principal,
    id: string,
    extra?: { form?: SessionDto; errors?: FieldErrors; notice?: string },
    status = 200,
  ) {
    const cohort = await this.cohorts.managed(me, id);
    await renderPage(
      reply,
      'pages/summer/sessions',
      {
        cohort,
        days: await this.timetable.days(id),
        timeZone: cohort.time_zone,
        sessionForm: extra?.form ? typedSession(extra.form) : {},
        sessionErrors: errorList(extra?.errors, { title: 'summer.sessionTitle' }, sessionAnchor),
        notice: noticeKey(extra?.notice, ['added', 'removed']),
      },
      status,
    );
  }

  async register(
    reply: KarvanReply,
    me: Principal,
    id: string,
    extra: { session?: { form: SessionDto; errors: FieldErrors }; marks?: FieldErrors; notice?: string } = {},
    status = 200,
  ) {
    const register = await this.attendance.register(me, id);
    await renderPage(
      reply,
      'pages/summer/register',
      {
        ...register,
        cohort: await this.cohorts.cohort(register.session.cohort_id),
        timeZone: register.session.time_zone,
        sessionForm: extra.session ? typedSession(extra.session.form) : storedSession(register.session),
        sessionErrors: errorList(extra.session?.errors, { title: 'summer.sessionTitle' }, sessionAnchor),
        markErrors: errorList(extra.marks, {}, (field) => `#${field}-present`),
        opensAt: registerOpening(register.session),
        notice: noticeKey(extra.notice, ['marked', 'saved']),
        rows: register.rows.map((r) => ({
          ...r,
          choices: ['present', 'late', 'excused', 'absent'].map((s) => ({ value: s, checked: r.status === s })),
        })),
      },
      status,
    );
  }

  async review(
    reply: KarvanReply,
    me: Principal,
    id: string,
    errors?: FieldErrors,
    status = 200,
    view: { filter?: string; notice?: string } = {},
  ) {
    const cohort = await this.cohorts.cohort(id);
    const all = await this.selection.toReview(me, id);
    const filter = REVIEW_FILTERS.includes(view.filter ?? '') ? view.filter! : 'all';
    const reviewed = all.filter((item) => item.mine).length;
    const items = all.filter((item) => filter === 'all' || (filter === 'reviewed') === !!item.mine);
    const counts: Record<string, number> = { all: all.length, unreviewed: all.length - reviewed, reviewed };
    await renderPage(
      reply,
      'pages/summer/review',
      {
        cohort,
        errors: errorList(errors, Object.fromEntries(cohort.rubric.map((c) => [c.key, c.label]))),
        filters: REVIEW_FILTERS.map((key) => ({ key, count: counts[key], current: key === filter })),
        saved: view.notice === 'reviewed',
        items: items.map((item) => ({
          ...item,
          answers: cohort.form
            .filter((f) => f.type !== 'file')
            .map((f) => {
              const value = [item.answers[f.key] ?? ''].flat().join('; ');
              // A yes/no answer is stored as "yes"/"no": the reviewer reads it in their language.
              return { label: f.label, value, yesno: f.type === 'yesno' && ['yes', 'no'].includes(value) };
            }),
          criteria: cohort.rubric.map((c) => ({ ...c, value: item.mine?.scores[c.key] ?? '' })),
        })),
      },
      status,
    );
  }

  /** A review form's errors, on the review page it was sent from; from anywhere else, a refusal. */
  async reviewAgain(reply: KarvanReply, me: Principal, from: string, errors: FieldErrors) {
    const cohortId = /^\/cohorts\/([^/]+)\/review$/.exec(from)?.[1];
    if (!cohortId) throw new SummerError(SummerErrorCode.Invalid, 'The scores are not valid.', errors);
    await this.review(reply, me, cohortId, errors, 422);
  }

  async ranking(
    reply: KarvanReply,
    me: Principal,
    id: string,
    extra: { result?: DecisionResultQuery; errors?: FieldErrors } = {},
    status = 200,
  ) {
    const [ranked, cohort] = await Promise.all([this.selection.ranked(me, id), this.cohorts.cohort(id)]);
    const result = extra.result && decisionResult(extra.result, ranked, cohort);
    await renderPage(
      reply,
      'pages/summer/ranking',
      { cohort, ranked, result, errors: errorList(rankingErrors(extra.errors), { ids: '' }, () => '#ranking-caption') },
      status,
    );
  }

  /** The dashboard with its figures also drawn as charts, labelled in the reader's language. */
  async dashboard(reply: KarvanReply, me: Principal, id: string, locale: Locale) {
    const board = await this.dashboards.dashboard(me, id);
    const statusLabel = (status: string) => translate(locale, `summer.status.${status}`);
    await renderPage(reply, 'pages/summer/dashboard', {
      board,
      refresh: board.certificates.pending > 0,
      certificatePercent: board.certificates.completed
        ? Math.round((100 * board.certificates.issued) / board.certificates.completed)
        : 0,
      charts: {
        status: barChartSvg(
          'chart-status',
          translate(locale, 'summer.byStatus'),
          board.byStatus.map((s) => ({ label: statusLabel(s.status), value: s.count })),
        ),
        sessions: barChartSvg(
          'chart-sessions',
          `${translate(locale, 'summer.perSession')} (%)`,
          board.sessions.map((s) => ({
            label: translatedText(s.title, s.translations, locale),
            value: s.percent ?? 0,
          })),
          100,
        ),
        participants: barChartSvg(
          'chart-participants',
          `${translate(locale, 'summer.perParticipant')} (%)`,
          board.participants.map((p) => ({ label: p.name, value: p.percent ?? 0 })),
          100,
        ),
      },
    });
  }
}

/** The review queue's views: everything, what I have not scored yet, what I have. */
const REVIEW_FILTERS = ['all', 'unreviewed', 'reviewed'];

/** The message key of a `?notice=` a page knows, after the redirect that follows its form. */
function noticeKey(notice: string | undefined, known: string[], prefix = 'coord.notice'): string | undefined {
  return notice && known.includes(notice) ? `${prefix}.${notice}` : undefined;
}

/** Nothing ticked, or a tick that is no application: the coordinator is told to tick some. */
function rankingErrors(errors: FieldErrors | undefined): FieldErrors | undefined {
  return errors?.ids ? { ...errors, ids: 'summer.problem.pickSome' } : errors;
}
