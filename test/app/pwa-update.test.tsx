/**
 * The app update: offered, never forced; accepting saves the open interview (answers and current
 * section) before the new version takes over, and the page reloads only then. The flow is driven
 * through a fake of the service worker registration (workbox-window needs a real browser).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getRecord } from '../../src/store';
import { registerBeforeReload, runBeforeReload } from '../../src/app/pwa/before-reload';
import { UpdateBanner } from '../../src/app/pwa/UpdateBanner';
import {
  ACTIVATION_TIMEOUT_MS,
  createUpdateFlow,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_RETRY_MS,
  type UpdateEnvironment,
  type UpdateFlow,
  type UpdateSource,
} from '../../src/app/pwa/update-flow';
import { def, section, single } from '../survey/fixtures';
import { openInterview, question, resetDevice } from './helpers';

/** A stand-in for the registration: the test fires its events and sees what the flow asked. */
function fakeRegistration() {
  const waiting = new Set<() => void>();
  const installFailed = new Set<() => void>();
  /** What the next checks do: 'ok' resolves, 'fail' rejects (no connection). */
  const outcomes: ('ok' | 'fail')[] = [];
  const controlling = new Set<(e: { isUpdate: boolean }) => void>();
  const calls: string[] = [];
  const source: UpdateSource = {
    onWaiting: (l) => void waiting.add(l),
    onControlling: (l) => void controlling.add(l),
    skipWaiting: () => void calls.push('skipWaiting'),
    onInstallFailed: (l) => void installFailed.add(l),
    update: () => (calls.push('update'), outcomes.shift() === 'fail' ? Promise.reject(new TypeError('Failed to update a ServiceWorker')) : Promise.resolve()),
  };
  return {
    source,
    calls,
    newVersionWaiting: () => act(() => waiting.forEach((l) => l())),
    newVersionControls: (isUpdate = true) => act(() => controlling.forEach((l) => l({ isUpdate }))),
    newVersionFailsToInstall: () => act(() => installFailed.forEach((l) => l())),
    outcomes,
  };
}

function fakeEnvironment() {
  const intervals: { fn: () => void; ms: number }[] = [];
  const timeouts: { fn: () => void; ms: number; cleared?: boolean }[] = [];
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const window = new EventTarget();
  const env: UpdateEnvironment = {
    window,
    document,
    setInterval: (fn, ms) => intervals.push({ fn, ms }),
    clearInterval: () => undefined,
    setTimeout: (fn, ms) => timeouts.push({ fn, ms }) - 1,
    clearTimeout: (handle) => void (timeouts[handle as number]!.cleared = true),
  };
  return { env, intervals, timeouts, document, window };
}

function setUp(beforeReload: () => Promise<void> = () => Promise.resolve()) {
  const registration = fakeRegistration();
  const environment = fakeEnvironment();
  const reload = vi.fn();
  const order: string[] = [];
  const flow = createUpdateFlow({
    beforeReload: async () => {
      order.push('beforeReload');
      await beforeReload();
    },
    reload: () => (order.push('reload'), reload()),
    env: environment.env,
  });
  const skip = registration.source.skipWaiting;
  registration.source.skipWaiting = () => (order.push('skipWaiting'), skip());
  flow.connect(registration.source);
  return { flow, reload, order, ...registration, ...environment };
}

