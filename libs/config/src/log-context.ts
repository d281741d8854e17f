import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request says about it. */
export interface LogContext {
  requestId: string;
}

/** Set by the api around each request, read by JsonLogger: Nest's own log calls know no request. */
export const logContext = new AsyncLocalStorage<LogContext>();
