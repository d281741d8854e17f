/**
 * A heading's id: lowercase letters and digits of any script joined by hyphens, so Azerbaijani
 * and Cyrillic headings keep readable, stable ids ("Əsas anlayışlar" → "əsas-anlayışlar").
 */
export function headingSlug(text: string): string {
  const slug = text
    .normalize('NFC')
    // Lowercasing "İ" yields "i" plus a combining dot; Azerbaijani means plain "i".
    .replace(/İ/g, 'i')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}
