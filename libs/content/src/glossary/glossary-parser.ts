import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { problem, type Problem } from '../problem.js';
import type { ProblemCode, ProblemParams } from '../problem-messages.js';
import { createGlossary, GLOSSARY_ID, GLOSSARY_LANGUAGES, type Glossary, type GlossaryTerm } from './glossary-model.js';

export interface GlossaryFile {
  path: string;
  text: string;
}

export interface GlossaryBuildResult {
  glossary: Glossary;
  problems: Problem[];
}

const KEYS = ['id', 'term', 'definition', 'source', 'see'];
const PER_LANGUAGE = ['term', 'definition'] as const;

/** Reads every glossary file and checks the entries against each other (unique ids, known "see" ids). */
export function buildGlossary(files: GlossaryFile[]): GlossaryBuildResult {
  const problems: Problem[] = [];
  const terms = files.flatMap((file) => {
    const parsed = parseGlossaryFile(file.path, file.text);
    problems.push(...parsed.problems);
    return parsed.terms;
  });
  problems.push(...crossCheck(terms));
  return { glossary: createGlossary(terms), problems };
}

/** The entries of one glossary file; an entry with a problem is still returned when it has an id. */
export function parseGlossaryFile(path: string, text: string): { terms: GlossaryTerm[]; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true });
  const at = (node: Node | null | undefined) => lines.linePos(node?.range?.[0] ?? 0);
  const report: Report = (node, code, params = {}) => {
    const pos = at(node);
    return problem(path, pos.line, pos.col, 'error', code, params);
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      return problem(path, pos.line, pos.col, 'error', 'glossary.yaml', { detail: e.message.split('\n')[0] });
    });
    return { terms: [], problems };
  }
  if (doc.contents === null) return { terms: [], problems: [] };
  if (!isSeq(doc.contents)) {
    return {
      terms: [],
      problems: [report(doc.contents, 'glossary.notList')],
    };
  }
  const terms: GlossaryTerm[] = [];
  const problems: Problem[] = [];
  for (const item of doc.contents.items as Node[]) {
    if (!isMap(item)) {
      problems.push(report(item, 'glossary.notMap'));
      continue;
    }
    const term = readTerm(item, path, (node) => at(node).line, report, problems);
    if (term) terms.push(term);
  }
  return { terms, problems };
}

type Report = (node: Node | null | undefined, code: ProblemCode, params?: ProblemParams) => Problem;
type LineOf = (node: Node) => number;

function readTerm(
  map: YAMLMap,
  path: string,
  lineOf: LineOf,
  report: Report,
  problems: Problem[],
): GlossaryTerm | null {
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!KEYS.includes(key)) {
      problems.push(report(pair.key as Node, 'glossary.unknownKey', { key, known: KEYS.join(', ') }));
    }
    pairs.set(key, pair);
  }
  const idPair = pairs.get('id');
  const id = scalarText(idPair?.value);
  if (!id) {
    problems.push(report(map, 'glossary.noId'));
    return null;
  }
  if (!GLOSSARY_ID.test(id)) {
    problems.push(report(idPair?.value as Node, 'glossary.badId', { id }));
  }
  const entry: GlossaryTerm = {
    id,
    term: { en: '', az: '', ru: '' },
    definition: { en: '', az: '', ru: '' },
    source: '',
    see: [],
    path,
    line: lineOf(map),
    seeLine: lineOf(map),
  };
  for (const key of PER_LANGUAGE) readLanguages(entry, key, pairs.get(key), map, report, problems);
  entry.source = scalarText(pairs.get('source')?.value);
  if (!entry.source) {
    problems.push(report((pairs.get('source')?.key as Node) ?? map, 'glossary.noSource', { id }));
  }
  entry.see = readSee(entry, pairs.get('see'), report, problems);
  const seeKey = pairs.get('see')?.key as Node | undefined;
  if (seeKey?.range) entry.seeLine = lineOf(seeKey);
  return entry;
}

function readLanguages(
  entry: GlossaryTerm,
  key: (typeof PER_LANGUAGE)[number],
  pair: Pair | undefined,
  map: YAMLMap,
  report: Report,
  problems: Problem[],
): void {
  const value = pair?.value as Node | null | undefined;
  if (pair && !isMap(value)) {
    problems.push(report(value ?? (pair.key as Node), 'glossary.notPerLanguage', { key, id: entry.id }));
    return;
  }
  for (const languagePair of value && isMap(value) ? value.items : []) {
    const language = isScalar(languagePair.key) ? String(languagePair.key.value) : String(languagePair.key);
    const text = scalarText(languagePair.value);
    if ((GLOSSARY_LANGUAGES as readonly string[]).includes(language)) entry[key][language as 'en'] = text;
    else {
      const params = { language, key, id: entry.id };
      problems.push(report(languagePair.key as Node, 'glossary.badLanguage', params));
    }
  }
  for (const language of GLOSSARY_LANGUAGES) {
    if (entry[key][language]) continue;
    const params = { id: entry.id, language, key };
    problems.push(report((pair?.key as Node | undefined) ?? map, 'glossary.missingLanguage', params));
  }
}

function readSee(entry: GlossaryTerm, pair: Pair | undefined, report: Report, problems: Problem[]): string[] {
  if (!pair) return [];
  const value = pair.value as Node | null;
  if (!isSeq(value) || !value.items.every((item) => scalarText(item))) {
    problems.push(report(value ?? (pair.key as Node), 'glossary.seeNotList', { id: entry.id }));
    return [];
  }
  return value.items.map((item) => scalarText(item));
}

function scalarText(node: unknown): string {
  if (!isScalar(node)) return '';
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).trim()
    : '';
}

function crossCheck(terms: GlossaryTerm[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, GlossaryTerm>();
  for (const term of terms) {
    const earlier = first.get(term.id);
    if (earlier) {
      const params = { id: term.id, other: `${earlier.path}:${earlier.line}` };
      problems.push(problem(term.path, term.line, 1, 'error', 'glossary.duplicateId', params));
    } else first.set(term.id, term);
  }
  for (const term of first.values()) {
    for (const other of term.see) {
      if (first.has(other) && other !== term.id) continue;
      const found =
        other === term.id
          ? problem(term.path, term.seeLine, 1, 'error', 'glossary.seeSelf', { id: term.id })
          : problem(term.path, term.seeLine, 1, 'error', 'glossary.seeUnknown', { id: term.id, other });
      problems.push(found);
    }
  }
  return problems;
}
