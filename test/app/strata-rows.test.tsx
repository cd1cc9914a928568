/**
 * A matrix rating the campaign's strata on the enumerator's device: its rows are the strata the
 * campaign's last snapshot plans for the interview's group (with the campaign's names), every one
 * of them required; without a snapshot, the group's list; a draft that rated a department the plan
 * has since dropped keeps that row and completes with it. A respondent's link rates the plan the
 * server gave it.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LinkInfo, LinkStarted, QuotaSnapshot } from '../../src/contract';
import RespondApp, { RespondEnvContext } from '../../src/app/respond/RespondApp';
import type { FetchLike } from '../../src/sync';
import { getRecord, saveDraft, saveQuotaSnapshot, startInterview } from '../../src/store';
import type { Definition } from '../../src/survey';
import { def, group, item, matrix, scale, section, single } from '../survey/fixtures';
import { openInterview, question, resetDevice } from './helpers';

/** Department leaders rate the service of each department the campaign surveys this year. */
const rating: Definition = def({
  id: 'dept-service',
  version: 2,
  respondentGroups: [group('leader', { stratumList: 'departments' })],
  scales: { service: scale(['good', 'poor']) },
  lists: { departments: [item('so-noi-vu'), item('so-tai-chinh'), item('so-y-te')] },
  sections: [
    section('s1', [
      single('dept', [], { optionsFrom: 'departments', fromStratum: true }),
      matrix('rate', 'service', [], { rowsFrom: { strata: true }, required: true }),
    ]),
  ],
});

const tx = (vi: string, en: string) => ({ vi, en });

/** The current campaign plans two of the list's three departments, under this year's names. */
function snapshot(): QuotaSnapshot {
  const stratum = (value: string, label: { vi: string; en: string }) => ({ value, label, target: 3, accepted: 0, over: 0, full: false });
  return QuotaSnapshot.parse({
    campaignId: 'quang-tri-2026',
    title: tx('Khảo sát năm 2026', '2026 survey'),
    start: '2026-11-01',
    end: '2026-11-30',
    status: 'running',
    takenAt: '2026-11-03T02:00:00.000Z',
    groups: [
      {
        id: 'leader',
        label: tx('Lãnh đạo sở', 'Department leaders'),
        policy: 'continue',
        questionnaire: { id: 'dept-service', version: 2 },
        target: 6,
        accepted: 1,
        over: 0,
        full: false,
        strata: [
          stratum('so-y-te', tx('Sở Y tế Quảng Trị', 'Quảng Trị Department of Health')),
          stratum('so-tai-chinh', tx('Sở Tài chính (sau hợp nhất)', 'Department of Finance (merged)')),
          // Shown only because an interview arrived for it: not planned, so not a row.
          { ...stratum('so-noi-vu', tx('Sở Nội vụ', 'Home Affairs')), target: 0, accepted: 1, over: 1, full: true },
        ],
      },
    ],
    discrepancies: [],
  });
}

const user = userEvent.setup();
const painted = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
const rowNames = () => within(question('rate')).getAllByRole('rowheader').map((th) => th.textContent);
const cell = (row: string, option: string) => within(question('rate')).getByRole('radio', { name: `${row}: option ${option} (vi)` });
const finish = () => user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));

async function draftIn(stratum: string) {
  return startInterview({ definition: rating, respondentGroup: 'leader', stratum, lang: 'vi' });
}

beforeEach(resetDevice);

describe('a matrix of the campaign’s strata on the device', () => {
  it('rates the strata the campaign plans, by the campaign’s names, and requires every one', async () => {
    await saveQuotaSnapshot(snapshot());
    const { record, completed } = await openInterview(rating, await draftIn('so-y-te'));
    expect(rowNames()).toEqual(['Sở Y tế Quảng Trị', 'Sở Tài chính (sau hợp nhất)']);
    await user.click(cell('Sở Y tế Quảng Trị', 'good'));
    await painted();
    await finish();
    expect(await within(question('rate')).findByText('Vui lòng đánh giá tất cả các dòng (còn 1 dòng).')).toBeTruthy();
    expect(completed).toHaveLength(0);
    await user.click(cell('Sở Tài chính (sau hợp nhất)', 'poor'));
    await painted();
    await finish();
    await waitFor(() => expect(completed).toHaveLength(1));
    const done = await getRecord(record.id);
    expect(done?.status).toBe('completed');
    expect(done?.answers).toEqual({ dept: 'so-y-te', rate: { 'so-y-te': 'good', 'so-tai-chinh': 'poor' } });
  });

  it('rates the group’s list on a device that has no campaign yet', async () => {
    await openInterview(rating, await draftIn('so-y-te'));
    expect(rowNames()).toEqual(['item so-noi-vu (vi)', 'item so-tai-chinh (vi)', 'item so-y-te (vi)']);
  });

  it('keeps a draft’s rating of a department the plan has since dropped, and completes with it', async () => {
    // Begun before any campaign reached this device: the Department of Home Affairs was rated.
    const draft = await draftIn('so-y-te');
    await saveDraft(draft.id, { answers: { dept: 'so-y-te', rate: { 'so-noi-vu': 'good' } } });
    await saveQuotaSnapshot(snapshot());
    const { completed } = await openInterview(rating, (await getRecord(draft.id))!);
    expect(rowNames()).toEqual(['Sở Y tế Quảng Trị', 'Sở Tài chính (sau hợp nhất)', 'item so-noi-vu (vi)']);
    expect(cell('item so-noi-vu (vi)', 'good')).toBeChecked();
    await user.click(within(question('rate')).getByRole('button', { name: 'Chọn “option poor (vi)” cho mọi dòng' }));
    await finish();
    await waitFor(() => expect(completed).toHaveLength(1));
    expect((await getRecord(draft.id))?.answers.rate).toEqual({ 'so-y-te': 'poor', 'so-tai-chinh': 'poor', 'so-noi-vu': 'poor' });
  });
});

