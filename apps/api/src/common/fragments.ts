import Handlebars from 'handlebars';
import { KeptMap } from '@karvan/domain';

/**
 * Parts of pages that are the same for everyone who reads the same thing in the same language,
 * rendered once: `{{#cached key}}…{{/cached}}`. The key must name everything the block shows
 * (the reader builds it from the module, the text's language and the content epoch), and the
 * page's language is added here; the block must show nothing of the person reading it.
 */
export class RenderedFragments {
  private readonly entries: KeptMap<string, string>;

  constructor(maxEntries = 1_000) {
    this.entries = new KeptMap(maxEntries);
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
