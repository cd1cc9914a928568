/**
 * The service worker: precaches the whole built app (every questionnaire chunk included) so it
 * starts from cold with no network, answers every navigation with the precached index.html, and
 * never touches /api/ (no runtime caching: interviews and definitions always go to the server).
 * A new version waits until the page, with the user's consent, sends {type: 'SKIP_WAITING'}; a
 * page left unclaimed by the first activation sends {type: 'CLAIM'}.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // A page opened while this worker was activating asks to be taken (registration-watch.ts).
  else if (type === 'CLAIM') event.waitUntil(self.clients.claim());
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once, so its lazily loaded chunks come from the cache
// even before a reload. Updates still wait: claiming happens on activation, after SKIP_WAITING.
clientsClaim();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api(\/|$)/] }));
