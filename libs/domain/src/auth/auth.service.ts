import { Injectable } from '@nestjs/common';
import { verifyPassword } from '../users/passwords.js';
import { UsersService } from '../users/users.service.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import { ACCOUNT_RULE, ADDRESS_RULE, LoginThrottleService } from './login-throttle.service.js';

/** Checks e-mail and password, with failed attempts counted per account and per address. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async verifyCredentials(email: string, password: string, ip: string): Promise<string> {
    const accountKey = `account:${email.trim().toLowerCase()}`;
    const addressKey = `address:${ip}`;
    const minutes = await this.throttle.lockedMinutes([accountKey, addressKey]);
    if (minutes > 0) {
      throw new AuthError(
        AuthErrorCode.LockedOut,
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { count: minutes },
      );
    }
    const account = await this.users.findCredentials(email);
    if (!(await verifyPassword(account?.passwordHash, password)) || !account) {
      await this.throttle.recordFailure(accountKey, ACCOUNT_RULE);
      await this.throttle.recordFailure(addressKey, ADDRESS_RULE);
      throw new AuthError(AuthErrorCode.InvalidCredentials, 'The e-mail address or password is not right.');
    }
    await this.throttle.reset(accountKey);
    return account.id;
  }
}
