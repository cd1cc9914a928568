/**
 * The PWA plugin's settings: the installable manifest (Vietnamese first) and the service worker
 * built from src/sw/sw.ts, precaching every file of the build so a cold start works offline.
 * The page registers the worker itself (src/app/pwa/), so nothing is injected into index.html.
 */
import type { VitePWAOptions } from 'vite-plugin-pwa';

export const THEME_COLOUR = '#0f5c8c';
export const BACKGROUND_COLOUR = '#f6f8fa';

export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  injectRegister: false,
  // globPatterns below already take every file of public/ (icons included), once each.
  includeManifestIcons: false,
  manifest: {
    name: 'Khảo sát CCHC — Điều tra xã hội học',
    short_name: 'Khảo sát CCHC',
    description:
      'Phiếu khảo sát xã hội học về cải cách hành chính, dùng được khi không có mạng. ' +
      'Governance survey: offline questionnaires on public administration reform.',
    lang: 'vi',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    id: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: BACKGROUND_COLOUR,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    // Everything the app can need offline: the shell, every lazily loaded chunk (each
    // questionnaire, the interview form, sync), styles, icons and the manifest. Source maps are not.
    globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
    // The plugin adds manifest.webmanifest itself.
    globIgnores: ['**/node_modules/**', 'sw.js', '.vite/**', 'icons/*.svg', 'manifest.webmanifest'],
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
    // A classic script, bundled whole: the plugin's ES-module path still passes Rollup an option
    // Vite deprecates (a warning on every build).
    rollupFormat: 'iife',
  },
  devOptions: { enabled: false },
};
