import type { Catalogue } from '../translate.js';

/** Lüğət səhifəsinin və modul səhifələrindəki terminlər siyahısının mətnləri. */
export const az: Catalogue = {
  'nav.glossary': 'Lüğət',
  'footer.glossary': 'Miqrasiya terminləri lüğəti',
  'glossary.title': 'Miqrasiya terminləri lüğəti',
  'glossary.intro':
    'Miqrasiya idarəçiliyinin {count} rəsmi termini ingilis, Azərbaycan və rus dillərində, tərifləri və mənbələri ilə.',
  'glossary.showIn': 'Lüğətin dili',
  'glossary.search': 'Termin axtarın',
  'glossary.searchHint':
    'Üç dildən istənilən birində; ə, ı, ş kimi hərfləri sadə yazmaq olar («icaze» yazsanız «icazə» tapılacaq).',
  'glossary.searchButton': 'Axtar',
  'glossary.showAll': 'Bütün terminləri göstər',
  'glossary.found': '«{query}» sorğusuna {count} termin uyğun gəlir.',
  'glossary.none': '«{query}» sorğusuna uyğun termin yoxdur. Daha qısa söz və ya başqa dil yoxlayın.',
  'glossary.index': 'Baş hərflər üzrə göstərici',
  'glossary.noTerms': 'termin yoxdur',
  'glossary.otherLanguages': 'Digər dillərdə',
  'glossary.source': 'Mənbə',
  'glossary.seeAlso': 'Həmçinin baxın',
  'glossary.modules': 'Bu termindən istifadə edən modullar',
  'glossary.top': 'Göstəriciyə qayıt',
  'glossary.inModule': 'Bu moduldakı terminlər',
  'glossary.inModuleHint': 'Hər termin lüğətdəki tam məqaləyə keçid verir.',
};
