import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

afterEach(() => cleanup());
// jsdom has no scrolling and says so on the console each time the form scrolls to a new section.
if (typeof window !== 'undefined') window.scrollTo = () => undefined;
// findBy… and waitFor wait as long as the page needs, up to 10 s (Testing Library's 1 s fails on a
// busy machine); a test that passes still passes as soon as the page is ready.
configure({ asyncUtilTimeout: 10_000 });
// The English texts are a chunk the app loads when English is first chosen; loaded here once, so
// that switching language in a test is immediate, as it is in the app after that first time
// (test/app/i18n.test.ts tests the loading itself).
if (typeof window !== 'undefined') await (await import('../src/app/i18n')).loadEnglish();
