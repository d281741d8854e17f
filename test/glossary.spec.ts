import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { GLOSSARY_LANGUAGES, loadCourse, readGlossary, type Glossary } from '@karvan/content';
import { readdir } from 'node:fs/promises';

const CONTENT = join(projectRoot(), 'content');

/** The ids the curriculum modules may link (the list curriculum authors were given). */
const CURRICULUM_IDS = `migrant international-migrant long-term-migrant migrant-stock migration-flow net-migration
emigration immigration irregular-migration labour-migration migrant-worker work-permit labour-migration-quota
temporary-residence-permit permanent-residence-permit temporary-stay migration-registration visa e-visa
visa-facilitation-agreement readmission readmission-agreement return voluntary-return expulsion reintegration
mobility-partnership integrated-border-management four-tier-access-control-model border-check border-surveillance
border-crossing-point first-line-check second-line-check risk-analysis travel-document machine-readable-zone
document-fraud forged-document counterfeit-document impostor refugee asylum-seeker asylum
refugee-status-determination non-refoulement stateless-person statelessness internally-displaced-person
forcibly-displaced-person trafficking-in-human-beings victim-of-trafficking migrant-smuggling
national-referral-mechanism vulnerable-person unaccompanied-minor best-interests-of-the-child detention
alternatives-to-detention integration citizenship diaspora remittances census administrative-data household-survey
one-window migration-code state-migration-service state-border-service global-compact-for-migration
palermo-protocol informed-consent personal-data`.split(/\s+/);

describe('the shipped glossary', () => {
  let glossary: Glossary;

  beforeAll(async () => {
    const report = await readGlossary(CONTENT);
    expect(report.problems).toEqual([]);
    glossary = report.glossary;
  });

  it('has at least 150 terms, among them every term the curriculum links', () => {
    expect(glossary.terms.length).toBeGreaterThanOrEqual(150);
    expect(CURRICULUM_IDS.filter((id) => !glossary.byId.has(id))).toEqual([]);
  });

  it('gives every term a name and a definition in en, az and ru, and a source', () => {
    for (const term of glossary.terms) {
      for (const language of GLOSSARY_LANGUAGES) {
        expect([term.id, language, term.term[language].length > 0]).toEqual([term.id, language, true]);
        expect([term.id, language, term.definition[language].length >= 40]).toEqual([term.id, language, true]);
      }
      expect([term.id, term.source.length > 0]).toEqual([term.id, true]);
      // A reader's source: a publication or an address, never the project's own working notes.
      expect([term.id, /\.md\b|CURRICULUM-FACTS/.test(term.source)]).toEqual([term.id, false]);
    }
  });

  it('resolves every glossary link of every course in every language file', async () => {
    const slugs = (await readdir(join(CONTENT, 'courses'), { withFileTypes: true })).filter((e) => e.isDirectory());
    for (const { name } of slugs) {
      const { course, problems } = await loadCourse(join(CONTENT, 'courses', name), undefined, glossary);
      expect(problems.filter((p) => /glossary/.test(p.message))).toEqual([]);
      for (const module of course?.modules ?? []) {
        const language = course!.meta.language;
        for (const text of [{ ...module, language }, ...module.translations]) {
          for (const [, lang, id] of [...text.html.matchAll(/href="\/glossary\?lang=([a-z]+)#term-([^"]+)"/g)]) {
            expect([text.path, id, glossary.byId.has(id), lang]).toEqual([text.path, id, true, text.language]);
          }
        }
      }
    }
  });
});
