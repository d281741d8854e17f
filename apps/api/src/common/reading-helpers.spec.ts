import { linkedText, nestToc } from './reading-helpers.js';
import { errorSummary } from './forms.js';

describe('reading helpers', () => {
  it('numbers only top-level sections: sub-sections go under their section', () => {
    const toc = nestToc([
      { level: 2, id: 'a', text: 'A' },
      { level: 3, id: 'a1', text: 'A.1' },
      { level: 3, id: 'a2', text: 'A.2' },
      { level: 2, id: 'b', text: 'B' },
    ]);
    expect(toc.map((s) => s.id)).toEqual(['a', 'b']);
    expect(toc[0].children.map((s) => s.id)).toEqual(['a1', 'a2']);
    expect(toc[1].children).toEqual([]);
  });

  it('keeps a sub-section with no section before it as a section', () => {
    expect(nestToc([{ level: 3, id: 'x', text: 'X' }]).map((s) => s.id)).toEqual(['x']);
    expect(nestToc(undefined)).toEqual([]);
  });

  it('links the web addresses in a reference and escapes the rest', () => {
    const html = linkedText('IOM <2019>, Glossary, https://publications.iom.int/books?id=1&x=2.').toString();
    expect(html).toBe(
      'IOM &lt;2019&gt;, Glossary, <a href="https://publications.iom.int/books?id&#x3D;1&amp;x&#x3D;2">https://publications.iom.int/books?id&#x3D;1&amp;x&#x3D;2</a>.',
    );
    expect(linkedText('javascript:alert(1) "x"').toString()).not.toContain('<a');
  });
});

describe('error summaries', () => {
  it('lists errors in the form’s order, each linking to its field', () => {
    const items = errorSummary(
      { position: 'validation.tooLong', name: 'validation.required', other: 'validation.invalid' },
      {
        name: { label: 'register.name', id: 'profile-name' },
        position: { label: 'register.position', id: 'profile-position' },
      },
    );
    expect(items).toEqual([
      { label: 'register.name', message: 'validation.required', href: '#profile-name' },
      { label: 'register.position', message: 'validation.tooLong', href: '#profile-position' },
      { message: 'validation.invalid' },
    ]);
    expect(errorSummary(undefined, {})).toEqual([]);
  });
});
