/**
 * Registers the service worker with workbox-window and connects it to the update flow. Loaded
 * lazily after the first render, so the enumerator's first load carries none of it. New versions
 * are followed on the registration itself (registration-watch.ts), every one of them.
 */
import { Workbox } from 'workbox-window';
import { claimIfUncontrolled, watchRegistration } from './registration-watch';
import type { UpdateFlow } from './update-flow';

export async function registerServiceWorker(flow: UpdateFlow, scriptUrl = '/sw.js'): Promise<ServiceWorkerRegistration | undefined> {
  const wb = new Workbox(scriptUrl, { scope: '/' });
  const waiting = new Set<() => void>();
  const failed = new Set<() => void>();
  flow.connect({
    onWaiting: (listener) => void waiting.add(listener),
    onInstallFailed: (listener) => void failed.add(listener),
    onControlling: (listener) => wb.addEventListener('controlling', (event) => listener({ isUpdate: event.isUpdate === true })),
    skipWaiting: () => wb.messageSkipWaiting(),
    update: () => wb.update(),
  });
  const registration = await wb.register();
  if (registration) {
    watchRegistration(registration, () => navigator.serviceWorker.controller !== null, {
      waiting: () => waiting.forEach((listener) => listener()),
      installFailed: () => failed.forEach((listener) => listener()),
    });
    void claimIfUncontrolled(navigator.serviceWorker);
  }
  return registration;
}
