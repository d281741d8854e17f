import { insertGrant } from '@karvan/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { parseForm, parseRubric, type UsersService } from '@karvan/domain';

export const DEMO_PROGRAMME = 'Migration Summer School';

const FORM = `*long: motivation | Why do you want to attend, and how will you use what you learn?
single: experience | Years of work or research on migration | Under a year; One to three years; More than three
multiple: topics | Topics you most want to study | Labour migration; Border management; Integration; Diaspora; Migration data
yesno: accommodation | Do you need accommodation in Baku?
file: cv | Your CV (optional)`;

const RUBRIC = `relevance | Relevance of the applicant's work to migration management | 10
motivation | Clarity of motivation | 5
potential | Potential to share what they learn | 5`;

// Twelve applicants; [name, category, status]. Four have confirmed their place and attend.
const APPLICANTS: Array<[string, string, string]> = [
  ['Aysel Məmmədova', 'entry_level_official', 'confirmed'],
  ['Rəşad Quliyev', 'entry_level_official', 'confirmed'],
  ['Nigar Həsənli', 'young_researcher', 'confirmed'],
  ['Elvin Əliyev', 'young_researcher', 'confirmed'],
  ['Günay İsmayılova', 'entry_level_official', 'accepted'],
  ['Tural Babayev', 'young_researcher', 'waitlisted'],
  ['Leyla Rzayeva', 'other', 'waitlisted'],
  ['Kamran Nəsirov', 'entry_level_official', 'rejected'],
  ['Səbinə Cəfərova', 'young_researcher', 'rejected'],
  ['Orxan Səfərov', 'entry_level_official', 'submitted'],
  ['Zaur Mirzəyev', 'other', 'submitted'],
  ['Fidan Abdullayeva', 'young_researcher', 'draft'],
];

const SESSIONS: Array<[string, string]> = [
  ['Opening: migration governance in Azerbaijan', 'State Migration Service'],
  ['Labour migration and the single window', 'Ministry of Labour and Social Protection of Population'],
  ['Integrated border management', 'State Border Service'],
  ['Human rights at every stage of migration procedures', 'Ombudsman’s Office'],
  ['Migration data: sources and limits', 'State Statistical Committee'],
  ['Designing a small study', 'Baku State University'],
  ['Integration of migrants and refugees', 'UNHCR Azerbaijan'],
  ['Diaspora engagement', 'State Committee on Work with Diaspora'],
  ['Research ethics with migrants', 'ADA University'],
  ['Closing: presentations and certificates', 'Programme coordinators'],
];

/**
 * The demo summer school: a cohort running now whose call is still open (late applications fill
 * the waitlist), twelve applicants in several states with reviews, a five-day timetable and the
 * register of the days already held. Seeded once: nothing is added if the programme exists.
 */
export async function seedDemoSummerSchool(db: DataSource, users: UsersService, password: string): Promise<boolean> {
  const [existing] = await db.query<unknown[]>(`SELECT 1 FROM programmes WHERE title = $1`, [DEMO_PROGRAMME]);
  if (existing) return false;
  const applicantIds: string[] = [];
  for (const [i, [name, category]] of APPLICANTS.entries()) {
    const email = `applicant${String(i + 1).padStart(2, '0')}@karvan.example`;
    const found = await users.findCredentials(email);
    const id = found
      ? found.id
      : (
          await users.register(
            { email, name, password, organisation: orgFor(category), position: 'Specialist' },
            ['trainee'],
            { checkPassword: false },
          )
        ).id;
    applicantIds.push(id);
  }
  await db.transaction((tx) => seedCohort(tx, applicantIds));
  return true;
}

async function seedCohort(tx: EntityManager, applicantIds: string[]): Promise<void> {
  const [staff] = await tx.query<Array<{ coordinator: string; trainer: string }>>(
    `SELECT (SELECT id FROM users WHERE email = 'coordinator@karvan.example') AS coordinator,
            (SELECT id FROM users WHERE email = 'trainer@karvan.example') AS trainer`,
  );
  const [programme] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO programmes (title, description, created_by) VALUES ($1, $2, $3) RETURNING id`,
    [
      DEMO_PROGRAMME,
      'A week in Baku for entry-level migration officials and young researchers: lectures by the institutions that manage migration, study visits and a small research exercise.',
      staff.coordinator,
    ],
  );
  const today = new Date();
  const day = (offset: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset));
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  const [cohort] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO cohorts (programme_id, title, starts_on, ends_on, place, capacity, opens_at, closes_at, eligibility,
       form_source, form, rubric_source, rubric, quotas, min_attendance, require_courses)
     VALUES ($1, $2, $3, $4, 'Baku, ADA University', 6, $5, $6, $7, $8, $9, $10, $11, '{"young_researcher": 3}', 80, true) RETURNING id`,
    [
      programme.id,
      `${DEMO_PROGRAMME} ${day(-2).getUTCFullYear()}`,
      ymd(day(-2)),
      ymd(day(2)),
      day(-30),
      day(3),
      'Entry-level officials of the State Migration Service, the State Border Service and other ministries, and young researchers at Azerbaijani universities.',
      FORM,
      JSON.stringify(parseForm(FORM).fields),
      RUBRIC,
      JSON.stringify(parseRubric(RUBRIC).criteria),
    ],
  );
  await tx.query(
    `INSERT INTO cohort_courses (cohort_id, course_id) SELECT $1, id FROM courses WHERE slug = 'research-methods-migration'`,
    [cohort.id],
  );
  const scope = { kind: 'cohort', id: cohort.id } as const;
  await insertGrant(tx, undefined, staff.coordinator, { role: 'cohort_coordinator', scope });
  for (const reviewer of [staff.coordinator, staff.trainer])
    await insertGrant(tx, undefined, reviewer, { role: 'cohort_reviewer', scope });
  const members = await seedApplications(tx, cohort.id, applicantIds, [staff.coordinator, staff.trainer]);
  // Began the day before yesterday: the registers of its first two days are taken (a register
  // opens only when its session begins), today's are the coordinator's to take.
  await seedTimetable(tx, cohort.id, day(-2), members, staff.coordinator);
}

