/**
 * The app's one update flow and the service worker's start. The worker registers only in a
 * production build, where the browser allows it (a secure context: https or localhost).
 */
import { useSyncExternalStore } from 'react';
import { runBeforeReload } from './before-reload';
import { createUpdateFlow, type UpdateFlow, type UpdateState } from './update-flow';

export const appUpdate: UpdateFlow = createUpdateFlow({
  beforeReload: runBeforeReload,
  reload: () => location.reload(),
});

/** Whether this browser, on this address, can run the offline service worker at all. */
export const serviceWorkerSupported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && globalThis.isSecureContext === true;

/** Registers the worker once the page has loaded (a failure leaves the app working online). */
export function startServiceWorker(): void {
  if (!import.meta.env.PROD || !serviceWorkerSupported()) return;
  void import('./register')
    .then(({ registerServiceWorker }) => registerServiceWorker(appUpdate))
    .catch((e: unknown) => console.warn('The offline service worker did not register:', e));
}

export function useAppUpdate(flow: UpdateFlow = appUpdate): UpdateState {
  return useSyncExternalStore(flow.subscribe, flow.getState);
}
