import { Injectable } from '@nestjs/common';
import { verifyPassword } from '../users/index.js';
import { UsersService } from '../users/index.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import { ACCOUNT_RULE, LoginThrottleService } from './login-throttle.service.js';

/**
 * Checks e-mail and password. Each guess at an account is reserved before the password is checked,
 * so a burst of requests gets no more guesses than the account's back-off allows. (Guesses per
 * network address are throttled at the edge, by the api's rate limits.)
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async verifyCredentials(email: string, password: string): Promise<string> {
    const accountKey = `account:${email.trim().toLowerCase()}`;
    const reservation = await this.throttle.reserve(accountKey, ACCOUNT_RULE);
    if (!reservation.granted) {
      const minutes = Math.ceil(reservation.retryAfterSeconds / 60);
      throw new AuthError(
        AuthErrorCode.LockedOut,
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { count: minutes },
      );
    }
    const account = await this.users.findCredentials(email);
    if (!(await verifyPassword(account?.passwordHash, password)) || !account) {
      throw new AuthError(AuthErrorCode.InvalidCredentials, 'The e-mail address or password is not right.');
    }
    await this.throttle.reset(accountKey);
    return account.id;
  }
}
