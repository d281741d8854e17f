import type { FormField } from './form-definition.js';

export type Answers = Record<string, string | string[]>;

/** Keeps only answers to the form's fields, in the shape each type takes; files are stored apart. */
export function cleanAnswers(fields: FormField[], raw: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    if (field.type === 'file') continue;
    const value = raw[field.key];
    if (field.type === 'multiple') {
      const list = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String);
      answers[field.key] = list.filter((v) => field.options.includes(v));
    } else if (typeof value === 'string' && value.trim()) {
      answers[field.key] = value.trim().slice(0, field.type === 'long' ? 10_000 : 500);
    }
  }
  return answers;
}

/**
 * What stops a submission, by field: message keys (required fields left empty, choices not among
 * the options), which the applicant reads in their language beside the field's own label.
 */
export function answerProblems(fields: FormField[], answers: Answers, files: Set<string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = answers[field.key];
    const empty = field.type === 'file' ? !files.has(field.key) : value === undefined || value.length === 0;
    if (field.required && empty) problems[field.key] = 'validation.required';
    else if (field.type === 'single' && typeof value === 'string' && !field.options.includes(value))
      problems[field.key] = 'validation.choice';
    else if (field.type === 'yesno' && typeof value === 'string' && !['yes', 'no'].includes(value))
      problems[field.key] = 'applyForm.yesno';
  }
  return problems;
}

const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean; extensions: string[] }> = [
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-', extensions: ['pdf'] },
  {
    type: 'application/msword',
    test: (b) => b.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')),
    extensions: ['doc'],
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    test: (b) => b.subarray(0, 4).equals(Buffer.from('504b0304', 'hex')),
    extensions: ['docx'],
  },
  {
    type: 'application/vnd.oasis.opendocument.text',
    test: (b) => b.subarray(0, 4).equals(Buffer.from('504b0304', 'hex')),
    extensions: ['odt'],
  },
];

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The document's type from its name and its first bytes (both must agree), or null. */
export function documentType(filename: string, bytes: Buffer): string | null {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const match = SIGNATURES.find((s) => s.extensions.includes(extension));
  return match && match.test(bytes) ? match.type : null;
}
