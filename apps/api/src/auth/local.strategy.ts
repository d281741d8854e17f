import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService } from '@karvan/domain';

/** Passport's local strategy: e-mail and password from the form, checked with throttling. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<{ userId: string }> {
    return { userId: await this.auth.verifyCredentials(email, password) };
  }
}
