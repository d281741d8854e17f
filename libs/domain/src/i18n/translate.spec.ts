import { catalogueKeys, LOCALES, localeFromAcceptLanguage, translate } from '@karvan/domain';

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
});
