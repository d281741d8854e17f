import MarkdownIt, { type MarkdownIt as Markdown, type Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';
import { calloutsPlugin, plainText } from './callouts.js';
import { headingSlug } from './heading-slug.js';
import { linkRulesPlugin } from './link-rules.js';
import { isSafeUrl } from './link-policy.js';
import type { Problem } from './problem.js';
import { splitQuiz } from './quiz-block.js';
import type { RenderEnv, RenderOptions, RenderResult, TocEntry } from './render-types.js';

function createMarkdown(): Markdown {
  // Raw HTML is shown as text; tables and strikethrough come with the default preset.
  // Addresses written out in full (a reference, a footnote) become links; "example.org" alone does not.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  skipTextWithoutScheme(md);
  md.validateLink = isSafeUrl;
  md.use(footnote);
  md.use(anchor, { level: 1, slugify: headingSlug });
  md.use(calloutsPlugin);
  md.use(linkRulesPlugin);
  scrollingTables(md);
  return md;
}

/**
 * A table wider than a phone scrolls inside its own box instead of pushing the page sideways; the
 * box takes the keyboard's focus, so that it can be scrolled without a pointer.
 */
function scrollingTables(md: Markdown): void {
  md.renderer.rules.table_open = (tokens, i, options, env, self) =>
    `<div class="table-scroll" tabindex="0">\n${self.renderToken(tokens, i, options)}`;
  md.renderer.rules.table_close = (tokens, i, options, env, self) => `${self.renderToken(tokens, i, options)}</div>\n`;
}

/**
 * markdown-it asks linkify-it about every paragraph and every run of text, and linkify-it's scan is
 * slow (a long Unicode class at each character). With fuzzy links off it only finds an address
 * that starts with a scheme name ("https:", "mailto:", "//"), so text naming none is skipped.
 */
function skipTextWithoutScheme(md: Markdown): void {
  const linkify = md.linkify;
  const test = linkify.test.bind(linkify);
  const schemeName = new RegExp(linkify.re.get_schema_names().source, 'i');
  linkify.test = (text: string) => schemeName.test(text) && test(text);
}

const md = createMarkdown();

/**
 * Renders a module or course body to safe HTML. The quiz block is cut out (see `parseQuiz`), links
 * and images are checked and rewritten through the options, and h2/h3 headings form the `toc`.
 */
export function renderMarkdown(body: string, options: RenderOptions = {}): RenderResult {
  const text = splitQuiz(body.replace(/\r\n/g, '\n')).text;
  const problems: Problem[] = [];
  const glossaryTerms: string[] = [];
  const env: RenderEnv = { karvan: { options, problems, sourceLines: text.split('\n'), glossaryTerms } };
  const tokens = md.parse(text, env);
  const html = md.renderer.render(tokens, md.options, env);
  return { html, toc: tableOfContents(tokens), problems, glossaryTerms };
}

/** One line of Markdown (a quiz prompt or option) as safe inline HTML. */
export function renderInline(text: string): string {
  return md.renderInline(text, {});
}

/** A short Markdown passage (quiz feedback) as safe HTML, without heading ids or link checks. */
export function renderBlock(text: string): string {
  return md.render(text, {});
}

function tableOfContents(tokens: Token[]): TocEntry[] {
  const toc: TocEntry[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open' || (token.tag !== 'h2' && token.tag !== 'h3')) return;
    const text = plainText(tokens[i + 1]?.children ?? []).trim();
    toc.push({ level: token.tag === 'h2' ? 2 : 3, id: String(token.attrGet('id') ?? ''), text });
  });
  return toc;
}
