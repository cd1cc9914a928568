// npm start: builds the app when dist/ is missing or older than its sources, compiles the
// collection server when dist-server/ is missing or older than its sources (scripts/build-server.mjs),
// then runs the compiled server in this same process.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildServer, newestMtime, serverStale, SERVER_MAIN } from './build-server.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
process.chdir(root);

/** What the built app is made from. The server's own code is not part of the bundle. */
const SOURCES = ['src', 'public', 'survey-definitions', 'build', 'index.html', 'vite.config.ts'];
const SKIP = new Set([join(root, 'src', 'server')]);

const builtIndex = join(root, process.env.APP_DIR || 'dist', 'index.html');
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s), SKIP)));

if (builtAt === 0 || sourcesAt > builtAt) {
  console.log(builtAt === 0 ? 'building the app…' : 'building the app… (sources changed since the last build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error('\n✗ The app did not build; fix the problem above and run npm start again.');
    process.exit(build.status ?? 1);
  }
}

if (serverStale()) {
  console.log('compiling the server…');
  try {
    await buildServer();
  } catch (e) {
    console.error(`\n✗ The server did not compile (${e instanceof Error ? e.message : String(e)}); fix the problem above and run npm start again.`);
    process.exit(1);
  }
}
await import(pathToFileURL(SERVER_MAIN).href);
