import { renderMarkdown } from '@karvan/content';
import { localiseCallouts } from './callout-labels.js';

const BODY = '::: definition Irregular migration\nMovement outside the rules.\n:::\n\n::: example\nA case.\n:::\n';

describe('call-out labels', () => {
  const html = renderMarkdown(BODY).html;

  it('are written in the module’s language, title kept', () => {
    const az = localiseCallouts(html, 'az');
    expect(az).toContain('<span class="callout-kind">Tərif</span> Irregular migration');
    expect(az).toContain('aria-label="Tərif: Irregular migration"');
    expect(az).toContain('<span class="callout-kind">Nümunə</span>');
    const ru = localiseCallouts(html, 'ru');
    expect(ru).toContain('<span class="callout-kind">Определение</span>');
    expect(ru).toContain('aria-label="Пример"');
    expect(ru).not.toContain('Definition');
  });

  it('stay as rendered in English or a language Karvan does not speak', () => {
    expect(localiseCallouts(html, 'en')).toBe(html);
    expect(localiseCallouts(html, 'fr')).toBe(html);
  });
});
