/**
 * Quotas on the enumerator's device, with no network at all: the stored snapshot plus the
 * interviews completed here and not yet sent decide whether the start page blocks (policy "stop"),
 * warns (policy "continue") or just informs; the home screen shows the figures per stratum.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import type { QuotaSnapshot } from '../../src/contract';
import sipasV3Json from '../../survey-definitions/sipas-citizen-v3.json';
import { completeInterview, getDb, listRecords, saveDraft, saveQuotaSnapshot, startInterview } from '../../src/store';
import { checkDefinitionData } from '../../src/survey/load';
import type { Definition } from '../../src/survey';
import { completeAnswers } from '../survey/answer-sets';
import { completeSipas } from '../sync/interviews';
import { quangBinhSnapshot } from './coordinator-fixtures';
import { question, resetDevice } from './helpers';

const user = userEvent.setup();
const fetchCalls: string[] = [];

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
  // No network: the device must decide from what it stored.
  fetchCalls.length = 0;
  vi.stubGlobal('fetch', (url: string) => (fetchCalls.push(String(url)), Promise.reject(new TypeError('Failed to fetch'))));
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const BO_TRACH_DISTRICT = { value: 'bo-trach', label: { vi: 'Huyện Bố Trạch', en: 'Bố Trạch district' } };
/** A commune of the newest version of the citizens' questionnaire (sipas-citizen-v3.json), the one the start page offers. */
const BO_TRACH_COMMUNE = { value: 'xa-bo-trach', label: { vi: 'Xã Bố Trạch', en: 'Bố Trạch commune' } };

/** The citizens' group of the campaign: the stratum (Bố Trạch district unless given) has a target of 2, the server has 1. */
function snapshot(policy: 'stop' | 'continue', accepted = 1, stratum = BO_TRACH_DISTRICT): QuotaSnapshot {
  const base = quangBinhSnapshot('2021-11-12T03:15:00.000Z');
  return {
    ...base,
    groups: base.groups.map((g) =>
      g.id !== 'citizen'
        ? g
        : {
            ...g,
            // A commune is a stratum of version 3, which the running campaign then assigns.
            questionnaire: { id: 'sipas-citizen', version: stratum === BO_TRACH_COMMUNE ? 3 : g.questionnaire.version },
            policy,
            target: 2,
            accepted,
            full: accepted >= 2,
            strata: [
              { ...stratum, target: 2, accepted, over: Math.max(0, accepted - 2), full: accepted >= 2 },
            ],
          },
    ),
  };
}

function loadSipasV3(): Definition {
  const checked = checkDefinitionData(sipasV3Json, 'sipas-citizen-v3.json');
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.definition;
}
const sipasV3 = loadSipasV3();

/** Completes an interview of the newest version in Bố Trạch commune on this device (not sent). */
async function completeInCommune(): Promise<void> {
  const db = getDb();
  const record = await startInterview({ definition: sipasV3, respondentGroup: 'citizen', stratum: BO_TRACH_COMMUNE.value, lang: 'vi' }, db);
  await saveDraft(record.id, { answers: completeAnswers(sipasV3, new Map([['district', BO_TRACH_COMMUNE.value]])) }, db);
  await completeInterview(record.id, {}, db);
}

/** The start page of the citizens' questionnaire (its newest version, by commune), Bố Trạch commune chosen. */
async function openStartPage() {
  navigate('/start/sipas-citizen', { replace: true });
  render(<App />);
  await user.selectOptions(await screen.findByLabelText('Địa bàn / đơn vị'), BO_TRACH_COMMUNE.value);
}

