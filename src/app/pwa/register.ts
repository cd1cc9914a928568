/**
 * Registers the service worker with workbox-window and connects it to the update flow. Loaded
 * lazily after the first render, so the enumerator's first load carries none of it.
 */
import { Workbox } from 'workbox-window';
import type { UpdateFlow } from './update-flow';

export async function registerServiceWorker(flow: UpdateFlow, scriptUrl = '/sw.js'): Promise<ServiceWorkerRegistration | undefined> {
  const wb = new Workbox(scriptUrl, { scope: '/' });
  flow.connect({
    onWaiting: (listener) => wb.addEventListener('waiting', () => listener()),
    onControlling: (listener) => wb.addEventListener('controlling', (event) => listener({ isUpdate: event.isUpdate === true })),
    skipWaiting: () => wb.messageSkipWaiting(),
    update: () => wb.update(),
  });
  return wb.register();
}
