import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from '@karvan/domain';

/** Which message key explains a failed class-validator constraint to a person. */
const MESSAGE_KEYS: Record<string, string> = {
  isNotEmpty: 'validation.required',
  isEmail: 'validation.email',
  maxLength: 'validation.tooLong',
  minLength: 'validation.tooShort',
  isIn: 'validation.choice',
};

export type FieldErrors = Record<string, string>;

export interface ParsedForm<T> {
  value: T;
  errors: FieldErrors | undefined;
}

/**
 * Validates a submitted HTML form against a DTO class. Field errors come back as message keys so
 * the page can be shown again with them; a field the form never had is a 400, as in the JSON API.
 */
export async function parseForm<T extends object>(dto: ClassConstructor<T>, body: unknown): Promise<ParsedForm<T>> {
  const value = plainToInstance(dto, body ?? {});
  const problems = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  const unknown = problems.filter((p) => p.constraints?.whitelistValidation);
  if (unknown.length > 0) {
    throw new DomainError(
      'invalid',
      'unknown_field',
      `Unknown field(s): ${unknown.map((p) => p.property).join(', ')}.`,
    );
  }
  return { value, errors: problems.length ? toFieldErrors(problems) : undefined };
}

function toFieldErrors(problems: ValidationError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const constraint = Object.keys(problem.constraints ?? {})[0];
    errors[problem.property] = MESSAGE_KEYS[constraint] ?? 'validation.invalid';
  }
  return errors;
}

/** One line of a form's error summary: what is wrong, said next to the field's label, linked to the field. */
export interface ErrorSummaryItem {
  label?: string;
  message: string;
  href?: string;
}

/**
 * A form's field errors as its error summary lists them, in the form's order, each linking to its
 * field (`fields` maps a field's name to its label key and its element id).
 */
export function errorSummary(
  errors: FieldErrors | undefined,
  fields: Record<string, { label: string; id: string }>,
): ErrorSummaryItem[] {
  if (!errors) return [];
  const known = Object.keys(fields).filter((name) => name in errors);
  const others = Object.keys(errors).filter((name) => !(name in fields));
  return [
    ...known.map((name) => ({ label: fields[name].label, message: errors[name], href: `#${fields[name].id}` })),
    ...others.map((name) => ({ message: errors[name] })),
  ];
}
