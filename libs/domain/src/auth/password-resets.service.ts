import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource, type EntityManager } from 'typeorm';
import { requireCapability, SITE_SCOPE, type Grantee } from '../access/index.js';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { hashToken, randomToken } from '../shared/tokens.js';
import { assertAcceptablePassword, hashPassword, setPasswordHash, UsersService, type User } from '../users/index.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import { SessionsService } from './sessions.service.js';

/** How long a reset link works. */
export const RESET_LINK_HOURS = 2;
/** An admin's "set your password" link for a new account lasts longer: its owner may be away. */
const WELCOME_LINK_HOURS = 72;
/** However often someone asks, an account gets at most one link per this many minutes. */
const REQUEST_INTERVAL_MINUTES = 2;

type Addressee = Pick<User, 'id' | 'email' | 'name' | 'locale'>;

/**
 * Password reset by e-mail. The link carries a random token of which only the hash is stored; it
 * works once, until it expires, and a newer link replaces it. Setting the new password ends every
 * session and access token of the account. Asking for a link answers the same whether or not the
 * address has an account.
 */
@Injectable()
export class PasswordResetsService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Anyone may ask; only an active account's owner gets a link, and nothing says which happened. */
  async request(email: string): Promise<void> {
    const account = await this.users.findActiveByEmail(email);
    if (!account || (await this.askedRecently(account.id))) return;
    await this.send(account, null, 'passwordReset', RESET_LINK_HOURS);
  }

  /** An admin sends a reset link from the users page (the person forgot, or their account is new). */
  async sendByAdmin(actor: Grantee & { userId: string }, userId: string, welcome = false): Promise<void> {
    requireCapability(actor, 'user.manage', SITE_SCOPE, 'Only administrators manage accounts.');
    const user = await this.users.get(userId);
    if (user.status !== 'active') {
      throw new AuthError(AuthErrorCode.AccountInactive, 'Reactivate the account before sending it a reset link.');
    }
    const hours = welcome ? WELCOME_LINK_HOURS : RESET_LINK_HOURS;
    await this.send(user, actor.userId, welcome ? 'accountCreated' : 'passwordReset', hours);
  }

  /** The address a valid link is for, to show on the form; a used or expired link is refused. */
  async check(token: string): Promise<{ email: string }> {
    const rows = await this.db.query<Array<{ email: string }>>(
      `SELECT u.email FROM password_resets r JOIN users u ON u.id = r.user_id
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.status = 'active'`,
      [hashToken(token)],
    );
    if (!rows[0]) throw invalidLink();
    return rows[0];
  }

  /** Sets the new password, uses the link up, and ends every session and token; returns the user's id. */
  async complete(token: string, password: string): Promise<string> {
    assertAcceptablePassword(password);
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (tx) => {
      const id = await this.claim(tx, token);
      await setPasswordHash(tx, id, passwordHash);
      return id;
    });
    await this.sessions.revokeAllForUser(userId);
    await this.tokens.revokeAllForUser(userId);
    return userId;
  }

  private async claim(tx: EntityManager, token: string): Promise<string> {
    const [row] = await tx.query<Array<{ user_id: string }>>(
      `SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.status = 'active'
       FOR UPDATE OF r`,
      [hashToken(token)],
    );
    if (!row) throw invalidLink();
    // Every link of the account ends with this one: an older e-mail must not reset it again.
    await tx.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [row.user_id]);
    return row.user_id;
  }

  private async askedRecently(userId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM password_resets WHERE user_id = $1 AND created_at > now() - make_interval(mins => $2)`,
      [userId, REQUEST_INTERVAL_MINUTES],
    );
    return rows.length > 0;
  }

  private async send(account: Addressee, requestedBy: string | null, template: string, hours: number): Promise<void> {
    const token = randomToken();
    const tokenHash = hashToken(token);
    await this.events.transaction(async (tx) => {
      await tx.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [account.id]);
      await tx.query(
        `INSERT INTO password_resets (token_hash, user_id, requested_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
        [tokenHash, account.id, requestedBy, hours],
      );
      await this.mail.add(tx, {
        dedupeKey: `password-reset:${tokenHash}`,
        to: account.email,
        locale: account.locale,
        template,
        params: { name: account.name, link: `${this.config.baseUrl}/reset/${token}`, hours },
      });
    });
  }
}

function invalidLink(): AuthError {
  return new AuthError(
    AuthErrorCode.ResetLinkInvalid,
    'This reset link is not valid any more: it was used, a newer one was sent, or it expired. Ask for a new one.',
  );
}
