export const ROLES = ['trainee', 'trainer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'az', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
