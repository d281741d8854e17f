import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf, type CertificateDocument } from './certificate-pdf.js';

const CERT: CertificateDocument = {
  locale: 'az',
  kind: 'course',
  holder: 'Gülnarə İsmayılova-Şükürova',
  title: 'Miqrasiya idarəçiliyinin əsasları',
  completedAt: new Date('2026-11-20T10:00:00Z'),
  issuedAt: new Date('2026-11-21T08:30:00Z'),
  detail: '9 modul · təxminən 6 saat',
  issuer: 'Karvan migration management training programme',
  serial: 1042,
  code: 'abcdefghjkmnpqrstvwxyz0123456789',
  verifyUrl: 'https://karvan.example/verify/abcdefghjkmnpqrstvwxyz0123456789',
};

describe('certificate PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'karvan-pdf-'));
  afterAll(() => (process.env.KEEP_PDF ? undefined : rmSync(dir, { recursive: true, force: true })));

  it('is one A4 landscape page with the holder’s Azerbaijani letters as text', async () => {
    const pdf = await renderCertificatePdf(CERT);
    const file = join(dir, 'az.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Gülnarə İsmayılova-Şükürova');
    expect(text).toContain('Miqrasiya idarəçiliyinin əsasları');
    expect(text).toContain('abcd-efgh-jkmn-pqrs-tvwx-yz01-2345-6789');
  });

  it('prints Cyrillic names and Russian texts', async () => {
    const file = join(dir, 'ru.pdf');
    writeFileSync(file, await renderCertificatePdf({ ...CERT, locale: 'ru', holder: 'Анна Сергеевна Ёлкина' }));
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('Анна Сергеевна Ёлкина');
    expect(text).toContain('Сертификат');
  });

  it('carries a QR code that decodes back to the verification address', async () => {
    const file = join(dir, 'qr.pdf');
    writeFileSync(file, await renderCertificatePdf(CERT));
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'qr')]);
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'qr.png')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    expect(decoded).toBe(CERT.verifyUrl);
  });

  it('gives the same bytes for the same certificate, so a retried job rewrites an identical file', async () => {
    const [first, second] = await Promise.all([renderCertificatePdf(CERT), renderCertificatePdf(CERT)]);
    expect(first.equals(second)).toBe(true);
    const other = await renderCertificatePdf({ ...CERT, holder: 'Someone Else' });
    expect(other.equals(first)).toBe(false);
  });
});
