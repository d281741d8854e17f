import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AuthError, AuthErrorCode, UsersError, UsersErrorCode } from '@karvan/domain';
import { describeError } from './error.filter.js';

describe('error shape', () => {
  it('maps domain errors by kind, keeping the code and message', () => {
    expect(describeError(new AuthError(AuthErrorCode.Forbidden, 'No.'), 'r1')).toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'No.',
      requestId: 'r1',
    });
    expect(describeError(new UsersError(UsersErrorCode.EmailTaken, 'Taken.'), 'r1').status).toBe(409);
  });

  it('lists validation problems of a 400', () => {
    const described = describeError(new BadRequestException(['name should not be empty']), 'r2');
    expect(described).toMatchObject({ status: 400, code: 'validation_failed', details: ['name should not be empty'] });
  });

  it('keeps 4xx from the framework', () => {
    expect(describeError(new NotFoundException('Cannot GET /x'), 'r3')).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('hides the cause of a 5xx behind an error id', () => {
    const described = describeError(new Error('connection refused at db.internal:5432'), 'r4');
    expect(described.status).toBe(500);
    expect(described.code).toBe('internal');
    expect(described.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(described.message).not.toContain('db.internal');
  });
});
