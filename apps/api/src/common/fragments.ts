import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import { SizedKept } from './sized-kept.js';
import { gzipOf, keptPiece, livePiece, type GzipPiece } from './spliced-gzip.js';

/**
 * A kept part of a page; once a page is put together from parts around it, its text as UTF-8, and
 * once a client that takes gzip has read it, that text compressed once.
 */
interface Fragment {
  readonly html: string;
  readonly bytes?: Buffer;
  readonly gzip?: GzipPiece;
}

/** The copies a page put together from parts needs of its fragments. */
export type FragmentCopies = 'bytes' | 'gzip';

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

  /** The kept fragment, rendered first if need be, with the copies asked for. */
  fragment(key: string, render: () => string, copies?: FragmentCopies): Fragment {
    let kept = this.entries.get(key);
    if (!kept) this.entries.set(key, (kept = { html: render() }));
    // A new entry, not the old one changed, so that its size is counted again with the copy.
    if (copies && !kept.bytes) this.entries.set(key, (kept = { ...kept, bytes: Buffer.from(kept.html) }));
    if (copies === 'gzip' && !kept.gzip) this.entries.set(key, (kept = { ...kept, gzip: keptPiece(kept.bytes!) }));
    return kept;
  }

  get size(): number {
    return this.entries.size;
  }
}

function sizeOf(fragment: Fragment): number {
  return fragment.html.length + (fragment.bytes?.length ?? 0) + (fragment.gzip?.deflated.length ?? 0);
}

/** Random, so no page's own text can hold it. */
const MARKER = `karvan-fragment-${randomBytes(16).toString('hex')}-`;

/**
 * A page rendered with each kept fragment left as a marker, then sent put together from the page's
 * own parts and the fragments' kept copies: as UTF-8, or for a client that takes gzip as gzip, the
 * page's parts compressed for this response and the fragments' compressed once. On the module page
 * the reader's own parts are 6 of its 33 KB. Sent whole as a string, the page was copied and
 * encoded to UTF-8 on every response: a fifth of the module page's CPU.
 */
export class SplicedPage {
  readonly fragments: Fragment[] = [];
  /** A fragment within one being rendered is rendered into it: the kept text holds no marker. */
  private inside = false;

  constructor(readonly copies: FragmentCopies = 'gzip') {}

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

  /** The page as UTF-8; `html` is what was rendered with this page's markers in it. */
  bytes(html: string): Buffer {
    return Buffer.concat(
      this.parts(
        html,
        (bytes) => bytes,
        (fragment) => fragment.bytes!,
      ),
    );
  }

  /** The page as gzip (made with the copies `gzip`). */
  gzip(html: string): Buffer {
    return gzipOf(this.parts(html, livePiece, (fragment) => fragment.gzip!));
  }

  /** Split at the markers, the page's own parts are at even places and the fragments' numbers at odd ones. */
  private parts<T>(html: string, live: (bytes: Buffer) => T, kept: (fragment: Fragment) => T): T[] {
    return html
      .split(MARKER)
      .map((part, i) => (i % 2 === 0 ? live(Buffer.from(part)) : kept(this.fragments[Number(part)])));
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
    const fragment = fragments.fragment(kept, () => page.renderInside(() => options.fn(this)), page.copies);
    return new Handlebars.SafeString(page.mark(fragment));
  });
}
