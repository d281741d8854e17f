import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

export interface RecordRule {
  /** What the message calls the values, e.g. "scores (whole numbers)". */
  describe: string;
  key: RegExp;
  value: (value: unknown) => boolean;
  maxKeys: number;
}

/**
 * An object keyed by names the cohort defines (form fields, rubric criteria, members): the DTO
 * checks the shape of every entry; which keys exist is the domain's to check.
 */
export function IsRecord(rule: RecordRule, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRecord',
      validator: {
        validate: (value: unknown) => isRecord(value, rule),
        defaultMessage: buildMessage((each) => `${each}$property must be an object of ${rule.describe}`, options),
      },
    },
    options,
  );
}

function isRecord(value: unknown, rule: RecordRule): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= rule.maxKeys && entries.every(([key, v]) => rule.key.test(key) && rule.value(v));
}

export const FIELD_KEY = /^[a-z0-9_]{1,64}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
