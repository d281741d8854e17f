import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { renderMarkdown } from '@karvan/content';
import type { Locale } from '@karvan/domain';

export const DOCS_DIR = join(projectRoot(), 'docs');

export interface HelpDocument {
  html: string;
  /** The language the text is written in: the reader's, or English when there is no translation. */
  language: Locale;
  fallback: boolean;
}

/** A guide from docs/, in the reader's language when `<name>.<locale>.md` exists, else the English file. */
export async function readHelpDocument(name: string, locale: Locale, dir = DOCS_DIR): Promise<HelpDocument> {
  if (locale !== 'en') {
    const translated = await readIfPresent(join(dir, `${name}.${locale}.md`));
    if (translated !== null) return { html: render(translated), language: locale, fallback: false };
  }
  const english = await readFile(join(dir, `${name}.md`), 'utf8');
  return { html: render(english), language: 'en', fallback: locale !== 'en' };
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

// Whole-line comments mark the guide's examples for its test; they are not for readers.
const COMMENT_LINE = /^<!--.*-->[ \t]*$/gm;

// The same renderer as modules: raw HTML is shown as text and only safe link schemes become links.
function render(markdown: string): string {
  return renderMarkdown(markdown.replace(COMMENT_LINE, '')).html;
}