describe('start page, offline', () => {
  it('blocks a new interview in a stratum that is full with the unsent interviews of this device (policy stop)', async () => {
    await saveQuotaSnapshot(snapshot('stop', 1, BO_TRACH_COMMUNE));
    await completeInCommune(); // done here, not sent: 1 on the server + 1 here = the target of 2
    await openStartPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không thể bắt đầu phiếu mới: “Xã Bố Trạch” đã đủ chỉ tiêu (2/2).');
    expect(alert).toHaveTextContent(/Theo số liệu máy chủ lúc .*, cộng 1 phiếu chưa gửi trên máy này\./);
    const begin = screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' });
    expect(begin).toBeDisabled();
    await user.click(begin);
    expect((await listRecords()).filter((r) => r.status === 'draft')).toHaveLength(0);
    expect(location.pathname).toBe('/start/sipas-citizen');
    expect(fetchCalls).toEqual([]);
  });

  it('lets the interview start when the stratum still has room, counting what waits here', async () => {
    await saveQuotaSnapshot(snapshot('stop', 0, BO_TRACH_COMMUNE));
    await completeInCommune();
    await openStartPage();
    expect(await screen.findByText(/Chỉ tiêu “Xã Bố Trạch”: 1\/2\./)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await waitFor(() => expect(location.pathname).toMatch(/^\/interview\//));
    expect(fetchCalls).toEqual([]);
  });

  it('warns but allows a new interview in a full stratum under policy continue', async () => {
    await saveQuotaSnapshot(snapshot('continue', 2, BO_TRACH_COMMUNE));
    await openStartPage();
    const warning = await screen.findByText(/Lưu ý: “Xã Bố Trạch” đã đủ chỉ tiêu \(2\/2\)\. Vẫn có thể làm phiếu mới, nhưng phiếu sẽ vượt chỉ tiêu\./);
    expect(warning.closest('[role=status]')).not.toBeNull();
    const begin = screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' });
    expect(begin).toBeEnabled();
    await user.click(begin);
    await waitFor(() => expect(location.pathname).toMatch(/^\/interview\//));
    const [draft] = await listRecords();
    expect(draft).toMatchObject({ status: 'draft', respondentGroup: 'citizen', stratum: 'xa-bo-trach' });
    expect(fetchCalls).toEqual([]);
  });

  it("offers the running campaign's planned strata first and starts on the version the campaign assigns", async () => {
    // A coordinator moved the citizens to version 1 and planned Lệ Thủy and Bố Trạch (in the list's terms).
    const base = snapshot('continue', 0);
    const moved: QuotaSnapshot = {
      ...base,
      groups: base.groups.map((g) =>
        g.id !== 'citizen'
          ? g
          : {
              ...g,
              questionnaire: { id: 'sipas-citizen', version: 1 },
              strata: [
                { value: 'le-thuy', label: { vi: 'Huyện Lệ Thủy', en: 'Lệ Thủy' }, target: 4, accepted: 0, over: 0, full: false },
                ...g.strata,
              ],
            },
      ),
    };
    await saveQuotaSnapshot(moved);
    navigate('/start/sipas-citizen', { replace: true });
    render(<App />);
    const select = await screen.findByLabelText('Địa bàn / đơn vị');
    const planned = within(select).getByRole('group', { name: 'Trong kế hoạch của đợt khảo sát' });
    expect(within(planned).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['bo-trach', 'le-thuy']);
    const others = within(select).getByRole('group', { name: 'Ngoài kế hoạch' });
    expect(within(others).getAllByRole('option').map((o) => o.getAttribute('value'))).toContain('dong-hoi');
    await user.selectOptions(select, 'le-thuy');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await waitFor(async () => expect(await listRecords()).toHaveLength(1));
    const [draft] = await listRecords();
    expect(draft).toMatchObject({ surveyId: 'sipas-citizen', surveyVersion: 1, stratum: 'le-thuy' });
  });

  it('offers a commune the campaign plans outside the questionnaire’s list by the campaign’s name; the interview starts and completes offline', async () => {
    // A commune the merger created after version 3 was published: the campaign plans it, no new version needed.
    const own = { value: 'xa-hon-la', label: { vi: 'Xã Hòn La (mới)', en: 'Hòn La commune (new)' } };
    const base = snapshot('stop', 0, BO_TRACH_COMMUNE);
    await saveQuotaSnapshot({
      ...base,
      groups: base.groups.map((g) => (g.id !== 'citizen' ? g : { ...g, strata: [...g.strata, { ...own, target: 5, accepted: 0, over: 0, full: false }] })),
    });
    navigate('/start/sipas-citizen', { replace: true });
    render(<App />);
    const select = await screen.findByLabelText('Địa bàn / đơn vị');
    const planned = within(select).getByRole('group', { name: 'Trong kế hoạch của đợt khảo sát' });
    expect(within(planned).getAllByRole('option').map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['xa-bo-trach', 'Xã Bố Trạch'],
      ['xa-hon-la', 'Xã Hòn La (mới)'],
    ]);
    await user.selectOptions(select, own.value);
    // Its quota, as for any planned stratum.
    expect(await screen.findByText(/Chỉ tiêu “Xã Hòn La \(mới\)”: 0\/5\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await waitFor(() => expect(location.pathname).toMatch(/^\/interview\//));
    // The question recording the commune shows the campaign's name.
    await screen.findByRole('heading', { level: 2, name: /^A\./ });
    expect(question('district')).toHaveTextContent('Xã Hòn La (mới)');
    const [draft] = await listRecords();
    expect(draft).toMatchObject({ surveyVersion: 3, stratum: own.value, stratumLabel: own.label, answers: { district: own.value } });

    // Answered to the end and completed here, with no network: the last check before queueing takes it.
    await saveDraft(draft!.id, { answers: completeAnswers(sipasV3, new Map([['district', own.value]])) });
    const done = await completeInterview(draft!.id);
    expect(done).toMatchObject({ status: 'completed', stratum: own.value, answers: { district: own.value } });
    expect(await getDb().outbox.count()).toBe(1);
    expect(fetchCalls).toEqual([]);
  });

  it('lists the strata as the questionnaire does when the campaign has ended', async () => {
    await saveQuotaSnapshot({ ...snapshot('stop'), status: 'ended' });
    navigate('/start/sipas-citizen', { replace: true });
    render(<App />);
    const select = await screen.findByLabelText('Địa bàn / đơn vị');
    expect(within(select).queryByRole('group')).toBeNull();
    // The newest version, by commune, not the ended campaign's version 2.
    await user.selectOptions(select, 'xa-bo-trach');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await waitFor(async () => expect(await listRecords()).toHaveLength(1));
    expect((await listRecords())[0]).toMatchObject({ surveyVersion: 3 });
  });

  it('says nothing and allows starting without a snapshot', async () => {
    await openStartPage();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/Chỉ tiêu “/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Bắt đầu phỏng vấn' })).toBeEnabled();
  });
});

describe('home screen quotas', () => {
  it('shows target, accepted on the server and not yet sent from here per stratum, and when the server counted', async () => {
    await saveQuotaSnapshot(snapshot('stop', 1));
    await completeSipas(getDb());
    await completeSipas(getDb());
    render(<App />);
    const panel = await screen.findByRole('region', { name: 'Chỉ tiêu' });
    expect(panel).toHaveTextContent(/Số liệu máy chủ lúc 12\/11\/2021 \d\d:\d\d/);
    const citizens = panel.querySelector<HTMLElement>('[data-group="citizen"]')!;
    expect(citizens.querySelector('summary')).toHaveTextContent('Máy chủ đã nhận 1/2 · chưa gửi từ máy này: 2');
    const row = within(citizens).getByRole('row', { name: /Huyện Bố Trạch/ });
    expect(Array.from(row.querySelectorAll('td'), (td) => td.textContent)).toEqual(['2', '1', '2', 'Vượt 1']);
    const headers = within(citizens).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Địa bàn / đơn vị', 'Chỉ tiêu', 'Máy chủ đã nhận', 'Chưa gửi (máy này)', 'Tình trạng']);
    // A group without strata is one row.
    const delegates = panel.querySelector<HTMLElement>('[data-group="delegate"]')!;
    expect(within(delegates).getAllByRole('row')).toHaveLength(2);
    expect(within(delegates).getByRole('row', { name: /Đại biểu HĐND tỉnh/ })).toHaveTextContent('Vượt 2');
  });

  it('explains that the figures come with the next sync when there is no snapshot', async () => {
    render(<App />);
    const panel = await screen.findByRole('region', { name: 'Chỉ tiêu' });
    expect(panel).toHaveTextContent('Chưa có số liệu chỉ tiêu: thiết bị sẽ nhận khi đồng bộ với máy chủ.');
  });
});
