import { isMap, isScalar, LineCounter, parseDocument as parseYaml, type Node } from 'yaml';
import { problem, type Problem } from './problem.js';

/** A front matter key with its value and where it was written in the original file. */
export interface FrontMatterEntry {
  key: string;
  value: unknown;
  /** The value as written, so a hash YAML reads as a number keeps its digits. */
  raw: string;
  line: number;
  column: number;
}

export interface FrontMatter {
  entries: Map<string, FrontMatterEntry>;
  /** Body text, front matter removed and line endings normalised. */
  body: string;
  /** Number of original lines before the body: add it to a body line to get a file line. */
  lineOffset: number;
  problems: Problem[];
}

const OPEN = '---';
const CLOSE = /^(---|\.\.\.)\s*$/;

/** Splits `---` YAML front matter from the body; line numbers stay those of the original file. */
export function readFrontMatter(path: string, text: string): FrontMatter {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .split('\n');
  if (lines[0].trimEnd() !== OPEN) {
    return {
      entries: new Map(),
      body: lines.join('\n'),
      lineOffset: 0,
      problems: [problem(path, 1, 1, 'error', 'frontMatter.missing')],
    };
  }
  const close = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (close < 0) {
    return {
      entries: new Map(),
      body: '',
      lineOffset: lines.length,
      problems: [problem(path, 1, 1, 'error', 'frontMatter.notClosed')],
    };
  }
  const { entries, problems } = readYaml(path, lines.slice(1, close).join('\n'), 1);
  return { entries, body: lines.slice(close + 1).join('\n'), lineOffset: close + 1, problems };
}

function readYaml(
  path: string,
  source: string,
  lineOffset: number,
): { entries: Map<string, FrontMatterEntry>; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, { lineCounter, uniqueKeys: true });
  const entries = new Map<string, FrontMatterEntry>();
  const problems = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    return problem(path, pos.line + lineOffset, pos.col, 'error', 'frontMatter.yaml', {
      detail: e.message.split('\n')[0],
    });
  });
  if (problems.length > 0) return { entries, problems };
  if (doc.contents === null) return { entries, problems: [problem(path, 1, 1, 'error', 'frontMatter.empty')] };
  if (!isMap(doc.contents)) {
    return { entries, problems: [problem(path, 2, 1, 'error', 'frontMatter.notMap')] };
  }
  const values = doc.toJS() as Record<string, unknown>;
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const pos = lineCounter.linePos(keyNode?.range?.[0] ?? 0);
    const valueNode = pair.value as Node | null;
    const raw = valueNode?.range ? source.slice(valueNode.range[0], valueNode.range[1]) : '';
    entries.set(key, { key, value: values[key], raw, line: pos.line + lineOffset, column: pos.col });
  }
  return { entries, problems };
}
