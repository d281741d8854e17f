import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { translate } from '../i18n/translate.js';
import type { Locale } from '../shared/locale.js';
import { groupedCode, printedSerial } from './certificate-code.js';

export interface CertificateDocument {
  locale: Locale;
  kind: 'course' | 'cohort';
  holder: string;
  title: string;
  completedAt: Date;
  issuedAt: Date;
  /** e.g. "9 modules · about 6 hours" or "Attendance 92 %"; printed under the title. */
  detail: string | null;
  issuer: string;
  serial: number;
  code: string;
  verifyUrl: string;
}

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const INK = '#1f2a44';
const ACCENT = '#9a7b2f';
const MUTED = '#55607a';

// pdfkit's built-in fonts are WinAnsi only; DejaVu has Azerbaijani (ə ğ ı İ ş) and Cyrillic letters.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = {
  serifBold: readFileSync(join(fontDir, 'DejaVuSerif-Bold.ttf')),
  sans: readFileSync(join(fontDir, 'DejaVuSans.ttf')),
  sansBold: readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf')),
};
type FontName = keyof typeof FONT_FILES;

// Parsed once per process: decoding the font tables took most of each certificate's rendering time.
const PARSED: Record<FontName, fontkit.Font> = {
  serifBold: fontkit.create(FONT_FILES.serifBold) as fontkit.Font,
  sans: fontkit.create(FONT_FILES.sans) as fontkit.Font,
  sansBold: fontkit.create(FONT_FILES.sansBold) as fontkit.Font,
};

/**
 * The font one document embeds: the process's parsed tables with a glyph cache of its own. fontkit
 * caches glyphs on the font object, and subsetting caches the parts of composite letters with no
 * characters; a later document sharing that cache lost those characters from its text layer
 * (Cyrillic "о" is drawn with Latin "o": after a Russian certificate, "completion" extracted as
 * "c mpleti n"), and its bytes depended on what the process had rendered before. Should fontkit
 * keep its glyphs elsewhere, each document parses the font file itself: slower, still right.
 */
function documentFont(name: FontName): PDFKit.Mixins.PDFFontSource {
  const parsed = PARSED[name];
  if (!('_glyphs' in parsed)) return FONT_FILES[name];
  return Object.create(parsed, { _glyphs: { value: {} } }) as PDFKit.Mixins.PDFFontSource;
}

/**
 * Renders the certificate. The same input gives the same bytes (the creation date is the issue
 * date, and nothing carries over from the certificates the process rendered before), so a retried
 * job rewrites an identical file.
 */
export function renderCertificatePdf(cert: CertificateDocument): Promise<Buffer> {
  const t = (key: string, vars = {}) => translate(cert.locale, `cert.pdf.${key}`, vars);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: {
      Title: `${t('heading')}: ${cert.title}`,
      Author: cert.issuer,
      Subject: cert.holder,
      CreationDate: cert.issuedAt,
      ModDate: cert.issuedAt,
    },
    lang: cert.locale,
    displayTitle: true,
    // PDF/A-2b (embedded fonts, XMP metadata, an sRGB output intent) for archives, tagged so screen
    // readers and copy follow the reading order.
    subset: 'PDF/A-2b',
    pdfVersion: '1.7',
    tagged: true,
    // No starting font: Helvetica's metrics would load for nothing, and a shared parsed font would be
    // the one pdfkit reuses for every later font of the same name.
    font: null as unknown as string,
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, documentFont(name));
  const done = collect(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);

  artifact(doc, () => drawFrame(doc));
  drawBody(doc, cert, t, root);
  drawFooter(doc, cert, t, root);
  root.end();
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Decoration that carries no meaning: marked so assistive technology skips it. */
function artifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

type Struct = PDFKit.PDFStructureElement;

