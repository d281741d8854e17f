/**
 * Application forms and review rubrics are written by coordinators as short text, a line per field
 * or criterion, in the spirit of the Markdown courses:
 *
 *   *long: motivation | Why do you want to attend?          (* = required)
 *   single: level | Your level | Beginner; Intermediate; Advanced
 *   yesno: visa | Will you need a visa?
 *   file: cv | Your CV (PDF or Word)
 *
 *   relevance | Relevance of the applicant's work | 10      (a rubric criterion with its maximum)
 */
export const FIELD_TYPES = ['short', 'long', 'single', 'multiple', 'yesno', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  key: string;
  type: FieldType;
  label: string;
  required: boolean;
  options: string[];
}

export interface RubricCriterion {
  key: string;
  label: string;
  max: number;
}

export interface DefinitionProblem {
  line: number;
  /** In English, naming what is wrong: for the API and the log. */
  message: string;
  /** The same in the reader's language, shown beside its line or row. */
  key: string;
}

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

export function parseForm(source: string): { fields: FormField[]; problems: DefinitionProblem[] } {
  const fields: FormField[] = [];
  const problems: DefinitionProblem[] = [];
  lines(source).forEach(({ text, line }) => {
    const match = /^(\*?)\s*([a-z]+)\s*:\s*(.*)$/.exec(text);
    if (!match)
      return problems.push({
        line,
        message: 'Write a field as "type: key | label", e.g. "long: motivation | Why?"',
        key: 'summer.problem.lineFormat',
      });
    const [, star, type, rest] = match;
    const [key = '', label = '', optionText = ''] = rest.split('|').map((part) => part.trim());
    if (!(FIELD_TYPES as readonly string[]).includes(type))
      return problems.push({
        line,
        message: `"${type}" is not a field type (${FIELD_TYPES.join(', ')})`,
        key: 'summer.problem.fieldType',
      });
    if (!KEY.test(key)) return problems.push(notAKey(line, key));
    if (!label)
      return problems.push({ line, message: `Field "${key}" needs a label after "|"`, key: 'summer.problem.label' });
    if (fields.some((f) => f.key === key)) return problems.push(twice(line, 'Field', key));
    const options = optionText
      ? optionText
          .split(';')
          .map((o) => o.trim())
          .filter(Boolean)
      : [];
    if ((type === 'single' || type === 'multiple') && options.length < 2)
      return problems.push({
        line,
        message: `Field "${key}" needs at least two options separated by ";"`,
        key: 'summer.problem.options',
      });
    fields.push({ key, type: type as FieldType, label, required: star === '*', options });
  });
  return { fields, problems };
}

export function parseRubric(source: string): { criteria: RubricCriterion[]; problems: DefinitionProblem[] } {
  const criteria: RubricCriterion[] = [];
  const problems: DefinitionProblem[] = [];
  lines(source).forEach(({ text, line }) => {
    const [key = '', label = '', maxText = ''] = text.split('|').map((part) => part.trim());
    const max = Number(maxText);
    if (!KEY.test(key)) return problems.push(notAKey(line, key));
    if (!label)
      return problems.push({ line, message: `Criterion "${key}" needs a label`, key: 'summer.problem.label' });
    if (!Number.isInteger(max) || max < 1 || max > 100)
      return problems.push({
        line,
        message: `Criterion "${key}" needs a maximum score from 1 to 100`,
        key: 'summer.problem.max',
      });
    if (criteria.some((c) => c.key === key)) return problems.push(twice(line, 'Criterion', key));
    criteria.push({ key, label, max });
  });
  return { criteria, problems };
}

function notAKey(line: number, key: string): DefinitionProblem {
  return { line, message: `"${key}" is not a key: lowercase letters, digits and _`, key: 'summer.problem.key' };
}

function twice(line: number, what: string, key: string): DefinitionProblem {
  return { line, message: `${what} "${key}" appears twice`, key: 'summer.problem.duplicate' };
}

function lines(source: string): Array<{ text: string; line: number }> {
  return source
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text && !l.text.startsWith('#'));
}

/** The text a form is written as: what the builder saves, and what can be copied out and back in. */
export function formToText(fields: FormField[]): string {
  return fields
    .map((f) => {
      const options = f.options.length ? ` | ${f.options.join('; ')}` : '';
      return `${f.required ? '*' : ''}${f.type}: ${f.key} | ${f.label}${options}`;
    })
    .join('\n');
}

export function rubricToText(criteria: RubricCriterion[]): string {
  return criteria.map((c) => `${c.key} | ${c.label} | ${c.max}`).join('\n');
}
