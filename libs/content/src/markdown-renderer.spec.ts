import { renderMarkdown, type RenderOptions } from '@karvan/content';

const ALLOWED = /^(?:https?:|mailto:|#|\/|[^:]*$)/i;

/** Every address the HTML would make a browser follow or load. */
function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/gi)].map((m) => m[1]);
}

function expectInert(markdown: string): string {
  const { html } = renderMarkdown(markdown);
  for (const url of urlsIn(html)) expect(url).toMatch(ALLOWED);
  expect(html).not.toMatch(/<(?:script|iframe|object|embed|svg|style)/i);
  // Quoted attribute values are inert text; look for handlers among the attribute names only.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  return html;
}

describe('rendering Markdown safely', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['raw HTML with an event handler', '<img src=x onerror="alert(1)">'],
    ['an inline event handler in a div', '<div onmouseover="alert(1)">hover</div>'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['a mixed-case javascript: link', '[click](JaVaScRiPt:alert(1))'],
    ['an entity-encoded javascript: link', '[click](&#106;avascript:alert(1))'],
    ['a hex-entity-encoded javascript: link', '[click](&#x6A;&#x61;vascript:alert(1))'],
    ['a javascript: link with a tab in the scheme', '[click](<java\tscript:alert(1)>)'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript: link', '[click](VBScript:msgbox(1))'],
    ['a javascript: autolink', '<javascript:alert(1)>'],
    ['a javascript: reference link', '[click][x]\n\n[x]: javascript:alert(1)'],
    ['an image with a javascript: source', '![pic](javascript:alert(1))'],
    ['an image with a data: source', '![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'],
    ['a quote that tries to leave the attribute', '[x](https://example.org/"onmouseover="alert(1))'],
    ['a raw anchor tag', '<a href="javascript:alert(1)">x</a>'],
  ])('makes %s inert', (_name, markdown) => {
    expectInert(markdown);
  });

  it('shows raw HTML as text', () => {
    expect(expectInert('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('keeps a refused link as its text', () => {
    expect(expectInert('[click](javascript:alert(1))')).toContain('[click](javascript:alert(1))');
  });

  it('keeps https, http, mailto and relative links', () => {
    const { html } = renderMarkdown('[a](https://x.org) [b](http://x.org) [c](mailto:t@x.org) [d](notes/a.txt)');
    expect(urlsIn(html)).toEqual(['https://x.org', 'http://x.org', 'mailto:t@x.org', 'notes/a.txt']);
  });
});

describe('rendering text in any language', () => {
  it('renders Azerbaijani and Russian text and gives their headings readable ids', () => {
    const { html, toc } = renderMarkdown(
      '## Əsas anlayışlar: ğ, ı, İ, ş, ç, ö, ü\n\nMiqrasiya siyasəti.\n\n### Миграционная политика\n\nТекст.',
    );
    expect(html).toContain(
      '<h2 id="əsas-anlayışlar-ğ-ı-i-ş-ç-ö-ü" tabindex="-1">Əsas anlayışlar: ğ, ı, İ, ş, ç, ö, ü</h2>',
    );
    expect(html).toContain('<p>Miqrasiya siyasəti.</p>');
    expect(html).toContain('<h3 id="миграционная-политика" tabindex="-1">Миграционная политика</h3>');
    expect(toc).toEqual([
      { level: 2, id: 'əsas-anlayışlar-ğ-ı-i-ş-ç-ö-ü', text: 'Əsas anlayışlar: ğ, ı, İ, ş, ç, ö, ü' },
      { level: 3, id: 'миграционная-политика', text: 'Миграционная политика' },
    ]);
  });

  it('builds the table of contents from h2 and h3 only, with unique ids', () => {
    const { toc } = renderMarkdown('# Title\n\n## Key points\n\n#### Detail\n\n## Key `points`\n\n### *Emphasis*');
    expect(toc).toEqual([
      { level: 2, id: 'key-points', text: 'Key points' },
      { level: 2, id: 'key-points-1', text: 'Key points' },
      { level: 3, id: 'emphasis', text: 'Emphasis' },
    ]);
  });

  it('renders tables and footnotes', () => {
    const { html } = renderMarkdown('| Il | Addım |\n|---|---|\n| 2007 | DMX |\n\nMətn[^1].\n\n[^1]: Mənbə.');
    expect(html).toContain('<th>Addım</th>');
    expect(html).toContain('<td>DMX</td>');
    expect(html).toMatch(/<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
    expect(html).toMatch(/<li id="fn1" class="footnote-item"><p>Mənbə\./);
  });
});

describe('call-out blocks', () => {
  it.each([
    ['note', 'Note'],
    ['tip', 'Tip'],
    ['warning', 'Warning'],
    ['example', 'Example'],
    ['definition', 'Definition'],
    ['case-study', 'Case study'],
  ])('renders ::: %s as a labelled aside with a title', (kind, label) => {
    const { html, problems } = renderMarkdown(`::: ${kind} Check *this*\nBody text.\n:::`);
    expect(html).toContain(`<aside class="callout callout-${kind}" aria-label="${label}: Check this">`);
    expect(html).toContain(
      `<p class="callout-title"><span class="callout-kind">${label}</span> Check <em>this</em></p>`,
    );
    expect(html).toContain('<p>Body text.</p>\n</aside>');
    expect(problems).toEqual([]);
  });

  it('uses the kind as the label when there is no title, in the language asked for', () => {
    const { html } = renderMarkdown('::: tip\nMəsləhət.\n:::', { calloutLabels: { tip: 'Məsləhət' } });
    expect(html).toContain('<aside class="callout callout-tip" aria-label="Məsləhət">');
  });

  it('escapes HTML in a title', () => {
    expectInert('::: note <img src=x onerror=alert(1)>\nx\n:::');
  });

  it('reports a call-out that is never closed', () => {
    const { problems } = renderMarkdown('::: note Open\nText.\n\nMore text.\n', { path: 'm.md', lineOffset: 2 });
    expect(problems).toMatchObject([
      {
        path: 'm.md',
        line: 3,
        column: 1,
        severity: 'error',
        code: 'block.notClosed',
        params: { line: '::: note Open' },
        message: '"::: note Open" is not closed: add a line ":::" after its text',
      },
    ]);
  });

  it('accepts nested call-outs closed in order', () => {
    const { html, problems } = renderMarkdown('::::: example Outer\n::: tip Inner\nx\n:::\n:::::');
    expect(problems).toEqual([]);
    expect(html).toMatch(/callout-example[^]*callout-tip[^]*<\/aside>\n<\/aside>/);
  });

  it('reports an unknown block with its line', () => {
    const { problems } = renderMarkdown('Intro.\n\n::: warnin Careful\nText.\n:::', { path: 'm.md', lineOffset: 4 });
    expect(problems).toEqual([expect.objectContaining({ path: 'm.md', line: 7, column: 1, severity: 'error' })]);
    expect(problems[0].message).toMatch(/"::: warnin Careful" is not a known block/);
  });
});

describe('links and images', () => {
  const options: RenderOptions = {
    path: '01-a.md',
    lineOffset: 10,
    resolveModuleLink: (file, anchor) =>
      file === '02-foo.md' ? `/courses/c/modules/foo${anchor ? `#${anchor}` : ''}` : undefined,
    resolveMedia: (path) => (path === 'media/map.png' ? '/files/c/map.png' : undefined),
  };

  it('rewrites links to other modules, with their anchor', () => {
    const { html, problems } = renderMarkdown('See [module 2](02-foo.md) and [its data](./02-foo.md#data).', options);
    expect(urlsIn(html)).toEqual(['/courses/c/modules/foo', '/courses/c/modules/foo#data']);
    expect(problems).toEqual([]);
  });

  it('reports a link to a module that does not exist, with line and column', () => {
    const { problems } = renderMarkdown('Text.\n\nFirst line\nthen [gone](03-gone.md).', options);
    expect(problems).toEqual([
      {
        path: '01-a.md',
        line: 14,
        column: 13,
        severity: 'error',
        code: 'link.module',
        params: { file: '03-gone.md' },
        message: 'broken link: no module "03-gone.md"',
      },
    ]);
  });

  it('finds broken links inside tables and footnotes', () => {
    const { problems } = renderMarkdown('| a |\n|---|\n| [x](09-x.md) |\n\nT[^1].\n\n[^1]: [y](08-y.md)', options);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [13, 'broken link: no module "09-x.md"'],
      [17, 'broken link: no module "08-y.md"'],
    ]);
  });

  it('rewrites images through the media callback and reports missing ones', () => {
    const { html, problems } = renderMarkdown(
      '![A map of the border](media/map.png)\n![Gone](media/gone.png)',
      options,
    );
    expect(html).toContain('<img src="/files/c/map.png" alt="A map of the border">');
    expect(problems).toEqual([
      expect.objectContaining({ line: 12, column: 9, message: 'broken image: "media/gone.png" does not exist' }),
    ]);
  });

  it('requires alt text on images', () => {
    const { problems } = renderMarkdown('Text ![](media/map.png)', options);
    expect(problems).toEqual([expect.objectContaining({ line: 11, column: 6, severity: 'error' })]);
    expect(problems[0].message).toMatch(/has no alt text/);
  });

  it('warns about images on other sites', () => {
    const { problems } = renderMarkdown('![Logo](https://example.org/logo.png)', options);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  it('checks links to files next to the module', () => {
    const { problems } = renderMarkdown('[handout](media/handout.pdf)', options);
    expect(problems[0].message).toBe('broken link: "media/handout.pdf" does not exist');
  });

  it('leaves links alone when no callback is given', () => {
    const { html, problems } = renderMarkdown('[m](02-foo.md) ![map](media/map.png)');
    expect(urlsIn(html)).toEqual(['02-foo.md', 'media/map.png']);
    expect(problems).toEqual([]);
  });

  it('leaves the quiz block out of the HTML and keeps later line numbers', () => {
    const body =
      'Before.\n\n::: quiz pass=80\n1. Secret question?\n   - [x] Secret answer\n   - [ ] No\n:::\n\n[x](07-x.md)';
    const { html, problems } = renderMarkdown(body, options);
    expect(html).toBe('<p>Before.</p>\n<p><a href="07-x.md">x</a></p>\n');
    expect(problems[0].line).toBe(19);
  });
});

describe('addresses in the text', () => {
  it('links a full web address in a footnote, and nothing that only looks like one', () => {
    const { html, problems } = renderMarkdown(
      'Text.[^1] See example.org too.\n\n[^1]: IOM, Glossary on Migration, https://publications.iom.int/books/glossary.\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<a href="https://publications.iom.int/books/glossary">https://publications.iom.int/books/glossary</a>.',
    );
    expect(html).not.toContain('href="http://example.org"');
  });
});
