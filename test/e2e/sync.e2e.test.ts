/**
 * Five interviews completed offline; back online, the upload goes through
 * but the connection drops before the reply arrives (the server has stored the batch; the device
 * never hears it); the connection comes back and the device sends again. The server holds exactly
 * five interviews, and the device shows nothing waiting.
 */
import type { Route } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { deviceOutbox } from './device-db';
import { completeSipas, installAndEnrol } from './flows';
import { within, pageFaults } from './harness';
import { HomePage } from './pages';
import { openScenario, type Scenario } from './scenario';
import { sipasAnswers, storedAnswers } from './sipas';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const COUNT = 5;

interface Exchange {
  status: number;
  /** The per-interview verdicts of the server's reply. */
  verdicts: string[];
  delivered: boolean;
}

describe('sync: a reply lost in the middle of the upload', () => {
  it('ends with exactly five interviews on the server and nothing pending on the device', async () => {
    s = await openScenario('sync', inject('builds').v1);
    const { url } = s.server;
    await s.launch();
    const page = await s.page();
    await installAndEnrol(s, page, 'Điều tra viên đồng bộ');

    await s.context.setOffline(true);
    const home = await new HomePage(page, url).goto();
    await home.sync.waitOffline();
    const ids: string[] = [];
    for (let n = 0; n < COUNT; n++) ids.push(await completeSipas(home, n));
    await home.sync.waitPending(COUNT);
    await home.sync.waitIdle();
    expect(new Set(ids).size).toBe(COUNT);
    expect(s.server.submissions()).toEqual([]);

    // The network: the first upload reaches the server, which stores the batch and replies; the
    // connection drops before the reply reaches the device. Later uploads pass.
    const exchanges: Exchange[] = [];
    const context = s.context;
    let dropped: () => void = () => undefined;
    const droppedOnce = new Promise<void>((resolve) => (dropped = resolve));
    await context.route('**/api/submissions', async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as { results?: { status: string }[] };
      const verdicts = (body.results ?? []).map((r) => r.status);
      if (exchanges.length === 0) {
        exchanges.push({ status: response.status(), verdicts, delivered: false });
        await context.setOffline(true);
        await route.abort('connectionreset');
        dropped();
        return;
      }
      exchanges.push({ status: response.status(), verdicts, delivered: true });
      await route.fulfill({ response });
    });

    await context.setOffline(false);
    await within(droppedOnce, 30_000, 'the upload after going online');
    // The device saw the connection drop: everything still waits.
    await home.sync.waitOffline();
    await home.sync.waitPending(COUNT);
    await home.sync.waitIdle();
    expect(exchanges[0]).toEqual({ status: 200, verdicts: Array(COUNT).fill('stored'), delivered: false });
    expect(s.server.submissions()).toHaveLength(COUNT);

    // The connection comes back: the device sends again and the server recognises every interview.
    await context.setOffline(false);
    await home.sync.waitAllSent(30_000);
    expect(await deviceOutbox(page)).toEqual([]);
    const later = exchanges.slice(1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.flatMap((e) => e.verdicts).sort()).toEqual(Array(COUNT).fill('duplicate'));

    const onServer = s.server.submissions();
    expect(onServer.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const [n, id] of ids.entries()) {
      expect(onServer.find((r) => r.id === id)?.answers).toEqual(storedAnswers(sipasAnswers(n).sections));
    }
    // The home screen marks each one as sent.
    await page.reload();
    await home.ready();
    await expect.poll(() => home.completedSection.getByText('Đã gửi lên máy chủ').count()).toBe(COUNT);
    // No uncaught exception in any page on the way.
    expect(pageFaults(s.log)).toEqual([]);
  });
});
