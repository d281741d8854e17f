import { PROBLEM_MESSAGES } from '@karvan/content';
import type { Catalogue } from '../translate.js';

/**
 * The content checker's problems, by code (`checker.<code>`). The English text is the checker's
 * own, so the command line and the pages say the same thing; az and ru translate it.
 */
export const en: Catalogue = {
  ...Object.fromEntries(Object.entries(PROBLEM_MESSAGES).map(([code, message]) => [`checker.${code}`, message])),
  'home.checkerWarnings': 'Checker warnings in your modules',
};
