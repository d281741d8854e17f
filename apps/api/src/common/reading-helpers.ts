import Handlebars from 'handlebars';

interface TocEntry {
  level: number;
  id: string;
  text: string;
}

interface TocSection extends TocEntry {
  children: TocEntry[];
}

/** The contents as sections with their sub-sections, so only the sections are numbered. */
export function nestToc(entries: unknown): TocSection[] {
  const sections: TocSection[] = [];
  for (const entry of Array.isArray(entries) ? (entries as TocEntry[]) : []) {
    const parent = sections.at(-1);
    if (entry.level > 2 && parent) parent.children.push(entry);
    else sections.push({ ...entry, children: [] });
  }
  return sections;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

/** A reference as text, its web addresses as links (escaped first: the text is an author's). */
export function linkedText(value: unknown): Handlebars.SafeString {
  const escaped = Handlebars.escapeExpression(typeof value === 'string' ? value : '');
  return new Handlebars.SafeString(escaped.replace(URL_PATTERN, (url) => `<a href="${url}">${url}</a>`));
}

export function registerReadingHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('nestToc', nestToc);
  hbs.registerHelper('linkedText', linkedText);
}