describe('the update flow', () => {
  it('offers a waiting version and does nothing else until the user answers', () => {
    const { flow, reload, calls, newVersionWaiting } = setUp();
    expect(flow.getState().kind).toBe('idle');
    newVersionWaiting();
    expect(flow.getState().kind).toBe('available');
    expect(calls).not.toContain('skipWaiting');
    expect(reload).not.toHaveBeenCalled();
  });

  it('hides the offer on "later", and offers again when a newer version arrives', () => {
    const { flow, newVersionWaiting } = setUp();
    newVersionWaiting();
    flow.dismiss();
    expect(flow.getState().kind).toBe('idle');
    newVersionWaiting();
    expect(flow.getState().kind).toBe('available');
  });

  it('saves first, then lets the new version take over, and reloads once it controls the page', async () => {
    const { flow, reload, order, newVersionWaiting, newVersionControls } = setUp();
    newVersionWaiting();
    await act(() => flow.accept());
    expect(flow.getState().kind).toBe('activating');
    expect(order).toEqual(['beforeReload', 'skipWaiting']);
    expect(reload).not.toHaveBeenCalled();
    newVersionControls();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    // Saved again right before the reload: nothing typed in between is lost.
    expect(order).toEqual(['beforeReload', 'skipWaiting', 'beforeReload', 'reload']);
  });

  it('does not update when the open interview cannot be saved, and can try again', async () => {
    let fail = true;
    const { flow, reload, calls, newVersionWaiting } = setUp(() => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()));
    newVersionWaiting();
    await act(() => flow.accept());
    expect(flow.getState().kind).toBe('saveFailed');
    expect(calls).not.toContain('skipWaiting');
    expect(reload).not.toHaveBeenCalled();
    fail = false;
    await act(() => flow.accept());
    expect(calls).toContain('skipWaiting');
  });

  it('never reloads when a new version takes control without the user accepting', async () => {
    const { flow, reload, calls, newVersionControls } = setUp();
    newVersionControls(false); // the very first install claiming the page: nothing to offer
    expect(flow.getState().kind).toBe('idle');
    newVersionControls(true); // another tab accepted an update
    expect(flow.getState().kind).toBe('available');
    expect(reload).not.toHaveBeenCalled();
    await act(() => flow.accept());
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(calls).not.toContain('skipWaiting'); // the new version is already in control
  });

  it('reloads after a while if the new version never reports taking over (the draft is saved already)', async () => {
    const { flow, reload, timeouts, newVersionWaiting } = setUp();
    newVersionWaiting();
    await act(() => flow.accept());
    expect(timeouts.map((t) => t.ms)).toEqual([ACTIVATION_TIMEOUT_MS]);
    timeouts[0]!.fn();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
  });

  it('looks for a new version every 30 minutes, on `online` and when the page becomes visible', () => {
    const { calls, intervals, window, document } = setUp();
    expect(intervals.map((i) => i.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    intervals[0]!.fn();
    window.dispatchEvent(new Event('online'));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toEqual(['update', 'update', 'update']);
  });
});

describe('a check or an install that fails', () => {
  /** Lets the rejected check settle, then runs the retry that is due and says how long it waited. */
  async function runRetry(timeouts: { fn: () => void; ms: number; cleared?: boolean }[]): Promise<number | undefined> {
    await Promise.resolve();
    await Promise.resolve();
    const due = timeouts.filter((t) => !t.cleared && !(t as { ran?: boolean }).ran);
    if (due.length === 0) return undefined;
    expect(due).toHaveLength(1);
    (due[0] as { ran?: boolean }).ran = true;
    due[0]!.fn();
    return due[0]!.ms;
  }

  it('checks again after 15 s, 1 min and 5 min when a check fails, then waits for the regular checks', async () => {
    const { calls, timeouts, window, outcomes } = setUp();
    outcomes.push('fail', 'fail', 'fail', 'fail');
    window.dispatchEvent(new Event('online'));
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) waits.push(await runRetry(timeouts));
    expect(waits).toEqual([...UPDATE_RETRY_MS, undefined]);
    expect(calls).toEqual(['update', 'update', 'update', 'update']);
    // The next regular check starts a new series.
    outcomes.push('fail');
    window.dispatchEvent(new Event('online'));
    expect(await runRetry(timeouts)).toBe(UPDATE_RETRY_MS[0]);
    expect(calls).toHaveLength(6);
  });

  it('stops retrying once a check goes through, and a regular check replaces a pending retry', async () => {
    const { calls, timeouts, window, document, outcomes } = setUp();
    outcomes.push('fail', 'ok');
    window.dispatchEvent(new Event('online'));
    expect(await runRetry(timeouts)).toBe(UPDATE_RETRY_MS[0]);
    expect(await runRetry(timeouts)).toBeUndefined();
    outcomes.push('fail');
    document.dispatchEvent(new Event('visibilitychange'));
    await Promise.resolve();
    await Promise.resolve();
    window.dispatchEvent(new Event('online')); // before the retry is due
    expect(timeouts.filter((t) => t.cleared)).toHaveLength(1);
    expect(calls).toEqual(['update', 'update', 'update', 'update']);
  });

  it('checks again when a new version fails to install, and offers the one that installs', async () => {
    const { flow, calls, timeouts, newVersionFailsToInstall, newVersionWaiting } = setUp();
    newVersionFailsToInstall();
    expect(flow.getState().kind).toBe('idle');
    expect(await runRetry(timeouts)).toBe(UPDATE_RETRY_MS[0]);
    expect(calls).toEqual(['update']);
    newVersionFailsToInstall();
    expect(await runRetry(timeouts)).toBe(UPDATE_RETRY_MS[1]);
    newVersionWaiting();
    expect(flow.getState().kind).toBe('available');
  });

  it('does not retry after it is stopped', async () => {
    const { flow, timeouts, window, outcomes } = setUp();
    outcomes.push('fail');
    flow.check();
    flow.stop();
    window.dispatchEvent(new Event('online'));
    expect(await runRetry(timeouts)).toBeUndefined();
  });
});

