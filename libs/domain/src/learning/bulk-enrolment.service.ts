import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { createInvitedAccount, inviteAgain } from '../users/index.js';
import { EnrolmentsService } from './enrolments.service.js';

export interface BulkReport {
  enrolled: string[];
  invited: string[];
  invalid: Array<{ line: number; text: string; reason: string }>;
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MAX_LINES = 2_000;
const INVITATION_DAYS = 14;

/**
 * Enrols a list of people in one go: accounts that exist are enrolled, unknown addresses get an
 * invited account and an invitation e-mail, and every line that is not an address is reported.
 */
@Injectable()
export class BulkEnrolmentService {
  constructor(
    private readonly db: DataSource,
    private readonly enrolments: EnrolmentsService,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enrol(principal: Principal, courseSlug: string, csv: string): Promise<BulkReport> {
    const course = await this.enrolments.managed(principal, courseSlug);
    const { addresses, invalid } = readAddresses(csv);
    const report: BulkReport = { enrolled: [], invited: [], invalid };
    await this.events.transaction(async (tx) => {
      for (const email of addresses) {
        const existing = await tx.query<Array<{ id: string; status: string }>>(
          'SELECT id, status FROM users WHERE lower(email) = lower($1)',
          [email],
        );
        const userId = existing[0]?.id ?? (await createInvitedAccount(tx, email));
        await activate(tx, userId, course.id, principal.userId);
        if (existing[0]?.status === 'active') report.enrolled.push(email);
        else {
          report.invited.push(email);
          await this.invitationEmail(tx, userId, email, course, principal);
        }
      }
    });
    return report;
  }

  private async invitationEmail(
    tx: EntityManager,
    userId: string,
    email: string,
    course: { id: string; title: string },
    principal: Principal,
  ): Promise<string | null> {
    const token = await inviteAgain(tx, userId, principal.userId, INVITATION_DAYS);
    return this.mail.add(tx, {
      dedupeKey: `invitation:${userId}:${course.id}`,
      to: email,
      locale: principal.locale,
      template: 'invitation',
      params: {
        course: course.title,
        inviter: principal.name,
        link: `${this.config.baseUrl}/invitations/${token}`,
        days: INVITATION_DAYS,
      },
    });
  }
}

async function activate(tx: EntityManager, userId: string, courseId: string, decidedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO enrolments (user_id, course_id, status, decided_at, decided_by) VALUES ($1, $2, 'active', now(), $3)
     ON CONFLICT (user_id, course_id) DO UPDATE SET status = 'active', decided_at = now(), decided_by = $3, updated_at = now()`,
    [userId, courseId, decidedBy],
  );
}

/** One address per line (or the first column of a CSV); a header line `email` is skipped. */
export function readAddresses(csv: string): { addresses: string[]; invalid: BulkReport['invalid'] } {
  const addresses = new Set<string>();
  const invalid: BulkReport['invalid'] = [];
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, MAX_LINES);
  lines.forEach((raw, index) => {
    const text = raw
      .split(/[,;\t]/)[0]
      .trim()
      .replace(/^"|"$/g, '');
    if (text === '' || (index === 0 && /^e-?mail$/i.test(text))) return;
    if (!EMAIL.test(text) || text.length > 254)
      invalid.push({ line: index + 1, text: raw.slice(0, 200), reason: 'not an e-mail address' });
    else addresses.add(text.toLowerCase());
  });
  return { addresses: [...addresses], invalid };
}
