import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { translate } from '../i18n/translate.js';
import { renderCertificatePdf, type CertificateDocument } from './certificate-pdf.js';

// A worker renders certificates in whatever languages its queue brings. Each one must be the same
// file, with the same text layer, as if it were the first certificate the process ever rendered.

const BASE = {
  completedAt: new Date('2026-07-30T10:00:00Z'),
  issuedAt: new Date('2026-08-01T08:30:00Z'),
  issuer: 'Karvan migration management training programme',
  code: 'abcdefghjkmnpqrstvwxyz0123456789',
  verifyUrl: 'https://karvan.example/verify/abcdefghjkmnpqrstvwxyz0123456789',
};

const course = (locale: CertificateDocument['locale'], holder: string, title: string, serial: number) =>
  ({ ...BASE, locale, kind: 'course', holder, title, detail: null, serial }) satisfies CertificateDocument;
const cohort = (locale: CertificateDocument['locale'], holder: string, title: string, serial: number) =>
  ({ ...BASE, locale, kind: 'cohort', holder, title, detail: 'Attendance 92 %', serial }) satisfies CertificateDocument;

const INPUTS: CertificateDocument[] = [
  course('en', 'Ivan Gregory', 'Migration management fundamentals', 1),
  cohort('en', 'Olivia Parker-Quincy', 'Summer school on border management, Baku 2026', 2),
  course('az', 'Ağa İsmayıl', 'Miqrasiya idarəçiliyinin əsasları', 3),
  cohort('az', 'Şükürova Gülnarə', 'Sərhəd idarəçiliyi üzrə yay məktəbi, Bakı 2026', 4),
  course('ru', 'Иван Григорьев', 'Основы управления миграцией', 5),
  cohort('ru', 'Ёлкина Анна Сергеевна', 'Летняя школа по управлению границами, Баку 2026', 6),
];

function expectedLines(cert: CertificateDocument): string[] {
  const t = (key: string) => translate(cert.locale, `cert.pdf.${key}`);
  const completed = t(cert.kind === 'course' ? 'completedCourse' : 'completedCohort');
  return [t('heading'), t('certifies'), cert.holder, completed, cert.title];
}

/** Inputs in a seeded random order, so that a failing run can be replayed with CERT_PDF_SEED. */
function randomSequence(count: number, seed: number): CertificateDocument[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => INPUTS[Math.floor(next() * INPUTS.length)]);
}

/** The bytes a process that has rendered nothing yet produces: a fresh copy of the module. */
async function renderFirstInFreshModule(cert: CertificateDocument): Promise<Buffer> {
  let fresh: typeof renderCertificatePdf | undefined;
  await jest.isolateModulesAsync(async () => {
    fresh = (await import('./certificate-pdf.js')).renderCertificatePdf;
  });
  return fresh!(cert);
}

describe('certificate PDF rendered after others in the same process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'karvan-pdf-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seed = Number(process.env.CERT_PDF_SEED ?? Date.now() % 2 ** 31);

  function extractText(pdf: Buffer, name: string): string {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-']).toString();
  }

  it('keeps every title, name and course in the text layer, in any order of languages', async () => {
    const misses: string[] = [];
    for (const [index, cert] of randomSequence(50, seed).entries()) {
      const text = extractText(await renderCertificatePdf(cert), `text-${index}`);
      for (const line of expectedLines(cert)) {
        if (!text.includes(line)) misses.push(`#${index} (${cert.locale}) lacks “${line}”`);
      }
    }
    expect({ seed, misses }).toEqual({ seed, misses: [] });
  });

  it('gives the bytes of a fresh process’s first render, whatever was rendered before', async () => {
    const first = new Map<CertificateDocument, Buffer>();
    for (const cert of INPUTS) first.set(cert, await renderFirstInFreshModule(cert));
    const differing: string[] = [];
    const check = async (cert: CertificateDocument, when: string) => {
      if (!(await renderCertificatePdf(cert)).equals(first.get(cert)!)) differing.push(`${cert.holder} ${when}`);
    };
    for (const cert of INPUTS.filter((input) => input.kind === 'course')) {
      await check(cert, 'before twenty others');
      for (const other of randomSequence(20, seed + cert.serial)) await renderCertificatePdf(other);
      await check(cert, 'after twenty others');
    }
    for (const [index, cert] of randomSequence(30, seed + 7).entries()) await check(cert, `at #${index} of a mix`);
    expect({ seed, differing }).toEqual({ seed, differing: [] });
  });
});
