import type { Problem } from './problem.js';

export const CALLOUT_KINDS = ['note', 'tip', 'warning', 'example', 'definition', 'case-study'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export interface RenderOptions {
  /** File the body comes from, used in problems. */
  path?: string;
  /** Lines before the body in the file (its front matter), so problems carry file line numbers. */
  lineOffset?: number;
  /**
   * Address of another module linked by file name (`02-foo.md`, `#anchor` passed separately);
   * undefined means there is no such module and the link is reported as broken.
   */
  resolveModuleLink?: (fileName: string, anchor: string | undefined) => string | undefined;
  /** Address of a relative image or file such as `media/map.png`; undefined means it does not exist. */
  resolveMedia?: (path: string) => string | undefined;
  /**
   * The address of a glossary term linked as `glossary:<id>`; undefined means there is no such
   * term and the link is reported. Without it, such links lead to the glossary page unchecked.
   * The definition is not written into the HTML (see `titleGlossaryLinks`), so it never goes stale.
   */
  resolveGlossaryTerm?: (id: string) => { href: string } | undefined;
  /** Words shown for each call-out kind, e.g. in the course's language. */
  calloutLabels?: Partial<Record<CalloutKind, string>>;
}

export interface TocEntry {
  level: 2 | 3;
  id: string;
  text: string;
}

export interface RenderResult {
  html: string;
  toc: TocEntry[];
  problems: Problem[];
  /** Ids of the glossary terms the text links, in order of first link. */
  glossaryTerms: string[];
}

/** Per-render state handed to the markdown-it rules through `env`. */
export type RenderEnv = {
  karvan?: {
    options: RenderOptions;
    problems: Problem[];
    sourceLines: string[];
    glossaryTerms: string[];
  };
};