/** Text options that put a line in the tag tree, in reading order. */
function tag(root: Struct, structType: string, options: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions {
  return { ...options, structParent: root, structType };
}

function drawFrame(doc: PDFKit.PDFDocument): void {
  doc
    .rect(22, 22, WIDTH - 44, HEIGHT - 44)
    .lineWidth(2.5)
    .strokeColor(INK)
    .stroke();
  doc
    .rect(31, 31, WIDTH - 62, HEIGHT - 62)
    .lineWidth(0.8)
    .strokeColor(ACCENT)
    .stroke();
  // A band of colour at the top, as on a diploma's seal ribbon.
  doc
    .rect(31, 31, WIDTH - 62, 8)
    .fillColor(INK)
    .fill();
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

function drawBody(doc: PDFKit.PDFDocument, cert: CertificateDocument, t: Translate, root: Struct): void {
  const left = 70;
  const width = WIDTH - 140;
  const centred = { width, align: 'center' as const };
  doc
    .font('sans')
    .fontSize(11)
    .fillColor(MUTED)
    .text(cert.issuer.toUpperCase(), left, 68, tag(root, 'P', { ...centred, characterSpacing: 1.5 }));
  doc
    .font('serifBold')
    .fontSize(34)
    .fillColor(INK)
    .text(t('heading'), left, 100, tag(root, 'H1', centred));
  doc
    .font('sans')
    .fontSize(13)
    .fillColor(MUTED)
    .text(t('certifies'), left, 168, tag(root, 'P', centred));
  doc.font('serifBold').fillColor(INK);
  fitText(doc, cert.holder, 36, 20, width);
  doc.text(cert.holder, left, 194, tag(root, 'P', centred));
  artifact(doc, () =>
    doc
      .moveTo(WIDTH / 2 - 190, 246)
      .lineTo(WIDTH / 2 + 190, 246)
      .lineWidth(0.8)
      .strokeColor(ACCENT)
      .stroke(),
  );
  doc
    .font('sans')
    .fontSize(13)
    .fillColor(MUTED)
    .text(t(cert.kind === 'course' ? 'completedCourse' : 'completedCohort'), left, 262, tag(root, 'P', centred));
  doc.font('serifBold').fillColor(INK);
  fitText(doc, cert.title, 22, 14, width);
  doc.text(cert.title, left, 288, tag(root, 'P', { ...centred, height: 60 }));
  const when = t('completedOn', { date: longDate(cert.completedAt, cert.locale) });
  const line = cert.detail ? `${when}  ·  ${cert.detail}` : when;
  doc
    .font('sans')
    .fontSize(12)
    .fillColor(MUTED)
    .text(line, left, 350, tag(root, 'P', centred));
}

function drawFooter(doc: PDFKit.PDFDocument, cert: CertificateDocument, t: Translate, root: Struct): void {
  const top = 420;
  doc
    .font('sansBold')
    .fontSize(11)
    .fillColor(INK)
    .text(cert.issuer, 70, top, tag(root, 'P', { width: 420 }));
  doc.font('sans').fontSize(10).fillColor(MUTED);
  const issued = t('issuedOn', { date: longDate(cert.issuedAt, cert.locale) });
  doc.text(issued, 70, top + 20, tag(root, 'P', { width: 420 }));
  doc.text(t('serial', { serial: printedSerial(cert.serial) }), 70, top + 36, tag(root, 'P', { width: 420 }));
  doc.text(t('code', { code: groupedCode(cert.code) }), 70, top + 52, tag(root, 'P', { width: 460 }));
  doc.text(t('verifyAt'), 70, top + 76, tag(root, 'P', { width: 460 }));
  doc
    .font('sans')
    .fontSize(9)
    .fillColor(INK)
    .text(cert.verifyUrl, 70, top + 90, tag(root, 'P', { width: 500, link: cert.verifyUrl }));
  // The QR code repeats the address printed beside it: a figure with that as its text alternative.
  const figure = doc.struct('Figure', { alt: cert.verifyUrl }, () =>
    drawQr(doc, cert.verifyUrl, WIDTH - 188, top - 6, 118),
  );
  root.add(figure);
}

/** Vector QR code: crisp at any print size, and decodable from a 150 dpi scan. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + quiet * 2);
  doc.rect(x, y, size, size).fillColor('#ffffff').fill();
  doc.fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill();
}

/** Long names and titles shrink to fit one line width rather than running off the page. */
function fitText(doc: PDFKit.PDFDocument, text: string, largest: number, smallest: number, width: number): void {
  let size = largest;
  doc.fontSize(size);
  while (size > smallest && doc.widthOfString(text) > width) doc.fontSize(--size);
}

// Dates as the programme's participants read them, in Baku's time zone. Making a formatter is
// slow, so there is one per language.
const DATE_FORMATS = new Map<Locale, Intl.DateTimeFormat>();

function longDate(date: Date, locale: Locale): string {
  let format = DATE_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Baku' });
    DATE_FORMATS.set(locale, format);
  }
  return format.format(date);
}
