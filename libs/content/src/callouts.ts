import type { MarkdownIt, Token } from 'markdown-it';
import container from 'markdown-it-container';
import { CALLOUT_KINDS, type CalloutKind, type RenderEnv } from './render-types.js';

const DEFAULT_LABELS: Record<CalloutKind, string> = {
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  example: 'Example',
  definition: 'Definition',
  'case-study': 'Case study',
};

/** `::: note Title` … `:::` becomes a labelled `<aside>` with a visible title line. */
export function calloutsPlugin(md: MarkdownIt): void {
  for (const kind of CALLOUT_KINDS) {
    md.use(container, kind, {
      validate: (params: string) => params.trim().split(/\s+/, 1)[0] === kind,
      render: (tokens: Token[], idx: number, _options: unknown, env: RenderEnv) => {
        const token = tokens[idx];
        if (token.nesting < 0) return '</aside>\n';
        const title = token.info.trim().slice(kind.length).trim();
        const label = env.karvan?.options.calloutLabels?.[kind] ?? DEFAULT_LABELS[kind];
        return openCallout(md, kind, label, title);
      },
    });
  }
}

function openCallout(md: MarkdownIt, kind: CalloutKind, label: string, title: string): string {
  const escape = md.utils.escapeHtml;
  // Parsed once for both the label's text and the visible title (what `renderInline` would parse).
  const titleTokens = title ? md.parseInline(title, {}) : [];
  const titleText = plainText(titleTokens);
  const ariaLabel = titleText ? `${label}: ${titleText}` : label;
  const kindHtml = `<span class="callout-kind">${escape(label)}</span>`;
  const heading = title ? `${kindHtml} ${md.renderer.render(titleTokens, md.options, {})}` : kindHtml;
  return (
    `<aside class="callout callout-${kind}" aria-label="${escape(ariaLabel)}">\n` +
    `<p class="callout-title">${heading}</p>\n`
  );
}

/** The readable text of inline tokens, without markup. */
export function plainText(tokens: Token[]): string {
  return tokens
    .flatMap((t) =>
      t.children ? plainText(t.children) : t.type === 'text' || t.type === 'code_inline' ? t.content : '',
    )
    .join('');
}
