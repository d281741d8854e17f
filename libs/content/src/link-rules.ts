import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { plainText } from './callouts.js';
import { glossaryAnchor } from './glossary/glossary-model.js';
import { classifyLink } from './link-policy.js';
import { problem, type Severity } from './problem.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';
import { CALLOUT_KINDS, type RenderEnv } from './render-types.js';

type Context = NonNullable<RenderEnv['karvan']>;

/** Checks and rewrites links and images, and reports `:::` blocks that are unknown or never closed. */
export function linkRulesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('karvan_links', (state: StateCore) => {
    const context = (state.env as RenderEnv).karvan;
    if (context) checkTokens(state.tokens, context);
    else pointGlossaryLinksAtPage(state.tokens);
  });
}

function checkTokens(tokens: Token[], context: Context): void {
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type.startsWith('container_') && token.nesting === 1) checkClosed(token, context);
    if (token.type !== 'inline' || !token.children) continue;
    if (/^:::/.test(token.content)) reportUnknownBlock(token.content.split('\n')[0], blockLine, context);
    let line = blockLine;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'link_open') rewriteLink(child, line, context);
      else if (child.type === 'image') rewriteImage(child, line, context);
    }
  }
}

function rewriteLink(token: Token, line: number, context: Context): void {
  const href = String(token.attrGet('href') ?? '');
  const target = classifyLink(href);
  const { resolveModuleLink, resolveMedia } = context.options;
  if (target.kind === 'glossary') rewriteGlossaryLink(token, target.id, line, context);
  else if (target.kind === 'module' && resolveModuleLink) {
    const url = resolveModuleLink(target.fileName, target.anchor);
    if (url === undefined) report(context, line, target.fileName, 'error', 'link.module', { file: target.fileName });
    else token.attrSet('href', url);
  } else if (target.kind === 'media' && resolveMedia) {
    const url = resolveMedia(target.path);
    if (url === undefined) report(context, line, target.path, 'error', 'link.media', { path: target.path });
    else token.attrSet('href', url);
  }
}

function rewriteGlossaryLink(token: Token, id: string, line: number, context: Context): void {
  const { resolveGlossaryTerm } = context.options;
  const resolved = resolveGlossaryTerm ? resolveGlossaryTerm(id) : { href: glossaryPageHref(id) };
  if (!resolved) {
    report(context, line, `glossary:${id}`, 'error', 'link.glossary', { id });
    token.attrSet('href', glossaryPageHref(id));
    return;
  }
  token.attrSet('href', resolved.href);
  token.attrSet('class', 'glossary-link');
  token.attrSet('data-term', id);
  if (!context.glossaryTerms.includes(id)) context.glossaryTerms.push(id);
}

/** Text rendered without a module's context (quiz prompts, feedback, guides) links terms to the page. */
function pointGlossaryLinksAtPage(tokens: Token[]): void {
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== 'link_open') continue;
      const target = classifyLink(String(child.attrGet('href') ?? ''));
      if (target.kind === 'glossary') child.attrSet('href', glossaryPageHref(target.id));
    }
  }
}

function glossaryPageHref(id: string): string {
  return `/glossary#${encodeURIComponent(glossaryAnchor(id))}`;
}

function rewriteImage(token: Token, line: number, context: Context): void {
  const src = String(token.attrGet('src') ?? '');
  if (plainText(token.children ?? []).trim() === '') {
    report(context, line, '![', 'error', 'image.noAlt', { src });
  }
  const target = classifyLink(src);
  if (target.kind === 'external') {
    report(context, line, src, 'warning', 'image.external', { src });
  } else if (target.kind === 'module') {
    report(context, line, target.fileName, 'error', 'image.module', { file: target.fileName });
  } else if (target.kind === 'glossary') {
    report(context, line, src, 'error', 'image.glossary', { src });
    token.attrSet('src', '');
  } else if (target.kind === 'media' && context.options.resolveMedia) {
    const url = context.options.resolveMedia(target.path);
    if (url === undefined) report(context, line, target.path, 'error', 'image.missing', { path: target.path });
    else token.attrSet('src', url);
  }
}

function reportUnknownBlock(firstLine: string, line: number, context: Context): void {
  const kinds = [...CALLOUT_KINDS, 'quiz'].join(', ');
  if (firstLine.trim() === ':::') report(context, line, ':::', 'error', 'block.strayClose');
  else report(context, line, ':::', 'error', 'block.unknown', { line: firstLine.trim(), kinds });
}

// markdown-it-container silently ends an unclosed block at the end of the file.
function checkClosed(token: Token, context: Context): void {
  const [start, end] = token.map ?? [0, 0];
  if (/^ {0,3}:{3,}\s*$/.test(context.sourceLines[end] ?? '')) return;
  const opening = context.sourceLines[start]?.trim() ?? '';
  report(context, start, ':::', 'error', 'block.notClosed', { line: opening });
}

/** Points at the first place on the source line where `needle` appears, else at its start. */
function report(
  context: Context,
  bodyLine: number,
  needle: string,
  severity: Severity,
  code: ProblemCode,
  params: ProblemParams = {},
): void {
  const source = context.sourceLines[bodyLine] ?? '';
  const column = source.indexOf(needle) + 1;
  const line = bodyLine + 1 + (context.options.lineOffset ?? 0);
  context.problems.push(problem(context.options.path ?? '', line, column, severity, code, params));
}
