/**
 * Follows every new version the browser finds for the service worker registration, for as long
 * as the page is open: a tablet kept open for days may see several deployments, or a new
 * version whose install fails (a file of it could not be fetched) and then a good one.
 * workbox-window's own `waiting` event stops after the first update found in a page
 * (GoogleChrome/workbox#3285), so the app watches the registration itself.
 */

/** The parts of a ServiceWorker this needs. */
export interface WorkerLike extends Pick<EventTarget, 'addEventListener'> {
  readonly state: string;
}

/** The parts of a ServiceWorkerRegistration this needs. */
export interface RegistrationLike extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
}

export interface UpdateWatchHandlers {
  /** A new version is installed and waits to take over a page that a worker controls already. */
  waiting(): void;
  /** A new version was found but its install failed (it became redundant before installing). */
  installFailed(): void;
}

/**
 * Calls `waiting` for each new version that installs (and at once if one already waits), and
 * `installFailed` for each that fails. `controlled` says whether a worker controls the page: the
 * very first install is not an update to offer. Returns a function that stops watching.
 */
export function watchRegistration(registration: RegistrationLike, controlled: () => boolean, on: UpdateWatchHandlers): () => void {
  const watched = new WeakSet<WorkerLike>();
  const watch = (worker: WorkerLike | null) => {
    if (!worker || watched.has(worker)) return;
    watched.add(worker);
    let installed = false;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') {
        installed = true;
        if (controlled() && registration.waiting === worker) on.waiting();
      } else if (worker.state === 'redundant' && !installed) on.installFailed();
    });
  };
  const onUpdateFound = () => watch(registration.installing);
  registration.addEventListener('updatefound', onUpdateFound);
  watch(registration.installing);
  const waiting = registration.waiting;
  if (waiting) {
    watched.add(waiting);
    if (controlled()) on.waiting();
  }
  return () => registration.removeEventListener('updatefound', onUpdateFound);
}

/** The parts of a ServiceWorkerContainer `claimIfUncontrolled` needs. */
export interface ContainerLike {
  readonly controller: unknown;
  readonly ready: Promise<{ readonly active: { postMessage(message: unknown): void } | null }>;
}

/**
 * A page that opened while its first service worker was activating is not claimed by it (the
 * browser claims only the pages that existed when the worker activated), and would have no
 * offline copy of its lazily loaded parts until a reload. Once a worker is active, a page nobody
 * controls asks it to take the page ({type: 'CLAIM'}): what a reload would have given it.
 * Resolves to whether it asked.
 */
export async function claimIfUncontrolled(container: ContainerLike): Promise<boolean> {
  const registration = await container.ready;
  if (container.controller || !registration.active) return false;
  registration.active.postMessage({ type: 'CLAIM' });
  return true;
}
