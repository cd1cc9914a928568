// npm run build:server: the collection server compiled to plain JavaScript in dist-server/ (one
// file for the server, one for the XLSX export's thread), which npm start runs. Packages stay in
// node_modules. Running the compiled server, rather than its TypeScript through tsx, keeps the
// compiler out of the server's memory (~60 MB at rest) and out of its start.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SERVER_OUT = join(root, 'dist-server');
export const SERVER_MAIN = join(SERVER_OUT, 'main.mjs');

/** The latest modification time of a file, or of any file under a folder (folders in `skip` left out); 0 if missing. */
export function newestMtime(path, skip = new Set()) {
  if (!existsSync(path) || skip.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name), skip));
  return newest;
}

/** Whether dist-server/ is missing or older than the code it is made from (src/, package.json). */
export function serverStale() {
  const builtAt = existsSync(SERVER_MAIN) ? statSync(SERVER_MAIN).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'package.json')), newestMtime(fileURLToPath(import.meta.url)));
  return builtAt === 0 || sourcesAt > builtAt;
}

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/server/main.ts',
      // ./exports/xlsx-thread starts this file when it runs compiled (import.meta.url ends in .mjs).
      'xlsx-worker': 'src/server/exports/xlsx-worker.ts',
      // ./questionnaires/read-thread starts this one the same way.
      'questionnaire-reader': 'src/server/questionnaires/read-worker.ts',
    },
    outdir: SERVER_OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`server compiled into ${SERVER_OUT}`);
}
