import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { UsersError, UsersErrorCode } from './users.errors.js';

export const PASSWORD_MIN_LENGTH = 12;

let commonPasswords: Set<string> | undefined;

/** The ~49,000 most common passwords, lower-case; built on first use, once per process. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => String(entry).toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * The one password rule of every way to set a password (registration, invitation, profile, CLI):
 * long enough, not a well-known password, not one character repeated.
 */
export function assertAcceptablePassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new UsersError(
      UsersErrorCode.WeakPassword,
      `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
      { password: `at least ${PASSWORD_MIN_LENGTH} characters` },
      { min: PASSWORD_MIN_LENGTH },
    );
  }
  if (/^(.)\1*$/su.test(password)) {
    throw new UsersError(
      UsersErrorCode.RepeatedPassword,
      'A password of one character repeated is easy to guess: choose another.',
      { password: 'one character repeated' },
    );
  }
  if (isCommonPassword(password)) {
    throw new UsersError(
      UsersErrorCode.CommonPassword,
      'This password is on a list of common passwords that attackers try first: choose another.',
      { password: 'a common password' },
    );
  }
}

// OWASP's recommended argon2id setting (19 MiB, 2 passes, 1 lane): strong, and ~6x cheaper than
// the library default, which matters when a whole office signs in at 9 o'clock.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// Verifying against a real hash for unknown e-mails keeps the answer time the same for both cases.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2y9zkd8OzKJN8V0rA7gqkfK5j9QnVX6d3sQf2yXbU0M';

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}
