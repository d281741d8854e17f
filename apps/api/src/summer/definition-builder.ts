import { controlCharacterIn, FIELD_TYPES, formToText, rubricToText, type FieldType } from '@karvan/domain';

/**
 * The form and rubric builders without JavaScript: every row is a group of inputs named by its
 * index, and each button (add, remove, move) posts the whole builder, which comes back changed.
 * Between steps the rows travel in the address (post/redirect/get), so a refresh repeats nothing.
 */
export type BuilderKind = 'form' | 'rubric';

export interface BuilderRow {
  key: string;
  label: string;
  /** Form fields only. */
  type: FieldType;
  required: boolean;
  options: string[];
  /** Rubric criteria only, as typed. */
  max: string;
}

export interface RowProblem {
  row: number;
  /** A message key: the page shows it in the coordinator's language. */
  message: string;
}

export const MAX_ROWS = 60;

export function emptyRow(): BuilderRow {
  return { key: '', label: '', type: 'short', required: false, options: [], max: '10' };
}

/** Rows from the posted builder; a control character or an impossible value is a 400. */
export function rowsFromBody(body: Record<string, unknown>): BuilderRow[] {
  const count = Math.min(Number(body.rows ?? 0) || 0, MAX_ROWS);
  const rows: BuilderRow[] = [];
  for (let i = 0; i < count; i++) {
    const text = (name: string, max: number) => field(body, `${name}-${i}`, max);
    const type = text('type', 20) || 'short';
    if (!(FIELD_TYPES as readonly string[]).includes(type)) throw new BuilderInputError(`type-${i}`);
    rows.push({
      key: text('key', 64),
      label: text('label', 500),
      type: type as FieldType,
      required: body[`required-${i}`] === 'true',
      options: text('options', 4000)
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean),
      max: text('max', 4),
    });
  }
  return rows;
}

function field(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > max) throw new BuilderInputError(name);
  if (controlCharacterIn(value)) throw new BuilderInputError(name);
  return value.trim();
}

export class BuilderInputError extends Error {
  constructor(readonly field: string) {
    super(`The field "${field}" is not valid.`);
  }
}

/** add, remove-N, up-N, down-N: the rows after the step. Anything else leaves them as they are. */
export function applyStep(rows: BuilderRow[], step: string): BuilderRow[] {
  const next = [...rows];
  const [verb, indexText] = step.split('-');
  const i = Number(indexText);
  if (verb === 'add' && next.length < MAX_ROWS) next.push(emptyRow());
  if (!Number.isInteger(i) || i < 0 || i >= next.length) return next;
  if (verb === 'remove') next.splice(i, 1);
  const j = verb === 'up' ? i - 1 : verb === 'down' ? i + 1 : -1;
  if (j >= 0 && j < next.length) [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** The text format of the rows, or the problems that stop them being written as text. */
export function rowsToText(kind: BuilderKind, rows: BuilderRow[]): { text: string; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  rows.forEach((row, index) => {
    if (row.label.includes('|')) problems.push({ row: index + 1, message: 'summer.problem.labelBar' });
    if (row.options.some((o) => o.includes(';') || o.includes('|')))
      problems.push({ row: index + 1, message: 'summer.problem.optionBar' });
  });
  if (problems.length) return { text: '', problems };
  const text =
    kind === 'form'
      ? formToText(
          rows.map((r) => ({
            key: r.key,
            type: r.type,
            label: r.label,
            required: r.required,
            options: needsOptions(r) ? r.options : [],
          })),
        )
      : // An impossible maximum stays as typed, so the checker names it on its row.
        rubricToText(rows.map((r) => ({ key: r.key, label: r.label, max: r.max as unknown as number })));
  return { text, problems };
}

function needsOptions(row: BuilderRow): boolean {
  return row.type === 'single' || row.type === 'multiple';
}

/** Builder rows from a saved definition, or from imported text. */
export function rowsFromDefinition(
  kind: BuilderKind,
  items: Array<{ key: string; label: string; type?: FieldType; required?: boolean; options?: string[]; max?: number }>,
): BuilderRow[] {
  return items.map((item) => ({
    ...emptyRow(),
    key: item.key,
    label: item.label,
    type: kind === 'form' ? (item.type ?? 'short') : 'short',
    required: item.required ?? false,
    options: item.options ?? [],
    max: item.max === undefined ? '10' : String(item.max),
  }));
}

export function encodeDraft(rows: BuilderRow[]): string {
  return Buffer.from(JSON.stringify(rows), 'utf8').toString('base64url');
}

/** Rows from the address; anything that is not a draft this page made gives null. */
export function decodeDraft(draft: string | undefined): BuilderRow[] | null {
  if (!draft || draft.length > 60_000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(draft, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed)) return null;
    const body: Record<string, unknown> = { rows: parsed.length };
    parsed.forEach((row: Record<string, unknown>, i) => {
      for (const name of ['key', 'label', 'type', 'max']) body[`${name}-${i}`] = row?.[name];
      body[`options-${i}`] = Array.isArray(row?.options) ? row.options.join('\n') : '';
      body[`required-${i}`] = row?.required === true ? 'true' : undefined;
    });
    return rowsFromBody(body);
  } catch {
    return null;
  }
}
