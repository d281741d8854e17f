/** How a domain error should be understood by any edge (HTTP, CLI, jobs); the api maps it to a status. */
export type ErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

/** Base of every feature's error: a stable code, a message a person can act on, optional field details. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, string> | readonly object[],
    /** Values for the translated message, e.g. { count: 5 }. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
