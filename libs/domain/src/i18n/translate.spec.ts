import { PROBLEM_MESSAGES } from '@karvan/content';
import {
  catalogueKeys,
  CHECKER_CODES,
  LOCALES,
  localeFromAcceptLanguage,
  localiseProblem,
  translate,
} from '@karvan/domain';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(catalogueKeys(locale).sort()).toEqual(catalogueKeys('en').sort());
  });

  it('uses Russian plural forms', () => {
    expect(translate('ru', 'users.count', { count: 1 })).toBe('1 пользователь');
    expect(translate('ru', 'users.count', { count: 3 })).toBe('3 пользователя');
    expect(translate('ru', 'users.count', { count: 5 })).toBe('5 пользователей');
    expect(translate('ru', 'users.count', { count: 21 })).toBe('21 пользователь');
    expect(translate('ru', 'error.locked_out', { count: 15 })).toContain('через 15 минут.');
  });

  it('uses English and Azerbaijani plural forms', () => {
    expect(translate('en', 'users.count', { count: 1 })).toBe('1 user');
    expect(translate('en', 'users.count', { count: 2 })).toBe('2 users');
    expect(translate('az', 'users.count', { count: 2 })).toBe('2 istifadəçi');
  });

  it('keeps Azerbaijani letters intact', () => {
    expect(translate('az', 'register.locale')).toBe('Üstünlük verilən dil');
    expect(translate('az', 'nav.users')).toBe('İstifadəçilər');
  });

  it('falls back to the key for an unknown message', () => {
    expect(translate('az', 'no.such.key')).toBe('no.such.key');
  });

  it('reads Accept-Language by quality', () => {
    expect(localeFromAcceptLanguage('fr-FR, ru;q=0.8, en;q=0.5')).toBe('ru');
    expect(localeFromAcceptLanguage('de')).toBeUndefined();
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
  });

  describe('checker messages', () => {
    it.each(LOCALES)('%s has a message for every checker code, naming the same parameters', (locale) => {
      const keys = new Set(catalogueKeys(locale));
      for (const code of CHECKER_CODES) {
        expect(keys.has(`checker.${code}`) ? code : `missing checker.${code}`).toBe(code);
        const english = PROBLEM_MESSAGES[code as keyof typeof PROBLEM_MESSAGES];
        const message = translate(locale, `checker.${code}`);
        expect([code, ...placeholders(message)]).toEqual([code, ...placeholders(english)]);
      }
    });

    it('translates a problem by its code and parameters, keeping both', () => {
      const problem = { code: 'link.module' as const, params: { file: '03-gone.md' }, message: 'English' };
      expect(localiseProblem('en', problem)).toEqual({ ...problem, message: 'broken link: no module "03-gone.md"' });
      expect(localiseProblem('az', problem).message).toBe('Qırıq keçid: "03-gone.md" modulu yoxdur');
      expect(localiseProblem('ru', problem)).toMatchObject({
        code: 'link.module',
        message: 'Битая ссылка: нет модуля «03-gone.md»',
      });
    });
  });
});
