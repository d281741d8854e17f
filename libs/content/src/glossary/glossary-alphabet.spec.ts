import {
  alphabetIndex,
  compareIn,
  createGlossary,
  foldForSearch,
  indexLetter,
  searchTerms,
  sortTerms,
  type GlossaryTerm,
} from '@karvan/content';

function term(id: string, en: string, az: string, ru: string): GlossaryTerm {
  const definition = { en: '.', az: '.', ru: '.' };
  return { id, term: { en, az, ru }, definition, source: 's', see: [], path: 'g', line: 1, seeLine: 1 };
}

describe('dictionary order', () => {
  it('follows the Azerbaijani alphabet: ç after c, ə after e, x after h, ı before i, q after k', () => {
    const words = [
      'qaçqın',
      'icazə',
      'xarici',
      'ıslahat',
      'ərazi',
      'çıxış',
      'həbs',
      'kvota',
      'emiqrasiya',
      'ciddi',
      'zəmanət',
    ];
    expect([...words].sort((a, b) => compareIn(a, b, 'az'))).toEqual([
      'ciddi',
      'çıxış',
      'emiqrasiya',
      'ərazi',
      'həbs',
      'xarici',
      'ıslahat',
      'icazə',
      'kvota',
      'qaçqın',
      'zəmanət',
    ]);
  });

  it('follows the Russian alphabet, with ё after е', () => {
    expect(['ёлка', 'жильё', 'виза', 'агент', 'ездка', 'яхта'].sort((a, b) => compareIn(a, b, 'ru'))).toEqual([
      'агент',
      'виза',
      'ездка',
      'ёлка',
      'жильё',
      'яхта',
    ]);
  });

  it('puts a shorter phrase before a longer word in English', () => {
    expect(['workers', 'work permit', 'Visa'].sort((a, b) => compareIn(a, b, 'en'))).toEqual([
      'Visa',
      'work permit',
      'workers',
    ]);
  });

  it('sorts terms by their name in the language asked for', () => {
    const terms = [term('a', 'visa', 'viza', 'виза'), term('b', 'asylum', 'sığınacaq', 'убежище')];
    expect(sortTerms(terms, 'en').map((t) => t.id)).toEqual(['b', 'a']);
    expect(sortTerms(terms, 'az').map((t) => t.id)).toEqual(['b', 'a']);
    expect(sortTerms(terms, 'ru').map((t) => t.id)).toEqual(['a', 'b']);
  });
});

describe('the A–Z index', () => {
  it('files Azerbaijani i under İ and ı under I', () => {
    expect(indexLetter('icazə', 'az')).toBe('İ');
    expect(indexLetter('ıslahat', 'az')).toBe('I');
    expect(indexLetter('İnteqrasiya', 'az')).toBe('İ');
    expect(indexLetter('integration', 'en')).toBe('I');
    expect(indexLetter('ёмкость', 'ru')).toBe('Ё');
  });

  it('files and sorts a term past its opening quotes: «bir pəncərə» under B, among the B terms', () => {
    expect(indexLetter('«bir pəncərə» prinsipi', 'az')).toBe('B');
    expect(indexLetter('"one-stop shop"', 'en')).toBe('O');
    expect(['viza', '«bir pəncərə» prinsipi', 'azad'].sort((a, b) => compareIn(a, b, 'az'))).toEqual([
      'azad',
      '«bir pəncərə» prinsipi',
      'viza',
    ]);
  });

  it('shows every letter of the alphabet in order and marks those with terms', () => {
    const terms = [term('a', 'visa', 'icazə', 'виза'), term('b', 'asylum', 'xarici', 'убежище')];
    const az = alphabetIndex(terms, 'az');
    expect(az.map((l) => l.letter).join('')).toBe('ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ');
    expect(az.filter((l) => l.used).map((l) => l.letter)).toEqual(['X', 'İ']);
    expect(alphabetIndex(terms, 'ru').length).toBe(33);
    expect(
      alphabetIndex(terms, 'en')
        .filter((l) => l.used)
        .map((l) => l.letter),
    ).toEqual(['A', 'V']);
  });

  it('adds letters from outside the alphabet after it', () => {
    const index = alphabetIndex([term('a', '3E approach', 'a', 'а')], 'en');
    expect(index.at(-1)).toEqual({ letter: '3', used: true });
  });
});

describe('searching', () => {
  const glossary = createGlossary([
    term(
      'temporary-residence-permit',
      'temporary residence permit',
      'müvəqqəti yaşama icazəsi',
      'разрешение на временное проживание',
    ),
    term('stateless-person', 'stateless person', 'vətəndaşlığı olmayan şəxs', 'лицо без гражданства'),
    term('one-window', 'one window', 'bir pəncərə', 'единое окно'),
    term('e-visa', 'e-visa', 'elektron viza', 'электронная виза'),
  ]);

  it('folds case, accents, ə, ı and İ, and ё', () => {
    expect(foldForSearch('  İCAZƏ  Şəxs ')).toBe('icaze sexs');
    expect(foldForSearch('Qaçqın')).toBe('qacqin');
    expect(foldForSearch('Ёлка')).toBe('елка');
  });

  it('finds a term by its name in any language without diacritics', () => {
    const ids = (q: string) => searchTerms(glossary.terms, q).map((t) => t.id);
    expect(ids('icaze')).toEqual(['temporary-residence-permit']);
    expect(ids('VƏTƏNDAŞLIĞI')).toEqual(['stateless-person']);
    expect(ids('vetendasligi')).toEqual(['stateless-person']);
    expect(ids('окно')).toEqual(['one-window']);
    expect(ids('Виза')).toEqual(['e-visa']);
    expect(ids('e visa')).toEqual(['e-visa']);
    expect(ids('')).toHaveLength(4);
    expect(ids('nothing like this')).toEqual([]);
  });
});
