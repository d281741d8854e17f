// The architecture's import rules, checked on every file by ESLint (see docs/architecture.md).
import { dirname, join, normalize, sep } from 'node:path';

/** Lower floors never import higher ones: config, then the pure libraries, then the domain, then the apps. */
export const FLOORS = { config: 0, content: 1, jobs: 1, database: 1, domain: 2, demo: 3, testing: 3, apps: 4 };

/** The domain's shared kernel: any feature may import these folders' files directly. */
const KERNEL = new Set(['shared', 'i18n']);

/** Where a file lives: its package (a lib's name, or "apps") and, inside the domain, its feature. */
export function placeOf(file) {
  const path = normalize(file).split(sep).join('/');
  const lib = /\/libs\/([a-z-]+)\/src\/(.*)$/.exec(path);
  if (lib) {
    const [, name, rest] = lib;
    const feature = name === 'domain' && rest.includes('/') ? rest.split('/')[0] : undefined;
    return { pkg: name, feature, root: path.slice(0, path.length - rest.length) };
  }
  if (/\/apps\/[a-z-]+\//.test(path)) return { pkg: 'apps' };
  return undefined;
}

function isTest(file) {
  return /\.(e2e-)?spec\.ts$/.test(file) || /\/test\//.test(file.split(sep).join('/'));
}

function check(context, node) {
  const source = node.source?.value;
  if (typeof source !== 'string') return;
  const file = context.filename;
  const from = placeOf(file);
  if (!from) return;
  const report = (message) => context.report({ node: node.source, message });

  const alias = /^@karvan\/([a-z-]+)(\/.*)?$/.exec(source);
  if (alias) {
    const [, target, deep] = alias;
    if (deep) return report(`Import @karvan/${target} itself, not a file inside it ("${source}").`);
    // A test may use its own package from outside, through its public surface.
    if (target === from.pkg)
      return isTest(file) ? undefined : report(`A package does not import itself through "@karvan/${target}".`);
    const up = FLOORS[target] !== undefined && FLOORS[from.pkg] !== undefined && FLOORS[target] > FLOORS[from.pkg];
    if (up && !isTest(file)) return report(`"${from.pkg}" may not import "${target}": that is up a floor.`);
    return;
  }
  if (!source.startsWith('.')) return;
  const resolved = normalize(join(dirname(file), source))
    .split(sep)
    .join('/');
  const to = placeOf(resolved);
  if (to && to.pkg !== from.pkg) return report(`Import @karvan/${to.pkg}, not its files ("${source}").`);
  if (!to || from.pkg !== 'domain' || !to.feature || KERNEL.has(to.feature) || to.feature === from.feature) return;
  const inside = resolved.slice(to.root.length + to.feature.length + 1);
  if (inside !== 'index.js' && inside !== 'index.ts') {
    report(`Import the ${to.feature} feature through "${to.feature}/index.js", not its internals ("${source}").`);
  }
}

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Features import each other only through their index, and no package imports up a floor.' },
    schema: [],
  },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node),
      ExportNamedDeclaration: (node) => check(context, node),
      ExportAllDeclaration: (node) => check(context, node),
      ImportExpression: (node) => check(context, node),
    };
  },
};

export default { rules: { boundaries } };
