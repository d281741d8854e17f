import { DomainError } from '@karvan/domain';
import type { FieldErrors, ParsedForm } from '../common/forms.js';

/**
 * Does what a valid form asks; what is wrong with it otherwise, by field: the DTO's errors, or the
 * domain's when it refuses the values (a title too short, an end before the start). Nothing else
 * is caught: a refusal of who is asking still ends in the error page.
 */
export async function submitForm<T>(
  parsed: ParsedForm<T>,
  action: (value: T) => Promise<unknown>,
): Promise<FieldErrors | undefined> {
  if (parsed.errors) return parsed.errors;
  try {
    await action(parsed.value);
    return undefined;
  } catch (error) {
    const details = error instanceof DomainError && error.kind === 'invalid' ? error.details : undefined;
    if (!details || Array.isArray(details)) throw error;
    return details as FieldErrors;
  }
}
