/** Where things are, shared by the harness, the build script and the scenarios. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The <meta name> the e2e builds carry in index.html (build-app.ts). */
export const BUILD_MARKER = 'e2e-build';
/** The app's IndexedDB database (src/store/db.ts). */
export const DEVICE_DB = 'governance-survey';
