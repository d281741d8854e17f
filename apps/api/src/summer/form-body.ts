import type { ApplicationInput } from '@karvan/domain';

/** An application form's fields: profile fields by name, answers as `a-<key>` (repeated for "multiple"). */
export function applicationFromForm(body: unknown): ApplicationInput {
  const form = (body ?? {}) as Record<string, unknown>;
  const answers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form)) if (name.startsWith('a-')) answers[name.slice(2)] = value;
  return {
    category: text(form.category),
    organisation: text(form.organisation),
    position: text(form.position),
    answers,
  };
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A form's own fields, with nothing of the CSRF token. */
export function fields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (name !== '_csrf' && typeof value === 'string') out[name] = value;
  return out;
}

export function wantsJson(url: string): boolean {
  return url.startsWith('/api/');
}