/** A department founded this year: the campaign plans it, the questionnaire's list lacks it. */
const FOREIGN = { value: 'so-ngoai-vu', label: tx('Sở Ngoại vụ (thành lập 2026)', 'Department of Foreign Affairs (founded 2026)') };

describe('a stratum the campaign plans outside the questionnaire’s list, on the device', () => {
  it('is named by the campaign in the question recording it, rated as a row, and the interview completes', async () => {
    const plan = snapshot();
    const leaders = plan.groups[0]!;
    await saveQuotaSnapshot({ ...plan, groups: [{ ...leaders, strata: [...leaders.strata, { ...FOREIGN, target: 2, accepted: 0, over: 0, full: false }] }] });
    const draft = await startInterview({ definition: rating, respondentGroup: 'leader', stratum: FOREIGN.value, stratumLabel: FOREIGN.label, lang: 'vi' });
    expect(draft).toMatchObject({ stratum: FOREIGN.value, stratumLabel: FOREIGN.label, answers: { dept: FOREIGN.value } });
    const { completed } = await openInterview(rating, draft);
    expect(question('dept')).toHaveTextContent(FOREIGN.label.vi);
    expect(rowNames()).toEqual(['Sở Y tế Quảng Trị', 'Sở Tài chính (sau hợp nhất)', FOREIGN.label.vi]);
    await user.click(within(question('rate')).getByRole('button', { name: 'Chọn “option good (vi)” cho mọi dòng' }));
    await painted();
    await finish();
    // The form's check and the store's last one before queueing both take the campaign's stratum.
    await waitFor(() => expect(completed).toHaveLength(1));
    const done = await getRecord(draft.id);
    expect(done?.status).toBe('completed');
    expect(done?.answers).toEqual({ dept: FOREIGN.value, rate: { 'so-y-te': 'good', 'so-tai-chinh': 'good', [FOREIGN.value]: 'good' } });
    // Without the campaign's label nothing would name it: such a draft is not started.
    await expect(startInterview({ definition: rating, respondentGroup: 'leader', stratum: FOREIGN.value, lang: 'vi' })).rejects.toThrow(/is not in dept-service v2's list "departments"/);
  });
});

describe('a matrix of the campaign’s strata on a respondent’s link', () => {
  const TOKEN = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';
  const linkInfo = LinkInfo.parse({
    kind: 'single',
    state: 'opened',
    survey: { id: 'dept-service', version: 2, title: rating.title },
    campaign: { id: 'quang-tri-2026', title: tx('Khảo sát năm 2026', '2026 survey'), start: '2026-11-01', end: '2026-11-30' },
    group: { id: 'leader', label: tx('Lãnh đạo sở', 'Department leaders') },
    stratum: { value: 'so-y-te', label: tx('Sở Y tế', 'Health') },
    plan: { version: 2, strata: [{ value: 'so-tai-chinh', label: tx('Sở Tài chính (sau hợp nhất)', 'Department of Finance (merged)') }] },
    remaining: 1,
    quota: { policy: 'continue', target: 3, accepted: 0, full: false },
    startAllowed: true,
    serverTime: '2026-11-23T08:00:00.000Z',
  });
  /** A server describing the link and serving its questionnaire. */
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url, 'http://localhost').pathname;
    const body =
      path === `/api/links/${TOKEN}`
        ? linkInfo
        : path === '/api/definitions/dept-service/2'
          ? rating
          : path === `/api/links/${TOKEN}/started`
            ? LinkStarted.parse({ interviewId: (JSON.parse(String(init.body)) as { interviewId: string }).interviewId, startedAt: '2026-11-23T08:01:00.000Z' })
            : undefined;
    return new Response(JSON.stringify(body ?? { error: { code: 'not_found', message: path } }), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
  };

  it('shows a link’s stratum that the list lacks by the campaign’s label, and rates it', async () => {
    const own = LinkInfo.parse({ ...linkInfo, stratum: FOREIGN, plan: { version: 2, strata: [FOREIGN] } });
    const serve: FetchLike = (url, init) =>
      new URL(url, 'http://localhost').pathname === `/api/links/${TOKEN}` ? Promise.resolve(new Response(JSON.stringify(own), { status: 200, headers: { 'content-type': 'application/json' } })) : fetch(url, init);
    render(
      <RespondEnvContext.Provider value={{ serverUrl: '', fetch: serve, timeoutMs: 2_000 }}>
        <RespondApp token={TOKEN} />
      </RespondEnvContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu trả lời' }));
    await waitFor(() => question('rate'));
    expect(question('dept')).toHaveTextContent(FOREIGN.label.vi);
    expect(rowNames()).toEqual([FOREIGN.label.vi]);
  });

  it('rates the strata the link’s campaign plans for its group', async () => {
    render(
      <RespondEnvContext.Provider value={{ serverUrl: '', fetch, timeoutMs: 2_000 }}>
        <RespondApp token={TOKEN} />
      </RespondEnvContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu trả lời' }));
    await waitFor(() => question('rate'));
    expect(rowNames()).toEqual(['Sở Tài chính (sau hợp nhất)']);
  });
});
