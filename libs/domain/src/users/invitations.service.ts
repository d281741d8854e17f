import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashToken } from '../shared/tokens.js';
import { assertAcceptablePassword, hashPassword } from './passwords.js';
import { UsersError, UsersErrorCode } from './users.errors.js';

export interface PendingInvitation {
  email: string;
  name: string;
}

/** Accounts made by someone else (bulk enrolment) start invited; the owner sets name and password. */
@Injectable()
export class InvitationsService {
  constructor(private readonly db: DataSource) {}

  async find(token: string): Promise<PendingInvitation> {
    const rows = await this.db.query<PendingInvitation[]>(
      `SELECT u.email, u.name FROM invitations i JOIN users u ON u.id = i.user_id
       WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.status = 'invited'`,
      [hashToken(token)],
    );
    if (!rows[0]) throw invalidInvitation();
    return rows[0];
  }

  /** Activates the account once; the link then stops working. Returns the user's id. */
  async accept(token: string, name: string, password: string): Promise<string> {
    assertAcceptablePassword(password);
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const [invitation] = await tx.query<Array<{ user_id: string }>>(
        `SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.status = 'invited'
         FOR UPDATE OF i`,
        [hashToken(token)],
      );
      if (!invitation) throw invalidInvitation();
      await tx.query('UPDATE invitations SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
        invitation.user_id,
      ]);
      await tx.query(
        `UPDATE users SET name = $2, password_hash = $3, status = 'active', updated_at = now() WHERE id = $1`,
        [invitation.user_id, name.trim(), passwordHash],
      );
      return invitation.user_id;
    });
  }
}

function invalidInvitation(): UsersError {
  return new UsersError(
    UsersErrorCode.InvitationInvalid,
    'This invitation link is not valid any more: it was used, or it expired. Ask the person who invited you for a new one.',
  );
}
