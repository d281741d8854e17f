import { grantCourseAuthors } from '@karvan/domain';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, UsersService, type Role } from '@karvan/domain';
import { completeDemoCourse, DEMO_COMPLETED_COURSE } from './demo-learning.js';
import { seedDemoSummerSchool } from './demo-summer.js';
import { translateDemoSummerSchool } from './demo-summer-translations.js';

/**
 * Shared by every demo account; printed at start and written in the README. Demo data only: being
 * public anyway, it is set without the password rule.
 */
export const DEMO_PASSWORD = 'karvan-demo';

export interface DemoAccount {
  email: string;
  name: string;
  roles: Role[];
  organisation: string;
  position: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@karvan.example',
    name: 'Demo Admin',
    roles: ['trainee', 'admin'],
    organisation: 'Karvan',
    position: 'Platform administrator',
  },
  {
    email: 'coordinator@karvan.example',
    name: 'Demo Coordinator',
    roles: ['trainee', 'coordinator'],
    organisation: 'Training centre',
    position: 'Summer school coordinator',
  },
  {
    // The shipped courses name this address as their author, so the demo trainer can edit them.
    email: 'trainer@karvan.example',
    name: 'Demo Trainer',
    roles: ['trainee', 'trainer'],
    organisation: 'Training centre',
    position: 'Trainer',
  },
  {
    email: 'trainee@karvan.example',
    name: 'Demo Trainee',
    roles: ['trainee'],
    organisation: 'State Migration Service',
    position: 'Specialist',
  },
];

export interface SeedResult {
  created: string[];
  existing: string[];
}

/** Demo data for a laptop preview. Running it again adds nothing that is already there. */
@Injectable()
export class DemoService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    // Absent in the CLI: the events recorded then wait for a worker's sweep.
    @Optional() private readonly events?: DomainEvents,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM users');
    return n === 0;
  }

  async seed(): Promise<SeedResult> {
    const result: SeedResult = { created: [], existing: [] };
    for (const account of DEMO_ACCOUNTS) {
      if (await this.users.findCredentials(account.email)) {
        result.existing.push(account.email);
        continue;
      }
      await this.users.register({ ...account, password: DEMO_PASSWORD }, account.roles, { checkPassword: false });
      result.created.push(account.email);
    }
    // Courses synced before the trainer existed get their author now.
    await this.db.transaction(async (tx) => {
      const [trainer] = await tx.query<Array<{ id: string }>>(
        `SELECT id FROM users WHERE lower(email) = 'trainer@karvan.example'`,
      );
      const courses = await tx.query<Array<{ id: string }>>(`SELECT id FROM courses WHERE origin = 'files'`);
      for (const course of trainer ? courses : []) await grantCourseAuthors(tx, course.id, [trainer.id]);
    });
    await seedDemoSummerSchool(this.db, this.users, DEMO_PASSWORD);
    await translateDemoSummerSchool(this.db);
    await this.transaction((tx) => completeDemoCourse(tx, 'trainee@karvan.example', DEMO_COMPLETED_COURSE));
    return result;
  }

  private transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.events ? this.events.transaction(work) : this.db.transaction(work);
  }
}

export function demoLoginLines(): string[] {
  return DEMO_ACCOUNTS.map((a) => `  ${a.roles.at(-1)?.padEnd(12)} ${a.email.padEnd(28)} password: ${DEMO_PASSWORD}`);
}
