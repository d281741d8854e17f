import { Accounts1764300000000 } from './1764300000000-accounts.js';

/** Every migration, oldest first. A new migration is added here and nowhere else. */
export const MIGRATIONS = [Accounts1764300000000];
