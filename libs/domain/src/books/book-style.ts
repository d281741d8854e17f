import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// DejaVu covers Latin with Azerbaijani's ə ğ ı İ ş, and Cyrillic; the certificates use it too.
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

function face(family: string, file: string, weight: string, style: string): string {
  const url = pathToFileURL(join(FONT_DIR, file)).href;
  return `@font-face { font-family: "${family}"; src: url("${url}"); font-weight: ${weight}; font-style: ${style}; }`;
}

const FONTS = [
  face('Book Serif', 'DejaVuSerif.ttf', 'normal', 'normal'),
  face('Book Serif', 'DejaVuSerif-Bold.ttf', 'bold', 'normal'),
  face('Book Serif', 'DejaVuSerif-Italic.ttf', 'normal', 'italic'),
  face('Book Serif', 'DejaVuSerif-BoldItalic.ttf', 'bold', 'italic'),
  face('Book Sans', 'DejaVuSans.ttf', 'normal', 'normal'),
  face('Book Sans', 'DejaVuSans-Bold.ttf', 'bold', 'normal'),
  face('Book Mono', 'DejaVuSansMono.ttf', 'normal', 'normal'),
].join('\n');

/** What the web page and the book share: call-outs keep the site's colours. */
const COMMON = `
body { font-family: "Book Serif", serif; color: #1b1f24; line-height: 1.45; }
h1, h2, h3, h4, .callout-title, .objectives-title, figcaption, caption { font-family: "Book Sans", sans-serif; }
code, pre { font-family: "Book Mono", monospace; font-size: 0.9em; }
a { color: #0b5e7e; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
th, td { border: 1px solid #c9d1d9; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
caption { caption-side: top; text-align: left; font-size: 0.9em; padding-bottom: 0.2em; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; }
figcaption { font-size: 0.9em; }
.caption-number { font-weight: bold; }
.callout { border-left: 4px solid #0b5e7e; background: #f2f6f8; padding: 0.25em 1em; margin: 1em 0; }
.callout-warning { border-color: #b35c00; }
.callout-definition { border-color: #5a3e8e; }
.callout-example, .callout-case-study { border-color: #1e6b34; }
.callout-kind { font-weight: bold; }
.objectives { border: 2px solid #0b5e7e; padding: 0.3em 1em; margin: 1em 0; }
.objectives-title { font-weight: bold; margin: 0.3em 0; }
.untranslated { border: 1px dashed #b35c00; padding: 0.3em 0.6em; font-style: italic; }
.chapter-number { display: block; font-size: 0.6em; color: #4a5560; }
.options, .glossary-list { list-style: none; padding-left: 1em; }
.option-letter { font-weight: bold; }
.hint { font-style: italic; color: #4a5560; }
.blank { display: inline-block; width: 50%; border-bottom: 1px solid #1b1f24; }
.feedback { font-size: 0.9em; color: #4a5560; }
.glossary dt { font-weight: bold; margin-top: 0.5em; }
.cover { text-align: center; }
.cover-title { font-size: 2.2em; margin: 2em 0 1em; }
`;

/**
 * Paged media for WeasyPrint. The footnote area has a border but no padding: with padding,
 * WeasyPrint 57 moves a note to the page after its reference.
 */
const PRINT = `
@page { size: A4; margin: 22mm 20mm 24mm;
  @top-center { content: string(chapter); font-family: "Book Sans", sans-serif; font-size: 8.5pt; color: #4a5560; }
  @bottom-center { content: counter(page); font-family: "Book Sans", sans-serif; font-size: 9pt; }
  @footnote { border-top: 0.5pt solid #4a5560; } }
@page cover { @top-center { content: none; } @bottom-center { content: none; } }
@page front { @top-center { content: none; } }
html { font-size: 10.5pt; }
body { hyphens: auto; text-align: justify; }
h1, h2, h3, figcaption, caption, .cover, .toc, .untranslated { text-align: left; hyphens: manual; }
.cover { page: cover; padding-top: 40mm; text-align: center; bookmark-level: none; }
.cover h1 { bookmark-level: none; text-align: center; }
.imprint { page: front; break-before: page; padding-top: 120mm; font-size: 9pt; }
.imprint h2 { bookmark-level: none; }
.toc { page: front; break-before: page; }
.toc ol { list-style: none; padding: 0; }
.toc li { margin: 0.25em 0; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
section.chapter, section.back, section.introduction { break-before: page; }
.chapter-name, .back-title, .introduction-title { string-set: chapter content(); }
h2, h3 { break-after: avoid; }
.callout, figure, table, .objectives { break-inside: avoid; }
.footnote { float: footnote; font-size: 8.5pt; text-align: left; }
.footnote::footnote-call { content: counter(footnote); vertical-align: super; font-size: 0.7em; }
.footnote::footnote-marker { content: counter(footnote) ". "; }
.index ul { list-style: none; padding: 0; columns: 2; }
.index a { color: inherit; text-decoration: none; }
.index a::after { content: target-counter(attr(href), page); }
`;

export function printCss(): string {
  return `${FONTS}\n${COMMON}\n${PRINT}`;
}

/** The EPUB's stylesheet: the reader's own fonts and page, with the site's call-outs. */
export function epubCss(): string {
  return `${COMMON}\n.footnotes { font-size: 0.9em; border-top: 1px solid #c9d1d9; margin-top: 2em; }\n`;
}
