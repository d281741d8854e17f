import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import { SizedKept } from './sized-kept.js';
import { gzipOf, keptPiece, livePiece, type GzipPiece } from './spliced-gzip.js';

/** A kept part of a page, and once a client that takes gzip has read it, its text compressed once. */
interface Fragment {
  readonly html: string;
  readonly gzip?: GzipPiece;
}

/**
 * Parts of pages that are the same for everyone who reads the same thing in the same language,
 * rendered once: `{{#cached key}}…{{/cached}}`. The key must name everything the block shows
 * (the reader builds it from the module, the text's language and the content epoch), and the
 * page's language is added here; the block must show nothing of the person reading it.
 */
export class RenderedFragments {
  private readonly entries: SizedKept<Fragment>;

  /**
   * A module's text is about 27 KB; the glossary's is 240 KB. The size counts the text's characters
   * (two bytes each at most) and, once made, the bytes of its UTF-8 and compressed copies, which
   * add about 1.3 times the text: 32 M holds nearly as much text as 16 M did without them.
   */
  constructor(maxEntries = 1_000, maxSize = 32 * 1024 * 1024) {
    this.entries = new SizedKept(maxEntries, maxSize, sizeOf);
  }

  render(key: string, render: () => string): string {
    return this.fragment(key, render).html;
  }

  /** The kept fragment, rendered first if need be; with its compressed copy when `compressed`. */
  fragment(key: string, render: () => string, compressed = false): Fragment {
    let kept = this.entries.get(key);
    if (!kept) this.entries.set(key, (kept = { html: render() }));
    // A new entry, not the old one changed, so that its size is counted again with the copy.
    if (compressed && !kept.gzip)
      this.entries.set(key, (kept = { html: kept.html, gzip: keptPiece(Buffer.from(kept.html)) }));
    return kept;
  }

  get size(): number {
    return this.entries.size;
  }
}

function sizeOf(fragment: Fragment): number {
  const copies = fragment.gzip ? fragment.gzip.bytes.length + fragment.gzip.deflated.length : 0;
  return fragment.html.length + copies;
}

/** Random, so no page's own text can hold it. */
const MARKER = `karvan-fragment-${randomBytes(16).toString('hex')}-`;

/**
 * A page rendered for a client that takes gzip, with each kept fragment left as a marker: sent as
 * gzip put together from the page's own parts, compressed for this response, and the fragments'
 * copies compressed once. On the module page the reader's own parts are 6 of its 33 KB.
 */
export class SplicedPage {
  readonly fragments: Fragment[] = [];
  /** A fragment within one being rendered is rendered into it: the kept text holds no marker. */
  private inside = false;

  get marking(): boolean {
    return !this.inside;
  }

  renderInside(render: () => string): string {
    this.inside = true;
    try {
      return render();
    } finally {
      this.inside = false;
    }
  }

  mark(fragment: Fragment): string {
    this.fragments.push(fragment);
    return `${MARKER}${this.fragments.length - 1}${MARKER}`;
  }

  /** The page as gzip; `html` is what was rendered with this page's markers in it. */
  gzip(html: string): Buffer {
    const parts = html.split(MARKER);
    // Split at the markers, the page's own parts are at even places and the fragments' numbers at odd ones.
    return gzipOf(
      parts.map((part, i) => (i % 2 === 0 ? livePiece(Buffer.from(part)) : this.fragments[Number(part)].gzip!)),
    );
  }
}

export function registerFragmentHelper(hbs: typeof Handlebars, fragments: RenderedFragments): void {
  hbs.registerHelper('cached', function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    const root = (options.data as { root?: { locale?: unknown; splicedPage?: unknown } }).root;
    // No key, no cache: a page that forgot to give one is rendered as it is, every time.
    if (typeof key !== 'string' || !key) return new Handlebars.SafeString(options.fn(this));
    const kept = `${key}\n${String(root?.locale)}`;
    const page = root?.splicedPage;
    if (!(page instanceof SplicedPage) || !page.marking) {
      return new Handlebars.SafeString(fragments.render(kept, () => options.fn(this)));
    }
    const fragment = fragments.fragment(kept, () => page.renderInside(() => options.fn(this)), true);
    return new Handlebars.SafeString(page.mark(fragment));
  });
}
