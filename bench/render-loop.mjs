// The baseline for the certificate benchmark: the same PDF template rendered in a plain loop,
// with no queue, database or signature. Prints one JSON line: { count, seconds }.
import { dist } from './bench-lib.mjs';

const { renderCertificatePdf } = await import(new URL('libs/domain/src/index.js', dist));
const count = Number(process.argv[2] ?? 200);
const document = (i) => ({
  locale: 'az',
  kind: 'course',
  holder: `Gülnarə Şükürova ${i}`,
  title: 'Migration management fundamentals',
  completedAt: new Date('2026-11-20T10:00:00Z'),
  issuedAt: new Date('2026-11-21T08:30:00Z'),
  detail: '9 modul · təxminən 6 saat',
  issuer: 'Karvan migration management training programme',
  serial: 1000 + i,
  code: 'abcdefghjkmnpqrstvwxyz0123456789',
  verifyUrl: 'http://localhost:3000/verify/abcdefghjkmnpqrstvwxyz0123456789',
});
for (let i = 0; i < 20; i++) await renderCertificatePdf(document(i)); // warm-up
const started = process.hrtime.bigint();
for (let i = 0; i < count; i++) await renderCertificatePdf(document(i));
console.log(JSON.stringify({ count, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
