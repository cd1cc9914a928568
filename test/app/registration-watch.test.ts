/**
 * Every new version found while the page is open is followed: each one that installs is offered
 * (not only the first, which is all workbox-window reports), each one that fails is reported.
 */
import { describe, expect, it } from 'vitest';
import { claimIfUncontrolled, watchRegistration, type RegistrationLike, type WorkerLike } from '../../src/app/pwa/registration-watch';

class FakeWorker extends EventTarget implements WorkerLike {
  state = 'installing';
  constructor(private readonly registration: FakeRegistration) {
    super();
  }
  /** Moves to `state` as the browser would, updating the registration's slots first. */
  to(state: 'installed' | 'activating' | 'activated' | 'redundant'): void {
    const r = this.registration;
    if (r.installing === this) r.installing = null;
    if (state === 'installed') r.waiting = this;
    if (state === 'redundant' && r.waiting === this) r.waiting = null;
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** The browser found a new version: it starts installing. */
  found(): FakeWorker {
    const worker = new FakeWorker(this);
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
    return worker;
  }
}

function setUp(controlled = true) {
  const registration = new FakeRegistration();
  const seen: string[] = [];
  const stop = watchRegistration(registration, () => controlled, {
    waiting: () => seen.push('waiting'),
    installFailed: () => seen.push('installFailed'),
  });
  return { registration, seen, stop };
}

describe('following new versions of the service worker', () => {
  it('offers each version that installs, for as long as the page is open', () => {
    const { registration, seen } = setUp();
    registration.found().to('installed');
    expect(seen).toEqual(['waiting']);
    // A second deployment replaces the waiting one (the user said "later" to the first).
    const first = registration.waiting!;
    const second = registration.found();
    first.to('redundant');
    second.to('installed');
    expect(seen).toEqual(['waiting', 'waiting']);
  });

  it('reports a version whose install fails, and offers the next one that installs', () => {
    const { registration, seen } = setUp();
    registration.found().to('redundant');
    expect(seen).toEqual(['installFailed']);
    registration.found().to('installed');
    expect(seen).toEqual(['installFailed', 'waiting']);
  });

  it('offers a version that was already waiting or installing when the page started', () => {
    const registration = new FakeRegistration();
    const waiting = new FakeWorker(registration);
    registration.waiting = waiting;
    waiting.state = 'installed';
    const installing = new FakeWorker(registration);
    registration.installing = installing;
    const seen: string[] = [];
    watchRegistration(registration, () => true, { waiting: () => seen.push('waiting'), installFailed: () => seen.push('installFailed') });
    expect(seen).toEqual(['waiting']);
    waiting.to('redundant'); // replaced by the newer one: not a failed install
    installing.to('installed');
    expect(seen).toEqual(['waiting', 'waiting']);
  });

  it('offers nothing for the very first install, when no worker controls the page yet', () => {
    const { registration, seen } = setUp(false);
    const worker = registration.found();
    worker.to('installed');
    worker.to('activating');
    worker.to('activated');
    expect(seen).toEqual([]);
  });

  it('stops following when told to', () => {
    const { registration, seen, stop } = setUp();
    stop();
    registration.found().to('installed');
    expect(seen).toEqual([]);
  });
});

describe('a page the first worker did not claim', () => {
  const container = (controller: unknown, active: boolean) => {
    const sent: unknown[] = [];
    return { sent, container: { controller, ready: Promise.resolve({ active: active ? { postMessage: (m: unknown) => void sent.push(m) } : null }) } };
  };

  it('asks the active worker to take it', async () => {
    const { sent, container: c } = container(null, true);
    expect(await claimIfUncontrolled(c)).toBe(true);
    expect(sent).toEqual([{ type: 'CLAIM' }]);
  });

  it('asks nothing of a page already controlled', async () => {
    const { sent, container: c } = container({}, true);
    expect(await claimIfUncontrolled(c)).toBe(false);
    expect(sent).toEqual([]);
  });
});
