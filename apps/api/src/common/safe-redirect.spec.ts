import { safeRedirectPath } from './safe-redirect.js';

const BASE = 'https://karvan.example';

describe('safe redirect targets', () => {
  it.each([
    ['a tab that browsers drop', '/\t/evil.example'],
    ['a leading tab', '\t//evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a header injection', '/ok\r\nSet-Cookie: x=1'],
    ['a NUL byte', '/ok\u0000'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['an absolute URL', 'https://evil.example'],
    ['an absolute URL to our own site', `${BASE}/learning`],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'learning'],
    ['an empty string', ''],
    ['a very long string', `/${'a'.repeat(5000)}`],
    ['not a string', ['/learning']],
    ['nothing', undefined],
  ])('refuses %s', (_what, value) => {
    expect(safeRedirectPath(value, BASE)).toBe('/');
  });

  it('falls back to the given default', () => {
    expect(safeRedirectPath('//evil.example', BASE, '/summer-schools')).toBe('/summer-schools');
  });

  it('keeps an encoded tab inside our own site, where it is only part of a path', () => {
    const target = safeRedirectPath('/%09/evil.example', BASE);
    expect(target).toBe('/%09/evil.example');
    expect(new URL(target, BASE).origin).toBe(BASE);
  });

  it('keeps a path of this site with its query and fragment', () => {
    expect(safeRedirectPath('/courses/x?notice=saved#read', BASE)).toBe('/courses/x?notice=saved#read');
  });

  it('gives back a normalised, encoded path that is safe in a Location header', () => {
    expect(safeRedirectPath('/a/../b/ü c', BASE)).toBe('/b/%C3%BC%20c');
  });
});
