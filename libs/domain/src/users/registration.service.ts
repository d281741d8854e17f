import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import type { Locale } from './roles.js';
import { UsersErrorCode } from './users.errors.js';
import { UsersService, type NewUser } from './users.service.js';

const HOUR_MS = 3_600_000;

/**
 * Self-service registration that does not tell who has an account: for an address already taken,
 * the caller gets the same answer as for a new one, and the address's owner gets an e-mail instead.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The new account's id, or null when the address already had one (its owner is told by e-mail). */
  async register(input: NewUser): Promise<string | null> {
    try {
      return (await this.users.register(input)).id;
    } catch (error) {
      if ((error as { code?: unknown }).code !== UsersErrorCode.EmailTaken) throw error;
      await this.tellOwner(input.email);
      return null;
    }
  }

  private async tellOwner(email: string): Promise<void> {
    const [owner] = await this.db.query<Array<{ id: string; email: string; locale: Locale }>>(
      'SELECT id, email, locale FROM users WHERE lower(email) = lower($1)',
      [email.trim()],
    );
    if (!owner) return;
    // At most one such e-mail an hour per account, however often someone tries.
    const hour = Math.floor(Date.now() / HOUR_MS);
    await this.events.transaction((tx) =>
      this.mail.add(tx, {
        dedupeKey: `registration-attempt:${owner.id}:${hour}`,
        to: owner.email,
        locale: owner.locale,
        template: 'registrationAttempt',
        params: { link: `${this.config.baseUrl}/login` },
      }),
    );
  }
}
