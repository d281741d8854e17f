import { assertAcceptablePassword, UsersErrorCode } from '@karvan/domain';

function problemWith(password: string): string | undefined {
  try {
    assertAcceptablePassword(password);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('the password rule', () => {
  it('refuses fewer than 12 characters, counting letters rather than UTF-16 units', () => {
    expect(problemWith('aaaaaaaaab')).toBe(UsersErrorCode.WeakPassword);
    expect(problemWith('şəhər-kənd1')).toBe(UsersErrorCode.WeakPassword);
    expect(problemWith('😀😀😀😀😀😀x')).toBe(UsersErrorCode.WeakPassword);
  });

  it('refuses a common password whatever its case', () => {
    expect(problemWith('qwerty123456')).toBe(UsersErrorCode.CommonPassword);
    expect(problemWith('QwErTy123456')).toBe(UsersErrorCode.CommonPassword);
  });

  it('refuses one character repeated, however long', () => {
    expect(problemWith('a'.repeat(40))).toBe(UsersErrorCode.RepeatedPassword);
    expect(problemWith('ə'.repeat(12))).toBe(UsersErrorCode.RepeatedPassword);
  });

  it('accepts a long passphrase', () => {
    expect(problemWith('correct horse battery')).toBeUndefined();
  });
});
