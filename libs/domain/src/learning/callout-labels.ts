import { translate } from '../i18n/translate.js';
import { isLocale } from '../shared/locale.js';

// What the content renderer writes at the head of every call-out, with its English label.
const CALLOUT_HEAD =
  /<aside class="callout callout-([a-z-]+)" aria-label="([^"]*)">\n<p class="callout-title"><span class="callout-kind">([^<]*)<\/span>/g;

/**
 * Call-out labels ("Definition", "Example") in the language the module's text is written in. The
 * stored HTML is rendered once at import with English labels; the words are swapped when read, so
 * a new translation of a label needs no re-import.
 */
export function localiseCallouts(html: string, language: string): string {
  if (!isLocale(language) || language === 'en' || !html.includes('callout-kind')) return html;
  return html.replace(CALLOUT_HEAD, (whole, kind: string, aria: string, label: string) => {
    const key = `ux.callout.${kind}`;
    const localised = translate(language, key);
    if (localised === key) return whole;
    const title = aria.startsWith(label) ? aria.slice(label.length) : '';
    return (
      `<aside class="callout callout-${kind}" aria-label="${localised}${title}">\n` +
      `<p class="callout-title"><span class="callout-kind">${localised}</span>`
    );
  });
}
