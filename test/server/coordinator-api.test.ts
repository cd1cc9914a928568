// @vitest-environment node
/**
 * The coordinators' API with a session: enrolment codes a device can use, the device list with last
 * contact and interviews, revoking a device, and the dashboard (quotas, per day, per enumerator).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoordinatorDashboard, CoordinatorDevices, DeviceSummary } from '../../src/contract';
import { vietnamToday } from '../../src/server/campaigns/day';
import { CAMPAIGN_ID, CURRENT_CAMPAIGN_ID } from './campaign-fixtures';
import { enrolThroughCoordinator, startWithCoordinator } from './coordinator-session';
import { validSipasSubmission } from './fixtures';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import { officialsSubmission } from './officials';

describeEachDatabase('coordinator API', (database) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => ({ server, cookie } = await startWithCoordinator({ database })));
  afterAll(() => server.close());

  const getAs = (path: string) => get(server, path, { cookie });
  const postAs = (path: string, body: unknown) => post(server, path, body, { headers: { cookie } });

  async function enrolThroughApi(name: string): Promise<{ deviceId: string; token: string }> {
    const { issued: code, ...enrolled } = await enrolThroughCoordinator(server, cookie, name, 'Samsung Tab A8');
    expect(code.name).toBe(name);
    expect(code.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);
    return enrolled;
  }

  it('issues an enrolment code that enrols a device once; the device then appears in the list', async () => {
    const { deviceId } = await enrolThroughApi('Lê Văn C');
    const r = await getAs('/api/coordinator/devices');
    expect(r.status).toBe(200);
    const device = CoordinatorDevices.parse(r.body).devices.find((d) => d.id === deviceId);
    expect(device).toMatchObject({ name: 'Lê Văn C', label: 'Samsung Tab A8', revokedAt: null, lastSyncAt: null, interviews: 0 });
    expect(device?.lastSeenAt).not.toBeNull();
  });

  it('refuses an enrolment code without a name', async () => {
    for (const body of [{}, { name: '' }, { name: '   ' }]) {
      const r = await postAs('/api/coordinator/enrolment-codes', body);
      expect([r.status, errorCode(r)]).toEqual([400, 'invalid_request']);
    }
  });

  it('counts a device’s interviews and its last sync, and revokes it: its uploads are refused at once', async () => {
    const { deviceId, token } = await enrolThroughApi('Phạm Thị D');
    const sent = await post(server, '/api/submissions', { items: [validSipasSubmission(), validSipasSubmission()] }, { token });
    expect(sent.status).toBe(200);
    let device = CoordinatorDevices.parse((await getAs('/api/coordinator/devices')).body).devices.find((d) => d.id === deviceId);
    expect(device?.interviews).toBe(2);
    expect(Date.parse(device?.lastSyncAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const revoked = await postAs(`/api/coordinator/devices/${deviceId}/revoke`, {});
    expect(revoked.status).toBe(200);
    device = (revoked.body as { device: DeviceSummary }).device;
    expect(DeviceSummary.parse(device).revokedAt).not.toBeNull();
    const refused = await post(server, '/api/submissions', { items: [validSipasSubmission()] }, { token });
    expect([refused.status, errorCode(refused)]).toEqual([401, 'token_revoked']);

    const missing = await postAs('/api/coordinator/devices/no-such-device/revoke', {});
    expect([missing.status, errorCode(missing)]).toEqual([404, 'not_found']);
  });

  it('shows the dashboard: quotas with discrepancies, interviews per day and per enumerator, devices, totals', async () => {
    const a = await enrolThroughApi('Võ Văn E');
    const b = await enrolThroughApi('Đặng Thị G');
    await post(server, '/api/submissions', { items: [officialsSubmission('department-leader', 'y-te'), officialsSubmission('department-leader', 'y-te')] }, { token: a.token });
    await post(
      server,
      '/api/submissions',
      {
        items: [
          officialsSubmission('department-leader', 'y-te', { completedAt: '2021-11-12T10:00:00.000+07:00' }),
          officialsSubmission('delegate', undefined, { completedAt: '2021-11-12T23:30:00.000+07:00' }),
        ],
      },
      { token: b.token },
    );
    // The 2021 campaign, named: shown by default is the current one, quang-tri-2026 (these interviews are from 2021 and 2024).
    const r = await getAs(`/api/coordinator/dashboard?campaign=${CAMPAIGN_ID}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const d = CoordinatorDashboard.parse(r.body);
    expect(d.quota?.campaignId).toBe(CAMPAIGN_ID);
    expect(d.quota?.discrepancies.map((x) => [x.scope, x.declared, x.computed])).toEqual([['campaign', 169, 199]]);
    const health = d.quota?.groups.find((g) => g.id === 'department-leader')?.strata.find((s) => s.value === 'y-te');
    expect(health).toMatchObject({ target: 3, accepted: 3, full: true, over: 0 });
    expect(d.campaigns).toEqual([
      { id: CAMPAIGN_ID, title: d.quota?.title, start: '2021-11-01', end: '2021-11-30' },
      { id: CURRENT_CAMPAIGN_ID, title: expect.objectContaining({ vi: expect.stringContaining('Quảng Trị năm 2026') as string }) as unknown, start: '2026-10-01', end: '2026-12-31' },
    ]);

    // The SIPAS interviews of the earlier test (completed 2024-11-05) count towards the same campaign: the latest to have started.
    const days = Object.fromEntries(d.perDay.map((x) => [x.date, x.count]));
    expect(days['2021-11-10']).toBe(2);
    expect(days['2021-11-12']).toBe(2);
    expect(d.perDay.map((x) => x.date)).toEqual([...d.perDay.map((x) => x.date)].sort());
    expect(d.totals.interviews).toBe(d.perDay.reduce((n, x) => n + x.count, 0));
    expect(d.totals.today).toBe(days[vietnamToday()] ?? 0);

    const perEnumerator = Object.fromEntries(d.perEnumerator.map((x) => [x.name, x.count]));
    expect(perEnumerator['Võ Văn E']).toBe(2);
    expect(perEnumerator['Đặng Thị G']).toBe(2);
    expect(perEnumerator['Lê Văn C']).toBe(0); // an active device without interviews is listed: a gap to chase
    expect(d.perEnumerator.find((x) => x.deviceId === a.deviceId)?.lastSyncAt).not.toBeNull();
    expect(d.devices.map((x) => x.name)).toEqual(expect.arrayContaining(['Lê Văn C', 'Phạm Thị D', 'Võ Văn E', 'Đặng Thị G']));
  });

  it('chooses a campaign with ?campaign= and answers 404 for an unknown one', async () => {
    const r = await getAs(`/api/coordinator/dashboard?campaign=${CAMPAIGN_ID}`);
    expect(CoordinatorDashboard.parse(r.body).quota?.campaignId).toBe(CAMPAIGN_ID);
    const missing = await getAs('/api/coordinator/dashboard?campaign=nope');
    expect([missing.status, errorCode(missing)]).toEqual([404, 'not_found']);
  });
});
