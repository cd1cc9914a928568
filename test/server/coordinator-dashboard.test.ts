// @vitest-environment node
/**
 * Every questionnaire with data is reachable from the dashboard. PAPI interviews (a
 * questionnaire no campaign surveys, stored with campaign '') are counted in the totals, listed per
 * enumerator and offered for export beside the campaign's questionnaires; an enumerator whose
 * device enrolled again is one row (devices grouped by the name given with the enrolment code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoordinatorDashboard, CoordinatorDevices, type DeviceSummary, type Submission } from '../../src/contract';
import { LINK_DEVICE_ID } from '../../src/server/auth/devices';
import { enumeratorRows } from '../../src/server/dashboard/enumerators';
import { CAMPAIGN_ID } from './campaign-fixtures';
import { enrolThroughCoordinator, startWithCoordinator } from './coordinator-session';
import { validSipasV2Submission } from './fixtures';
import { describeEachDatabase, type TestServer } from './harness';
import { get, post } from './http';
import { officialsSubmission } from './officials';
import { papi, papiSubmission } from './papi';
import { foldScoreTotals } from '../../src/server/scores/fold';

describeEachDatabase('dashboard: every questionnaire with data is reachable', (database) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => ({ server, cookie } = await startWithCoordinator({ database })));
  afterAll(() => server.close());

  const getAs = (path: string) => get(server, path, { cookie });

  const enrol = (name: string) => enrolThroughCoordinator(server, cookie, name, 'Máy tính bảng');

  async function send(token: string, items: Submission[]): Promise<void> {
    const r = await post(server, '/api/submissions', { items }, { token });
    expect((r.body as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(items.map(() => 'stored'));
  }

  it('counts, lists per enumerator and exports PAPI interviews; one row per enumerator after re-enrolment', async () => {
    // The first tablet sends a citizens' SIPAS interview (the campaign's) and a PAPI one (no campaign's).
    const first = await enrol('Nguyễn Văn A');
    // Started and completed in 2021 (the fixture's start, in 2024, would make its clock suspect and count it on the day received).
    await send(first.token, [validSipasV2Submission({ startedAt: '2021-11-10T08:40:00.000+07:00', completedAt: '2021-11-10T09:00:00.000+07:00' }), papiSubmission()]);
    // It is replaced: the coordinator issues a new code under the same name (typed decomposed, with an
    // extra space) and revokes the old tablet, which keeps its interviews.
    const second = await enrol('Nguyễn  Văn A'.normalize('NFD'));
    await post(server, `/api/coordinator/devices/${first.deviceId}/revoke`, {}, { headers: { cookie } });
    await send(second.token, [officialsSubmission('delegate', undefined, { completedAt: '2021-11-11T10:00:00.000+07:00' }), papiSubmission(), papiSubmission()]);
    const idle = await enrol('Trần Thị B');

    // The 2021 campaign, named: the one shown by default is the current one (quang-tri-2026), which these 2021 interviews are not in.
    const d = CoordinatorDashboard.parse((await getAs(`/api/coordinator/dashboard?campaign=${CAMPAIGN_ID}`)).body);
    expect(d.quota?.campaignId).toBe(CAMPAIGN_ID);

    // Counted: the campaign's 2, and apart from them the 3 outside any campaign, named by questionnaire.
    expect(d.totals.interviews).toBe(2);
    expect(d.totals.outsideCampaigns).toEqual({ interviews: 3, questionnaires: [{ id: 'papi-citizen', title: papi.title, interviews: 3 }] });
    expect(d.totals.otherCampaigns).toBe(0);
    // Nothing is left out: the devices page's figures add up to the dashboard's.
    const devices = CoordinatorDevices.parse((await getAs('/api/coordinator/devices')).body).devices;
    const stored = devices.reduce((n, x) => n + x.interviews, 0);
    expect(stored).toBe(5);
    expect(d.totals.interviews + d.totals.outsideCampaigns!.interviews + d.totals.otherCampaigns!).toBe(stored);

    // Listed per enumerator: one row for both tablets, summed, with the latest sync.
    const rows = d.perEnumerator.filter((r) => r.name === 'Nguyễn Văn A'); // the latest spelling, in NFC
    expect(rows).toHaveLength(1);
    const a = rows[0]!;
    expect(a).toMatchObject({ deviceIds: [first.deviceId, second.deviceId], deviceId: second.deviceId, kind: 'enumerator', count: 2, outsideCampaigns: 3 });
    const syncs = devices.filter((x) => x.id === first.deviceId || x.id === second.deviceId).map((x) => x.lastSyncAt!);
    expect(a.lastSyncAt).toBe(syncs.sort().at(-1));
    expect(d.perEnumerator.find((r) => r.name === 'Trần Thị B')).toMatchObject({ deviceIds: [idle.deviceId], count: 0, outsideCampaigns: 0, lastSyncAt: null });
    expect(d.perEnumerator.some((r) => r.kind === 'links')).toBe(false); // no link interviews yet

    // Exportable: the campaign's questionnaires first (with or without interviews), then PAPI, with titles.
    const listed = d.questionnaires!.map((q) => [`${q.id}@${q.version}`, q.campaign, q.interviews]);
    expect(listed).toEqual([
      ['par-delegates@1', true, true],
      ['par-department-leaders@1', true, false],
      ['par-unit-leaders@1', true, false],
      ['par-district-leaders@1', true, false],
      ['sipas-citizen@2', true, true],
      ['papi-citizen@1', false, true],
    ]);
    expect(d.questionnaires!.find((q) => q.id === 'papi-citizen')?.title).toEqual(papi.title);
    // Every shipped questionnaire is scored: the page offers its scores' downloads.
    expect(d.questionnaires!.map((q) => q.scoring)).toEqual(d.questionnaires!.map(() => true));
    const csv = await getAs('/api/coordinator/exports/papi-citizen/1.csv');
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\n')).toHaveLength(4); // a header and the three PAPI interviews

    // Read from the score totals while every interview outside a campaign is scored; from the
    // interviews themselves when some are not (a questionnaire without scoring, scores pending).
    await foldScoreTotals(server.database.db);
    const scored = await server.database.db
      .selectFrom('score_totals')
      .select(({ fn }) => fn.sum<string | number>('interviews').as('n'))
      .where('campaign_id', '=', '')
      .where('part_key', '=', '')
      .executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(3); // PAPI has scoring: the totals hold all three
    await server.database.db.deleteFrom('score_totals').where('campaign_id', '=', '').where('stratum', '=', papiSubmission().stratum!).execute();
    const unscored = CoordinatorDashboard.parse((await getAs(`/api/coordinator/dashboard?campaign=${CAMPAIGN_ID}`)).body);
    expect(unscored.totals.outsideCampaigns).toEqual(d.totals.outsideCampaigns);

    // What the plan's total covers: 169 for the four officials' groups (not the citizens).
    expect(d.declaredTotal).toEqual({ value: 169, groups: ['delegate', 'department-leader', 'unit-leader', 'district-leader'] });
  });
});

describe('per-enumerator rows', () => {
  const device = (id: string, name: string, extra: Partial<DeviceSummary> = {}): DeviceSummary => ({
    id,
    name,
    label: null,
    createdAt: '2021-11-01T00:00:00.000Z',
    lastSeenAt: null,
    lastSyncAt: null,
    revokedAt: null,
    interviews: 0,
    ...extra,
  });

  it('groups devices by name (spelling, spacing and case aside), never the respondent links’ row with an enumerator', () => {
    const rows = enumeratorRows(
      [
        device('a1', 'Lê Thị Hoa', { lastSyncAt: '2021-11-05T01:00:00.000Z', revokedAt: '2021-11-06T00:00:00.000Z' }),
        device(LINK_DEVICE_ID, 'Tự điền qua liên kết / Self-administered (link)', { lastSyncAt: '2021-11-07T01:00:00.000Z' }),
        device('a2', ' lê thị  hoa'.normalize('NFD'), { lastSyncAt: '2021-11-04T01:00:00.000Z' }),
        device('b1', 'Tự điền qua liên kết / Self-administered (link)'),
        device('c1', 'Revoked without interviews', { revokedAt: '2021-11-02T00:00:00.000Z' }),
      ],
      new Map([
        ['a1', { campaign: 4, outside: 1 }],
        ['a2', { campaign: 2, outside: 0 }],
        [LINK_DEVICE_ID, { campaign: 3, outside: 0 }],
      ]),
    );
    expect(rows).toEqual([
      { deviceId: 'a2', deviceIds: ['a1', 'a2'], name: 'lê thị hoa', kind: 'enumerator', count: 6, outsideCampaigns: 1, lastSyncAt: '2021-11-05T01:00:00.000Z' },
      { deviceId: LINK_DEVICE_ID, deviceIds: [LINK_DEVICE_ID], name: 'Tự điền qua liên kết / Self-administered (link)', kind: 'links', count: 3, outsideCampaigns: 0, lastSyncAt: '2021-11-07T01:00:00.000Z' },
      { deviceId: 'b1', deviceIds: ['b1'], name: 'Tự điền qua liên kết / Self-administered (link)', kind: 'enumerator', count: 0, outsideCampaigns: 0, lastSyncAt: null },
    ]);
  });
});
