import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../i18n/translate.js';
import { renderCertificatePdf } from './certificate-pdf.js';

// What an archive and a screen reader need: PDF/A-2b (XMP identification, embedded fonts, an output
// intent) and a tag tree with the title and language, checked with qpdf and poppler.

describe('certificate PDFs for archives and screen readers', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'karvan-pdfa-'));
    file = join(dir, 'c.pdf');
    const pdf = await renderCertificatePdf({
      locale: 'az',
      kind: 'course',
      holder: 'Ağa İsmayıl',
      title: 'Miqrasiya idarəçiliyinin əsasları',
      detail: null,
      completedAt: new Date('2026-07-30T10:00:00Z'),
      issuedAt: new Date('2026-08-01T08:30:00Z'),
      issuer: 'Karvan migration management training programme',
      serial: 7,
      code: 'abcdefghjkmnpqrstvwxyz0123456789',
      verifyUrl: 'https://karvan.example/verify/abcdefghjkmnpqrstvwxyz0123456789',
    });
    writeFileSync(file, pdf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (command: string, ...args: string[]) => execFileSync(command, [...args, file], { encoding: 'utf8' });

  it('passes qpdf --check', () => {
    expect(run('qpdf', '--check')).toContain('No syntax or stream encoding errors found');
  });

  it('declares PDF/A-2b in its XMP metadata, with an sRGB output intent, and embeds every font', () => {
    const meta = run('pdfinfo', '-meta');
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1' })).toContain(
      '/OutputIntents',
    );
    const fonts = run('pdffonts').trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$/);
  });

  it('is tagged, with its title shown and its language set, and reads in order', () => {
    const info = run('pdfinfo');
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(info).toMatch(/^Title:\s+.*Miqrasiya idarəçiliyinin əsasları$/m);
    const tree = run('pdfinfo', '-struct-text');
    expect(tree.startsWith('Document\n')).toBe(true);
    expect(tree).toContain(`H1 (block)\n    "${translate('az', 'cert.pdf.heading')}"`);
    const order = ['Ağa İsmayıl', 'Miqrasiya idarəçiliyinin əsasları', 'https://karvan.example/verify/'];
    const positions = order.map((text) => tree.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(tree).toContain('Figure');
    expect(execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1' })).toMatch(
      /\/Lang \(az\)/,
    );
  });
});
