import { Injectable } from '@nestjs/common';
import {
  ApiTokensService,
  EmailChangesService,
  SessionsService,
  UsersService,
  type Principal,
  type User,
} from '@karvan/domain';
import type { EmailChangeDto, PasswordChangeDto, ProfileDto } from './dto/profile.dto.js';

/** The signed-in user's own account: details, password, access tokens. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly emailChanges: EmailChangesService,
  ) {}

  async overview(principal: Principal) {
    const [user, tokens, pendingEmail] = await Promise.all([
      this.users.get(principal.userId),
      this.tokens.list(principal.userId),
      this.emailChanges.pending(principal),
    ]);
    return { profile: describeUser(user), tokens, pendingEmail };
  }

  /** Nothing changes until the link mailed to the new address is opened. */
  async requestEmailChange(principal: Principal, change: EmailChangeDto): Promise<void> {
    await this.emailChanges.request(principal, change.newEmail, change.currentPassword);
  }

  async cancelEmailChange(principal: Principal): Promise<void> {
    await this.emailChanges.cancel(principal);
  }

  async update(principal: Principal, changes: ProfileDto) {
    const user = await this.users.updateProfile(principal.userId, changes);
    return describeUser(user);
  }

  /** A new password signs out every other session and ends every access token: whoever knew the old one is out. */
  async changePassword(principal: Principal, change: PasswordChangeDto, currentSessionToken?: string): Promise<void> {
    await this.users.changePassword(principal.userId, change.currentPassword, change.newPassword);
    await this.sessions.revokeAllForUser(principal.userId, currentSessionToken);
    await this.tokens.revokeAllForUser(principal.userId);
  }
}

export function describeUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organisation: user.organisation,
    position: user.position,
    locale: user.locale,
    timeZone: user.timeZone ?? '',
    roles: user.roles,
  };
}
