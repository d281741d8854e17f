import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import { translate } from '../i18n/translate.js';
import { moduleFragment, type BookContent, type Chapter } from './book-content.js';
import { escapeHtml, replaceFootnoteRefs, resolveBookLinks } from './book-html.js';
import {
  answersAppendixHtml,
  chapterEndHtml,
  chapterHeadHtml,
  coverHtml,
  glossaryHtml,
  imprintHtml,
  t,
} from './book-sections.js';
import { epubCss } from './book-style.js';
import type { BookInput } from './book-types.js';

interface Document {
  file: string;
  title: string;
  body: string;
  /** In the navigation document, or only in the reading order. */
  inNav: boolean;
  lang?: string;
}

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

// A fixed time inside the archive: the same book zips to the same bytes.
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

/** An EPUB 3: XHTML documents, a navigation document, and the package with its metadata. */
export async function renderEpub(input: BookInput, content: BookContent): Promise<Buffer> {
  const documents = epubDocuments(input, content);
  const media = usedMedia(input, documents);
  const zip = new yazl.ZipFile();
  // The mimetype comes first and uncompressed, so a reader can recognise the file by its first bytes.
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false, mtime: ZIP_TIME });
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: ZIP_TIME });
  add('META-INF/container.xml', CONTAINER);
  add('OEBPS/package.opf', packageDocument(input, content, documents, media));
  add('OEBPS/nav.xhtml', navDocument(input, content, documents));
  add('OEBPS/style.css', epubCss());
  for (const doc of documents) add(`OEBPS/${doc.file}`, xhtml(doc.lang ?? input.language, doc.title, doc.body));
  for (const path of media) zip.addBuffer(input.media.get(path)!, `OEBPS/${path}`, { mtime: ZIP_TIME });
  zip.end();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  zip.outputStream.pipe(sink);
  for await (const chunk of sink) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function epubDocuments(input: BookInput, content: BookContent): Document[] {
  const l = input.language;
  const intro = content.introduction.trim();
  const linked = (html: string) =>
    resolveBookLinks(
      html,
      (slug, anchor) => `ch-${slug}.xhtml#${moduleFragment(content, slug, anchor)}`,
      intro ? 'introduction.xhtml' : 'cover.xhtml',
    );
  const docs: Document[] = [
    { file: 'cover.xhtml', title: content.title, body: coverHtml(input, content) + imprintHtml(input), inNav: false },
  ];
  if (intro) {
    const body = `<section id="introduction"><h1>${t(l, 'book.introduction')}</h1>${linked(intro)}</section>`;
    docs.push({ file: 'introduction.xhtml', title: translateText(l, 'book.introduction'), body, inNav: true });
  }
  for (const chapter of content.chapters) {
    docs.push({
      file: `${chapter.id}.xhtml`,
      title: `${translateText(l, 'book.chapter', chapter.number)}. ${chapter.title}`,
      body: chapterBody(chapter, input, linked),
      inNav: true,
      lang: chapter.language,
    });
  }
  const glossary = glossaryHtml(input);
  if (glossary)
    docs.push({ file: 'glossary.xhtml', title: translateText(l, 'book.glossary'), body: glossary, inNav: true });
  const answers = answersAppendixHtml(input, content);
  if (answers)
    docs.push({ file: 'answers.xhtml', title: translateText(l, 'book.answers'), body: answers, inNav: true });
  return docs;
}

/** Footnotes become endnotes at the chapter's end, linked both ways. */
function chapterBody(chapter: Chapter, input: BookInput, linked: (html: string) => string): string {
  const body = replaceFootnoteRefs(
    linked(chapter.html),
    (n, noteId, refId) =>
      `<sup class="footnote-ref"><a href="#${noteId}" id="${refId}" epub:type="noteref" role="doc-noteref">${n}</a></sup>`,
  );
  const notes = chapter.footnotes.map(
    (f) =>
      `<li id="${chapter.id}-fn${f.number}" epub:type="endnote" role="doc-endnote">${linked(f.html)} ` +
      `<a href="#${chapter.id}-fnref${f.number}" role="doc-backlink">↩</a></li>`,
  );
  const endnotes = notes.length
    ? `<section class="footnotes" epub:type="endnotes" role="doc-endnotes"><h2>${t(input.language, 'book.notes')}</h2><ol>${notes.join('')}</ol></section>`
    : '';
  return (
    `<section class="chapter" id="${chapter.id}">` +
    chapterHeadHtml(chapter, input.language) +
    body +
    chapterEndHtml(chapter, input.language) +
    endnotes +
    `</section>`
  );
}

/** Plain text for titles: `xhtml()` and the navigation document escape it once. */
function translateText(language: BookInput['language'], key: string, number?: number): string {
  return translate(language, key, number === undefined ? {} : { number });
}

/** The images the documents show, each once; a file no page uses stays out of the book. */
function usedMedia(input: BookInput, documents: Document[]): string[] {
  const used = new Set<string>();
  for (const doc of documents) {
    for (const match of doc.body.matchAll(/ src="(media\/[^"]+)"/g)) {
      const path = match[1].replace(/&amp;/g, '&');
      if (input.media.has(path)) used.add(path);
    }
  }
  return [...used].sort();
}

function xhtml(lang: string, title: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n` +
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">\n` +
    `<head><meta charset="UTF-8" /><title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" type="text/css" href="style.css" /></head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}

function navDocument(input: BookInput, content: BookContent, documents: Document[]): string {
  const items = documents
    .filter((d) => d.inNav)
    .map((d) => `<li><a href="${d.file}">${escapeHtml(d.title)}</a></li>`)
    .join('\n');
  const landmarks = `<nav epub:type="landmarks" hidden="hidden"><ol><li><a epub:type="cover" href="cover.xhtml">${escapeHtml(content.title)}</a></li></ol></nav>`;
  const body = `<nav epub:type="toc" id="toc"><h1>${t(input.language, 'book.contents')}</h1><ol>\n${items}\n</ol></nav>\n${landmarks}`;
  return xhtml(input.language, translateText(input.language, 'book.contents'), body);
}

function packageDocument(input: BookInput, content: BookContent, documents: Document[], media: string[]): string {
  const modified = input.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = `urn:karvan:book:${input.course.slug}:${input.revision}:${input.language}:${input.edition}`;
  const manifest = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="style" href="style.css" media-type="text/css"/>`,
    ...documents.map((d, i) => `<item id="doc${i}" href="${d.file}" media-type="application/xhtml+xml"/>`),
    ...media.map((path, i) => {
      const type = MEDIA_TYPES[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
      return `<item id="media${i}" href="${escapeHtml(path)}" media-type="${type}"/>`;
    }),
  ];
  const spine = documents.map((_d, i) => `<itemref idref="doc${i}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${input.language}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${escapeHtml(id)}</dc:identifier>
<dc:title>${escapeHtml(content.title)}</dc:title>
<dc:language>${input.language}</dc:language>
<dc:creator>${escapeHtml(input.programme)}</dc:creator>
<dc:publisher>${escapeHtml(input.programme)}</dc:publisher>
<dc:rights>${t(input.language, 'book.imprint.licence', { programme: input.programme })}</dc:rights>
<dc:description>${t(input.language, `book.edition.${input.edition}`)}, ${escapeHtml(input.revision)}</dc:description>
<meta property="dcterms:modified">${modified}</meta>
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine>
${spine.join('\n')}
</spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;
