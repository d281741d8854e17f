import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AuthError, AuthErrorCode } from '@karvan/domain';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  // Passport reports a missing field as a failure with no error: make it the same wrong-credentials answer.
  handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof Error) throw error;
    if (!user) throw new AuthError(AuthErrorCode.InvalidCredentials, 'The e-mail address or password is not right.');
    return user;
  }
}