async function seedApplications(
  tx: EntityManager,
  cohortId: string,
  userIds: string[],
  reviewers: string[],
): Promise<string[]> {
  const members: string[] = [];
  for (const [i, [, category, status]] of APPLICANTS.entries()) {
    const [app] = await tx.query<Array<{ id: string }>>(
      `INSERT INTO applications (cohort_id, user_id, status, category, organisation, position, answers, submitted_at)
       VALUES ($1, $2, $3::varchar, $4, $5, 'Specialist', $6, CASE WHEN $3::varchar = 'draft' THEN NULL ELSE now() - make_interval(days => $7::int) END)
       RETURNING id`,
      [
        cohortId,
        userIds[i],
        status,
        category,
        orgFor(category),
        JSON.stringify({
          motivation: 'I want to understand how the institutions work together and bring that back to my team.',
          experience: i % 3 === 0 ? 'More than three' : 'One to three years',
          topics: ['Labour migration', 'Migration data'],
          accommodation: i % 2 ? 'yes' : 'no',
        }),
        20 - i,
      ],
    );
    if (status === 'draft') continue;
    await tx.query(
      `INSERT INTO application_events (application_id, actor_id, from_status, to_status) VALUES ($1, $2, 'draft', 'submitted')`,
      [app.id, userIds[i]],
    );
    if (status !== 'submitted')
      await tx.query(
        `INSERT INTO application_events (application_id, actor_id, from_status, to_status) VALUES ($1, $2, 'submitted', $3)`,
        [app.id, reviewers[0], status === 'confirmed' ? 'accepted' : status],
      );
    if (status === 'confirmed') {
      await tx.query(
        `INSERT INTO application_events (application_id, actor_id, from_status, to_status) VALUES ($1, $2, 'accepted', 'confirmed')`,
        [app.id, userIds[i]],
      );
      members.push(userIds[i]);
    }
    for (const [r, reviewer] of reviewers.entries()) {
      const relevance = Math.max(2, 10 - i + r);
      const scores = { relevance: Math.min(10, relevance), motivation: 4, potential: 3 + ((i + r) % 3) };
      const total = scores.relevance + scores.motivation + scores.potential;
      await tx.query(
        `INSERT INTO application_reviews (application_id, reviewer_id, scores, total, comment) VALUES ($1, $2, $3, $4, '')`,
        [app.id, reviewer, JSON.stringify(scores), total],
      );
    }
  }
  for (const userId of members) {
    await tx.query(`INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)`, [cohortId, userId]);
    await tx.query(
      `INSERT INTO enrolments (user_id, course_id, status, decided_at)
       SELECT $2, course_id, 'active', now() FROM cohort_courses WHERE cohort_id = $1 ON CONFLICT DO NOTHING`,
      [cohortId, userId],
    );
  }
  return members;
}

/** Two sessions a day for five days (Baku time, UTC+4); the first two days' registers are taken. */
async function seedTimetable(
  tx: EntityManager,
  cohortId: string,
  first: Date,
  members: string[],
  markedBy: string,
): Promise<void> {
  for (const [i, [title, speaker]] of SESSIONS.entries()) {
    const dayIndex = Math.floor(i / 2);
    const start = new Date(first.getTime() + dayIndex * 86_400_000 + (i % 2 ? 10 : 5) * 3_600_000); // 09:00 or 14:00 in Baku
    const [session] = await tx.query<Array<{ id: string }>>(
      `INSERT INTO cohort_sessions (cohort_id, title, speaker, starts_at, ends_at, room, description)
       VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING id`,
      [cohortId, title, speaker, start, new Date(start.getTime() + 3 * 3_600_000), i % 2 ? 'Room 204' : 'Main hall'],
    );
    if (dayIndex > 1) continue;
    for (const [m, userId] of members.entries()) {
      const status = m === 3 && i === 1 ? 'late' : m === 2 && i === 3 ? 'excused' : 'present';
      await tx.query(`INSERT INTO attendance (session_id, user_id, status, marked_by) VALUES ($1, $2, $3, $4)`, [
        session.id,
        userId,
        status,
        markedBy,
      ]);
    }
  }
}

function orgFor(category: string): string {
  return category === 'young_researcher'
    ? 'Baku State University'
    : category === 'other'
      ? 'Non-governmental organisation'
      : 'State Migration Service';
}
