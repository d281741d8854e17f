import { buildGlossary, formatProblem, parseGlossaryFile } from '@karvan/content';

const TERM = (id: string, extra = '') => `- id: ${id}
  term:
    en: ${id} en
    az: ${id} az
    ru: ${id} ru
  definition:
    en: The ${id} in English.
    az: The ${id} in Azerbaijani.
    ru: The ${id} in Russian.
  source: IOM Glossary on Migration (2019)
${extra}`;

function messages(text: string, path = 'g.yaml'): string[] {
  return parseGlossaryFile(path, text).problems.map(formatProblem);
}

describe('reading a glossary file', () => {
  it('reads every term with its languages, source and see-also ids', () => {
    const { terms, problems } = parseGlossaryFile('g.yaml', TERM('visa', '  see: [e-visa]\n') + TERM('e-visa'));
    expect(problems).toEqual([]);
    expect(terms.map((t) => t.id)).toEqual(['visa', 'e-visa']);
    expect(terms[0]).toMatchObject({
      term: { en: 'visa en', az: 'visa az', ru: 'visa ru' },
      definition: { ru: 'The visa in Russian.' },
      source: 'IOM Glossary on Migration (2019)',
      see: ['e-visa'],
      line: 1,
    });
    expect(terms[1].line).toBe(12);
  });

  it('reports a missing language and an empty definition on the line of its key', () => {
    const text = TERM('visa').replace('    az: visa az\n', '').replace('ru: The visa in Russian.', 'ru: ""');
    expect(messages(text)).toEqual([
      'g.yaml:2:3 error term "visa" has no az term: every term is written in en, az and ru',
      'g.yaml:5:3 error term "visa" has no ru definition: every term is written in en, az and ru',
    ]);
  });

  it('reports a missing id, a bad id, a missing source, an unknown key and a foreign language', () => {
    expect(messages('- term: { en: a, az: a, ru: a }\n')).toEqual([
      'g.yaml:1:3 error a glossary entry needs an id: kebab-case English, such as temporary-residence-permit',
    ]);
    expect(messages(TERM('Work_Permit'))[0]).toBe(
      'g.yaml:1:7 error term id "Work_Permit" must be lowercase a-z, 0-9 and single hyphens',
    );
    expect(messages(TERM('visa').replace(/ {2}source:.*\n/, ''))).toEqual([
      'g.yaml:1:3 error term "visa" has no source: name the document or give its URL',
    ]);
    expect(messages(TERM('visa', '  notes: x\n'))).toEqual([
      'g.yaml:11:3 error unknown key "notes" in a glossary entry: use id, term, definition, source, see',
    ]);
    expect(messages(TERM('visa').replace('    ru: visa ru\n', '    ru: visa ru\n    de: Visum\n'))).toEqual([
      'g.yaml:6:5 error "de" under term of "visa" is not a glossary language: use en, az and ru',
    ]);
  });

  it('reports a file that is not a list, and YAML that does not parse', () => {
    expect(messages('id: visa\n')).toEqual([
      'g.yaml:1:1 error a glossary file must be a list of terms, each starting "- id:"',
    ]);
    expect(messages('- id: [visa\n')[0]).toMatch(/^g\.yaml:\d+:\d+ error glossary: /);
  });
});

describe('checking the glossary as a whole', () => {
  it('reports a duplicate id with the place of the first, and unknown see-also ids', () => {
    const { glossary, problems } = buildGlossary([
      { path: 'a.yaml', text: TERM('visa', '  see: [e-visa, passport, visa]\n') },
      { path: 'b.yaml', text: TERM('e-visa') + TERM('visa') },
    ]);
    expect(glossary.terms.map((t) => t.id)).toEqual(['visa', 'e-visa']);
    expect(glossary.byId.get('visa')?.path).toBe('a.yaml');
    expect(problems.map(formatProblem)).toEqual([
      'b.yaml:11:1 error duplicate term id "visa": also a.yaml:1',
      'a.yaml:11:1 error see of "visa": no term "passport" in the glossary',
      'a.yaml:11:1 error term "visa" lists itself under see',
    ]);
  });
});
