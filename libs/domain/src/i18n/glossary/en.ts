import type { Catalogue } from '../translate.js';

/** Messages of the glossary page and of the terms list on module pages. */
export const en: Catalogue = {
  'nav.glossary': 'Glossary',
  'footer.glossary': 'Glossary of migration terms',
  'glossary.title': 'Glossary of migration terms',
  'glossary.intro': {
    one: '{count} official term of migration management in English, Azerbaijani and Russian, with its definition and source.',
    other:
      '{count} official terms of migration management in English, Azerbaijani and Russian, with their definitions and sources.',
  },
  'glossary.showIn': 'Show the glossary in',
  'glossary.search': 'Find a term',
  'glossary.searchHint':
    'In any of the three languages; letters such as ə, ı or ş may be typed plainly ("icaze" finds "icazə").',
  'glossary.searchButton': 'Search',
  'glossary.showAll': 'Show all terms',
  'glossary.found': {
    one: '{count} term matches "{query}".',
    other: '{count} terms match "{query}".',
  },
  'glossary.none': 'No term matches "{query}". Try a shorter word or another language.',
  'glossary.index': 'Index by first letter',
  'glossary.noTerms': 'no terms',
  'glossary.otherLanguages': 'In other languages',
  'glossary.source': 'Source',
  'glossary.seeAlso': 'See also',
  'glossary.modules': 'Modules that use this term',
  'glossary.top': 'Back to the index',
  'glossary.inModule': 'Terms in this module',
  'glossary.inModuleHint': 'Each term links to its full entry in the glossary.',
};
