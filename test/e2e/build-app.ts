/**
 * Builds the app with the repository's vite.config.ts (the PWA plugin and its service worker
 * included) into a folder, stamping index.html with <meta name="e2e-build" content="<label>">.
 * Two builds with different labels differ in index.html, hence in the service worker's precache
 * manifest: the browser sees a new version. Run in its own process (see harness.ts buildApp):
 *   node --import tsx test/e2e/build-app.ts <outDir> <label>
 */
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { BUILD_MARKER, ROOT } from './paths';

function buildMarker(label: string): Plugin {
  return {
    name: 'e2e-build-marker',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: BUILD_MARKER, content: label }, injectTo: 'head' }],
  };
}

async function main(): Promise<void> {
  const [outDir, label] = process.argv.slice(2);
  if (!outDir || !label) throw new Error('usage: build-app.ts <outDir> <label>');
  await build({
    root: ROOT,
    configFile: resolve(ROOT, 'vite.config.ts'),
    // Loaded through Vite's module runner: the default bundling loader warns on every build.
    configLoader: 'runner',
    mode: 'production',
    logLevel: 'warn',
    plugins: [buildMarker(label)],
    build: { outDir: resolve(outDir), emptyOutDir: true },
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
