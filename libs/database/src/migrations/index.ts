import { Accounts1764300000000 } from './1764300000000-accounts.js';
import { Courses1764400000000 } from './1764400000000-courses.js';
import { Learning1764500000000 } from './1764500000000-learning.js';

/** Every migration, oldest first. A new migration is added here and nowhere else. */
export const MIGRATIONS = [Accounts1764300000000, Courses1764400000000, Learning1764500000000];
