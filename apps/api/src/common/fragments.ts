import Handlebars from 'handlebars';
import { SizedKept } from './sized-kept.js';

/**
 * Parts of pages that are the same for everyone who reads the same thing in the same language,
 * rendered once: `{{#cached key}}…{{/cached}}`. The key must name everything the block shows
 * (the reader builds it from the module, the text's language and the content epoch), and the
 * page's language is added here; the block must show nothing of the person reading it.
 */
export class RenderedFragments {
  private readonly entries: SizedKept<string>;

  /** A module's text is about 20 KB; the glossary's is 240 KB (in characters, two bytes each at most). */
  constructor(maxEntries = 1_000, maxChars = 16 * 1024 * 1024) {
    this.entries = new SizedKept(maxEntries, maxChars, (html) => html.length);
  }

  render(key: string, render: () => string): string {
    const kept = this.entries.get(key);
    if (kept !== undefined) return kept;
    const html = render();
    this.entries.set(key, html);
    return html;
  }

  get size(): number {
    return this.entries.size;
  }
}

export function registerFragmentHelper(hbs: typeof Handlebars, fragments: RenderedFragments): void {
  hbs.registerHelper('cached', function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    const locale = (options.data as { root?: { locale?: unknown } }).root?.locale;
    // No key, no cache: a page that forgot to give one is rendered as it is, every time.
    if (typeof key !== 'string' || !key) return new Handlebars.SafeString(options.fn(this));
    return new Handlebars.SafeString(fragments.render(`${key}\n${String(locale)}`, () => options.fn(this)));
  });
}
