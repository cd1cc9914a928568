// The architecture's layer rule as an ESLint rule: each layer of src/ imports only the layers below
// it, and a relative import is judged by the folder it resolves to, so `'../store'` (a layer's
// entry file) counts as much as `'../store/db'`. Dependencies point one way:
// survey ← contract ← store ← sync ← app (and the service worker, sw), survey ← contract ← server.
import { dirname, relative, resolve, sep } from 'node:path';

/** Layer → the layers it may import (itself included). */
export const ALLOWED = {
  survey: ['survey'],
  contract: ['survey', 'contract'],
  store: ['survey', 'contract', 'store'],
  sync: ['survey', 'contract', 'store', 'sync'],
  app: ['survey', 'contract', 'store', 'sync', 'app'],
  sw: ['survey', 'contract', 'store', 'sync', 'sw'],
  server: ['survey', 'contract', 'server'],
};

const WHY = {
  survey: 'The survey engine is pure: it imports nothing else of ours.',
  contract: 'The contract depends on the survey engine only.',
  store: 'The store sits below sync and app.',
  sync: 'Sync sits below the app.',
  app: 'The app talks to the server over HTTP only.',
  sw: 'The service worker talks to the server over HTTP only.',
  server: 'The server imports survey and contract only.',
};

/** The src/ layer a path lies in, if any. */
function layerOf(file, srcDir) {
  const rel = relative(srcDir, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  const first = rel.split(sep)[0];
  return first in ALLOWED ? first : undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Each layer of src/ imports only the layers below it (relative imports resolved to their folder)." },
    schema: [],
    messages: { forbidden: 'src/{{from}} may not import src/{{to}} ("{{spec}}"). {{why}}' },
  },
  create(context) {
    const file = context.filename;
    const srcDir = resolve(context.cwd, 'src');
    const from = layerOf(file, srcDir);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = layerOf(resolve(dirname(file), source.value), srcDir);
      if (to !== undefined && !ALLOWED[from].includes(to))
        context.report({ node: source, messageId: 'forbidden', data: { from, to, spec: source.value, why: WHY[from] } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : undefined),
    };
  },
};

export default { rules: { 'layers': rule } };
