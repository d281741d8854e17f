import { gunzipSync } from 'node:zlib';
import Handlebars from 'handlebars';
import { registerFragmentHelper, RenderedFragments, SplicedPage } from './fragments.js';

describe('fragments rendered once per key and page language', () => {
  function setup(maxEntries?: number) {
    const hbs = Handlebars.create();
    const fragments = new RenderedFragments(maxEntries);
    let renders = 0;
    hbs.registerHelper('count', () => ++renders);
    registerFragmentHelper(hbs, fragments);
    const page = hbs.compile('<p>{{user}}</p>{{#cached key}}<div>{{text}} #{{count}} {{locale}}</div>{{/cached}}');
    return { page, fragments, renders: () => renders };
  }

  it('renders a block once for a key and a page language, and again for another of either', () => {
    const { page, renders } = setup();
    const first = page({ key: 'm1', text: 'Text', user: 'Aysel', locale: 'az' });
    expect(first).toBe('<p>Aysel</p><div>Text #1 az</div>');
    // Another reader, same text and language: the kept block, their own part around it.
    expect(page({ key: 'm1', text: 'Text', user: 'Oleg', locale: 'az' })).toBe('<p>Oleg</p><div>Text #1 az</div>');
    expect(page({ key: 'm1', text: 'Text', user: 'Oleg', locale: 'ru' })).toBe('<p>Oleg</p><div>Text #2 ru</div>');
    expect(page({ key: 'm2', text: 'New', user: 'Oleg', locale: 'ru' })).toBe('<p>Oleg</p><div>New #3 ru</div>');
    expect(renders()).toBe(3);
  });

  it('renders every time when a page gives no key', () => {
    const { page, fragments } = setup();
    expect(page({ text: 'A', locale: 'en' })).toContain('#1');
    expect(page({ text: 'B', locale: 'en' })).toContain('B #2');
    expect(fragments.size).toBe(0);
  });

  it('keeps at most its limit, dropping the oldest first', () => {
    const { page, fragments, renders } = setup(2);
    for (const key of ['a', 'b', 'c']) page({ key, text: key, locale: 'en' });
    expect(fragments.size).toBe(2);
    page({ key: 'c', text: 'c', locale: 'en' });
    expect(renders()).toBe(3);
    page({ key: 'a', text: 'a', locale: 'en' });
    expect(renders()).toBe(4);
  });

  describe('for a client that takes gzip', () => {
    function spliced(page: Handlebars.TemplateDelegate, data: object) {
      const splicedPage = new SplicedPage();
      const html = page({ ...data, splicedPage });
      return { html, gzip: splicedPage.gzip(html), fragments: splicedPage.fragments.length };
    }

    it('sends the same page as gzip, each reader’s parts around the one kept text', () => {
      const { page, renders } = setup();
      const plain = page({ key: 'm1', text: 'Miqrasiya', user: 'Aysel', locale: 'az' });
      const first = spliced(page, { key: 'm1', text: 'Miqrasiya', user: 'Aysel', locale: 'az' });
      expect(first.html).not.toContain('Miqrasiya');
      expect(first.fragments).toBe(1);
      expect(gunzipSync(first.gzip).toString()).toBe(plain);
      const other = spliced(page, { key: 'm1', text: 'Miqrasiya', user: 'Oleg', locale: 'az' });
      expect(gunzipSync(other.gzip).toString()).toBe('<p>Oleg</p><div>Miqrasiya #1 az</div>');
      expect(renders()).toBe(1);
    });

    it('keeps no marker in a text with a kept text inside it', () => {
      const hbs = Handlebars.create();
      const fragments = new RenderedFragments();
      registerFragmentHelper(hbs, fragments);
      const page = hbs.compile(
        '<p>{{user}}</p>{{#cached outer}}<main>{{#cached inner}}<i>{{text}}</i>{{/cached}}</main>{{/cached}}',
      );
      const data = { outer: 'o', inner: 'i', text: 'Sərhəd', user: 'Aysel', locale: 'az' };
      const first = spliced(page, data);
      expect(gunzipSync(first.gzip).toString()).toBe('<p>Aysel</p><main><i>Sərhəd</i></main>');
      expect(page({ ...data, user: 'Oleg' })).toBe('<p>Oleg</p><main><i>Sərhəd</i></main>');
    });

    it('renders every time, unmarked, when a page gives no key', () => {
      const { page } = setup();
      const { html, gzip, fragments } = spliced(page, { text: 'A', user: 'Aysel', locale: 'en' });
      expect(fragments).toBe(0);
      expect(gunzipSync(gzip).toString()).toBe(html);
      expect(html).toBe('<p>Aysel</p><div>A #1 en</div>');
    });
  });

  describe('for a client that takes no compression', () => {
    it('sends the same page as UTF-8, each reader’s parts around the one kept text', () => {
      const { page, renders } = setup();
      for (const user of ['Aysel', 'Олег']) {
        const splicedPage = new SplicedPage('bytes');
        const html = page({ key: 'm1', text: 'Miqrasiya və sərhəd', user, locale: 'az' });
        const marked = page({ key: 'm1', text: 'Miqrasiya və sərhəd', user, locale: 'az', splicedPage });
        expect(marked).not.toContain('sərhəd');
        expect(splicedPage.bytes(marked).toString()).toBe(html);
        expect(html).toBe(`<p>${user}</p><div>Miqrasiya və sərhəd #1 az</div>`);
      }
      expect(renders()).toBe(1);
    });

    it('keeps the text as UTF-8 once, and its gzip only once a client takes gzip', () => {
      const fragments = new RenderedFragments();
      const utf8 = fragments.fragment('k', () => 'Sərhəd', 'bytes');
      expect(utf8.bytes?.toString()).toBe('Sərhəd');
      expect(utf8.gzip).toBeUndefined();
      const both = fragments.fragment('k', () => 'never rendered', 'gzip');
      expect(both.bytes).toBe(utf8.bytes);
      expect(both.gzip?.bytes).toBe(utf8.bytes);
      expect(fragments.fragment('k', () => 'never rendered', 'bytes')).toBe(both);
    });
  });
});
