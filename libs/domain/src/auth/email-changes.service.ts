import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { hashToken, randomToken } from '../shared/tokens.js';
import { setEmail, UsersService, type User } from '../users/index.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import type { Principal } from './principal.js';

/** How long the confirmation link sent to the new address works. */
export const EMAIL_CHANGE_HOURS = 24;

export interface PendingEmailChange {
  newEmail: string;
  expiresAt: Date;
}

/**
 * A person changes their own address: asked with the current password, it happens only when the
 * link mailed to the new address is opened (a one-use token of which only the hash is stored),
 * and the old address is told at once. An address another account uses is never taken, and the
 * one asking cannot tell: their page and e-mails read the same, the link is simply never sent,
 * and the address's owner is told instead (as registration does).
 */
@Injectable()
export class EmailChangesService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a change of the signed-in person's address; a newer request replaces a pending one. */
  async request(principal: Principal, newEmail: string, currentPassword: string): Promise<void> {
    await this.users.checkPassword(principal.userId, currentPassword);
    const me = await this.users.get(principal.userId);
    const address = newEmail.trim();
    if (address.toLowerCase() === me.email.toLowerCase()) {
      throw new AuthError(AuthErrorCode.EmailUnchanged, 'This is already the address of your account.');
    }
    const owner = await this.users.findIdByEmail(address);
    const token = randomToken();
    const tokenHash = hashToken(token);
    await this.events.transaction(async (tx) => {
      await endPending(tx, me.id, 'cancelled_at');
      await tx.query(
        `INSERT INTO email_changes (token_hash, user_id, new_email, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
        [tokenHash, me.id, address, EMAIL_CHANGE_HOURS],
      );
      await this.mailOldAddress(tx, me, address, tokenHash);
      if (owner) await this.mailOwnerOfTaken(tx, address, me.locale);
      else await this.mailNewAddress(tx, me, address, token, tokenHash);
    });
  }

  /** The change waiting for confirmation, shown on the profile with "cancel". */
  async pending(principal: Principal): Promise<PendingEmailChange | null> {
    const rows = await this.db.query<Array<{ new_email: string; expires_at: Date }>>(
      `SELECT new_email, expires_at FROM email_changes
       WHERE user_id = $1 AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > now()
       ORDER BY created_at DESC LIMIT 1`,
      [principal.userId],
    );
    return rows[0] ? { newEmail: rows[0].new_email, expiresAt: rows[0].expires_at } : null;
  }

  async cancel(principal: Principal): Promise<void> {
    await this.db.transaction((tx) => endPending(tx, principal.userId, 'cancelled_at'));
  }

  /** What a valid link would change, to show before the person confirms. */
  async check(token: string): Promise<{ name: string; newEmail: string }> {
    const rows = await this.db.query<Array<{ name: string; new_email: string }>>(
      `SELECT u.name, c.new_email FROM email_changes c JOIN users u ON u.id = c.user_id
       WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.cancelled_at IS NULL AND c.expires_at > now()
         AND u.status = 'active'`,
      [hashToken(token)],
    );
    if (!rows[0]) throw invalidLink();
    return { name: rows[0].name, newEmail: rows[0].new_email };
  }

  /**
   * Makes the change: the link is used up, and reset links mailed to the old address stop working.
   * Refused when the link is not valid or another account took the address meanwhile.
   */
  async confirm(token: string): Promise<{ userId: string; email: string }> {
    const done = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<Array<{ user_id: string; new_email: string }>>(
        `SELECT c.user_id, c.new_email FROM email_changes c JOIN users u ON u.id = c.user_id
         WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.cancelled_at IS NULL AND c.expires_at > now()
           AND u.status = 'active'
         FOR UPDATE OF c`,
        [hashToken(token)],
      );
      if (!row) throw invalidLink();
      await endPending(tx, row.user_id, 'used_at');
      if (!(await setEmail(tx, row.user_id, row.new_email))) throw invalidLink();
      await tx.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
        row.user_id,
      ]);
      return { userId: row.user_id, email: row.new_email };
    });
    return done;
  }

  private async mailNewAddress(tx: EntityManager, me: User, to: string, token: string, tokenHash: string) {
    await this.mail.add(tx, {
      dedupeKey: `email-change:${tokenHash}`,
      to,
      locale: me.locale,
      template: 'emailChangeConfirm',
      params: { name: me.name, link: `${this.config.baseUrl}/email-change/${token}`, hours: EMAIL_CHANGE_HOURS },
    });
  }

  private async mailOldAddress(tx: EntityManager, me: User, newEmail: string, tokenHash: string) {
    await this.mail.add(tx, {
      dedupeKey: `email-change-notice:${tokenHash}`,
      to: me.email,
      locale: me.locale,
      template: 'emailChangeNotice',
      params: { name: me.name, newEmail, link: `${this.config.baseUrl}/profile` },
    });
  }

  /** The owner of the address learns someone tried; at most one such e-mail an hour. */
  private async mailOwnerOfTaken(tx: EntityManager, address: string, locale: User['locale']) {
    const owner = await this.users.findActiveByEmail(address);
    const hour = Math.floor(Date.now() / 3_600_000);
    await this.mail.add(tx, {
      dedupeKey: `email-change-taken:${address.toLowerCase()}:${hour}`,
      to: address,
      locale: owner?.locale ?? locale,
      template: 'emailChangeTaken',
      params: { link: `${this.config.baseUrl}/login` },
    });
  }
}

async function endPending(tx: EntityManager, userId: string, column: 'used_at' | 'cancelled_at'): Promise<void> {
  await tx.query(
    `UPDATE email_changes SET ${column} = now() WHERE user_id = $1 AND used_at IS NULL AND cancelled_at IS NULL`,
    [userId],
  );
}

function invalidLink(): AuthError {
  return new AuthError(
    AuthErrorCode.EmailChangeLinkInvalid,
    'This confirmation link is not valid any more: it was used or cancelled, a newer one was sent, or it expired. Ask for the change again on your profile.',
  );
}