describe('the update banner over an open interview', () => {
  const survey = def({
    sections: [section('first', [single('q1', ['a', 'b'], { required: true })]), section('second', [single('q2', ['c', 'd'])])],
  });
  const user = userEvent.setup();
  beforeEach(resetDevice);

  const banner = () => screen.getByRole('status', { name: 'Cập nhật ứng dụng' });

  it('is a non-blocking status offering "Cập nhật ngay" and "Để sau"', async () => {
    const { flow, newVersionWaiting } = setUp();
    render(<UpdateBanner flow={flow} />);
    expect(screen.queryByRole('status', { name: 'Cập nhật ứng dụng' })).toBeNull();
    newVersionWaiting();
    expect(banner()).toHaveTextContent('Đã có phiên bản mới của ứng dụng.');
    await user.click(within(banner()).getByRole('button', { name: 'Để sau' }));
    expect(screen.queryByRole('status', { name: 'Cập nhật ứng dụng' })).toBeNull();
  });

  it('stores the answers and the current section before the new version takes over', async () => {
    const { record } = await openInterview(survey);
    const registration = fakeRegistration();
    const reload = vi.fn();
    const flow: UpdateFlow = createUpdateFlow({ beforeReload: runBeforeReload, reload, env: fakeEnvironment().env });
    let storedAtSwitch: Awaited<ReturnType<typeof getRecord>>;
    registration.source.skipWaiting = () => void getRecord(record.id).then((r) => (storedAtSwitch = r));
    flow.connect(registration.source);
    render(<UpdateBanner flow={flow} />);

    await user.click(within(question('q1')).getByRole('radio', { name: 'option b (vi)' }));
    await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
    registration.newVersionWaiting();
    // The last answer and the click on "update now" in one go: the answer is still queued (it is
    // written after the next paint) when the update starts, so only the flush can save it.
    act(() => {
      fireEvent.click(within(question('q2')).getByRole('radio', { name: 'option d (vi)' }));
      fireEvent.click(within(banner()).getByRole('button', { name: 'Cập nhật ngay' }));
    });
    await vi.waitFor(() => expect(storedAtSwitch).toBeDefined());
    expect(storedAtSwitch).toMatchObject({ answers: { q1: 'b', q2: 'd' }, currentSectionId: 'second', status: 'draft' });
    expect(reload).not.toHaveBeenCalled();
    registration.newVersionControls();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
  });

  it('runs every registered task before a reload, and none after it is removed', async () => {
    const task = vi.fn(() => Promise.resolve());
    const remove = registerBeforeReload(task);
    await runBeforeReload();
    remove();
    await runBeforeReload();
    expect(task).toHaveBeenCalledOnce();
  });
});
