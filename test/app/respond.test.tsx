/**
 * The respondent's page (/r/<token>) over the real store, with a fetch that answers like the
 * server (replies checked by the contract's schemas) and can lose the connection: a fresh link,
 * every kind of refused link, the queued message after an offline submit and the send on
 * reconnect, resuming after a remount, reopening a sent link, and a second submission refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LinkInfo, LinkStarted, LinkSubmitAck, Submission } from '../../src/contract';
import { getRecord, listRecords, outboxCounts } from '../../src/store';
import { getRespondentLink } from '../../src/store/links';
import type { FetchLike } from '../../src/sync';
import RespondApp, { RespondEnvContext } from '../../src/app/respond/RespondApp';
import { pilotV1 } from '../store/fixtures';
import { resetDevice } from './helpers';

const user = userEvent.setup();
const TOKEN = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';

const info = (overrides: Partial<LinkInfo> = {}): LinkInfo =>
  LinkInfo.parse({
    kind: 'single',
    state: 'opened',
    survey: { id: 'pilot', version: 1, title: pilotV1.title },
    campaign: { id: 'thu', title: { vi: 'Đợt thử', en: 'Trial' }, start: '2026-11-01', end: '2026-11-30' },
    group: { id: 'official', label: { vi: 'Cán bộ', en: 'Official' } },
    stratum: { value: 'HUE', label: { vi: 'Huế', en: 'Hue' } },
    remaining: 1,
    quota: { policy: 'continue', target: 10, accepted: 0, full: false },
    startAllowed: true,
    serverTime: '2026-11-23T08:00:00.000Z',
    ...overrides,
  });

interface Request {
  method: string;
  path: string;
  body: unknown;
}
type Reply = { status: number; body: unknown };
const refusal = (status: number, code: string, message = code): Reply => ({ status, body: { error: { code, message } } });

/**
 * A server for one link: describes it, serves the pilot questionnaire, takes the start and one
 * interview (a second, different one is refused link_used, the same one again is a duplicate).
 * `online = false` makes every request fail as a lost connection does.
 */
function fakeServer(describe: () => Reply = () => ({ status: 200, body: info() })) {
  const requests: Request[] = [];
  const state = { online: true, storedId: undefined as string | undefined };
  const fetch: FetchLike = async (url, init) => {
    if (!state.online) throw new TypeError('Failed to fetch');
    const path = new URL(url, 'http://localhost').pathname;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method: init.method ?? 'GET', path, body });
    const reply = ((): Reply => {
      if (path === `/api/links/${TOKEN}`) return describe();
      if (path === '/api/definitions/pilot/1') return { status: 200, body: pilotV1 };
      if (path === `/api/links/${TOKEN}/started`) {
        const { interviewId } = body as { interviewId: string };
        return { status: 200, body: LinkStarted.parse({ interviewId, startedAt: '2026-11-23T08:01:00.000Z' }) };
      }
      if (path === `/api/links/${TOKEN}/submissions`) {
        const item = Submission.parse(body);
        if (state.storedId !== undefined && state.storedId !== item.id) return refusal(410, 'link_used', 'This link was already used');
        const status = state.storedId === item.id ? 'duplicate' : 'stored';
        state.storedId = item.id;
        return { status: status === 'stored' ? 201 : 200, body: LinkSubmitAck.parse({ id: item.id, status, receivedAt: '2026-11-23T08:30:00.000Z' }) };
      }
      return refusal(404, 'not_found');
    })();
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests, state };
}

function renderPage(fetch: FetchLike, token = TOKEN) {
  return render(
    <RespondEnvContext.Provider value={{ serverUrl: '', fetch, timeoutMs: 2_000 }}>
      <RespondApp token={token} />
    </RespondEnvContext.Provider>,
  );
}

const goOnline = () => act(() => void window.dispatchEvent(new Event('online')));

/** The pilot questionnaire: "Có việc làm?" → No, next, "Hài lòng?" → Yes, finish. */
async function answerFirstSection() {
  await user.click(await screen.findByRole('radio', { name: 'Không' }));
}
async function finishForm() {
  await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
  await screen.findByRole('heading', { level: 2, name: 'Dịch vụ công' });
  await user.click(screen.getByRole('radio', { name: 'Có' }));
  await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
}

beforeEach(resetDevice);

describe('a fresh link', () => {
  it('opens the questionnaire with the link’s group and stratum, as a self-administered draft, and reports the start once', async () => {
    const server = fakeServer();
    renderPage(server.fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' })).toBeInTheDocument();
    expect(screen.getByText('Nhóm đối tượng: Cán bộ · Đơn vị / địa bàn: Huế')).toBeInTheDocument();
    // No enumerator chrome: no device link, no sync bar, no home list.
    expect(screen.queryByRole('link', { name: 'Thiết bị' })).toBeNull();
    expect(screen.queryByRole('status', { name: 'Trạng thái gửi phiếu' })).toBeNull();

    const [record] = await listRecords();
    expect(record).toMatchObject({ status: 'draft', respondentGroup: 'official', stratum: 'HUE', mode: 'self', linkToken: TOKEN, lang: 'vi' });
    await waitFor(async () => expect((await getRespondentLink(TOKEN))?.startedReportedAt).toBe('2026-11-23T08:01:00.000Z'));
    const starts = server.requests.filter((r) => r.path.endsWith('/started'));
    expect(starts).toEqual([{ method: 'POST', path: `/api/links/${TOKEN}/started`, body: { interviewId: record!.id } }]);
    expect(server.requests.map((r) => r.path)).toContain('/api/definitions/pilot/1');
  });

  it('reads a token typed from paper (any case, dashes, O for 0, L for 1) as the same link', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' });
    first.unmount();
    renderPage(server.fetch, 'K7QM-2XPA-9DH4-EXOV-3B8N-6CLR-TW');
    await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' });
    expect(server.requests.filter((r) => r.path === `/api/links/${TOKEN}`)).toHaveLength(2);
    expect(await listRecords()).toHaveLength(1);
  });

  it('switches to English', async () => {
    renderPage(fakeServer().fetch);
    await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pilot survey' })).toBeInTheDocument();
    expect(screen.getByText('Respondent group: Official · Unit / area: Hue')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Yes' })).toBeInTheDocument();
  });
});

describe('refused links', () => {
  const cases: [string, Reply, string, RegExp][] = [
    ['unknown', refusal(404, 'link_unknown'), 'Không tìm thấy đường dẫn khảo sát', /quét lại mã QR/],
    ['revoked', refusal(410, 'link_revoked'), 'Đường dẫn đã bị thu hồi', /nhận đường dẫn mới/],
    ['used', refusal(410, 'link_used'), 'Phiếu này đã được trả lời', /Mỗi đường dẫn chỉ nhận một phiếu/],
    ['exhausted', refusal(410, 'link_exhausted'), 'Đã nhận đủ số phiếu', /không nhận thêm câu trả lời/],
    ['quota full', { status: 200, body: info({ startAllowed: false, quota: { policy: 'stop', target: 1, accepted: 1, full: true } }) }, 'Đã đủ số phiếu cần thu', /không nhận thêm phiếu mới/],
    ['questionnaire gone', refusal(410, 'unknown_version'), 'Phiếu khảo sát không còn sử dụng', /không còn nhận phiếu khảo sát/],
  ];
  it.each(cases)('%s: a clear page saying what to do, and no draft', async (_name, reply, heading, body) => {
    renderPage(fakeServer(() => reply).fetch);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    expect(h1.closest('main')).toHaveTextContent(body);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(await listRecords()).toEqual([]);
  });

  it('says a connection is needed the first time, and opens by itself when it returns', async () => {
    const server = fakeServer();
    server.state.online = false;
    renderPage(server.fetch);
    await screen.findByRole('heading', { level: 1, name: 'Cần kết nối mạng để mở phiếu' });
    server.state.online = true;
    goOnline();
    expect(await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' })).toBeInTheDocument();
  });

  it('asks to try again when the server fails (not the link’s fault)', async () => {
    let reply = refusal(503, 'internal', 'Database unavailable');
    renderPage(fakeServer(() => reply).fetch);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Chưa mở được phiếu' });
    expect(heading.closest('main')).toHaveTextContent('Database unavailable');
    reply = { status: 200, body: info() };
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Khảo sát thử' })).toBeInTheDocument();
  });
});

describe('answers kept on the device', () => {
  it('resumes the same draft after a remount, offline, where it was left', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await user.click(await screen.findByRole('radio', { name: 'Có' }));
    await user.click(await screen.findByRole('radio', { name: 'Dịch vụ' }));
    const [draft] = await listRecords();
    await waitFor(async () => expect((await getRecord(draft!.id))?.answers).toEqual({ hasJob: 'yes', jobSector: 'services' }));
    first.unmount();

    server.state.online = false; // a reload without a connection: the link and the draft come from the device
    renderPage(server.fetch);
    expect(await screen.findByRole('radio', { name: 'Có' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Dịch vụ' })).toBeChecked();
    expect(screen.getByText('Nhóm đối tượng: Cán bộ · Đơn vị / địa bàn: Huế')).toBeInTheDocument();
    expect((await listRecords()).map((r) => r.id)).toEqual([draft!.id]);
  });

  it('queues an offline submit with a message that stays, and sends it when the connection returns', async () => {
    const server = fakeServer();
    renderPage(server.fetch);
    await answerFirstSection();
    server.state.online = false;
    await finishForm();

    const queued = await screen.findByRole('heading', { level: 1, name: 'Đã lưu câu trả lời trên máy' });
    const page = queued.closest('main')!;
    expect(page).toHaveTextContent('Câu trả lời đã được lưu trên máy và sẽ tự gửi khi có kết nối.');
    await waitFor(() => expect(page).toHaveTextContent(/Chưa gửi được \(không kết nối được máy chủ\)\. Sẽ tự thử lại lúc/));
    expect(await outboxCounts()).toEqual({ pending: 1, rejected: 0 });
    expect(server.requests.filter((r) => r.path.endsWith('/submissions'))).toEqual([]);

    server.state.online = true;
    goOnline();
    expect(await screen.findByRole('heading', { level: 1, name: 'Cảm ơn bạn!' })).toBeInTheDocument();
    const sent = server.requests.filter((r) => r.path.endsWith('/submissions'));
    expect(sent).toHaveLength(1);
    const [record] = await listRecords();
    expect(sent[0]!.body).toMatchObject({ id: record!.id, respondentGroup: 'official', stratum: 'HUE', answers: { hasJob: 'no', satisfied: 'yes' } });
    expect(record).toMatchObject({ status: 'completed', syncedAt: '2026-11-23T08:30:00.000Z' });
    expect(await outboxCounts()).toEqual({ pending: 0, rejected: 0 });
  });

  it('shows an answered link as answered when reopened, without asking the server', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await answerFirstSection();
    await finishForm();
    await screen.findByRole('heading', { level: 1, name: 'Cảm ơn bạn!' });
    first.unmount();

    const before = server.requests.length;
    renderPage(server.fetch);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Bạn đã trả lời phiếu này' });
    expect(heading.closest('main')).toHaveTextContent('Câu trả lời của bạn đã được máy chủ nhận lúc');
    expect(server.requests.slice(before).filter((r) => r.path === `/api/links/${TOKEN}`)).toEqual([]);
  });

  it('shows a clear page, not a duplicate, when another submission already used the link', async () => {
    const server = fakeServer();
    server.state.storedId = '00000000-0000-4000-8000-000000000000'; // someone else answered through this link meanwhile
    renderPage(server.fetch);
    await answerFirstSection();
    await finishForm();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Phiếu này đã được trả lời' });
    expect(heading.closest('main')).toHaveTextContent('Các câu trả lời bạn đã nhập vẫn được giữ trên máy này nhưng không được gửi đi.');
    expect(await outboxCounts()).toEqual({ pending: 0, rejected: 1 });
    expect(server.state.storedId).toBe('00000000-0000-4000-8000-000000000000');
  });
});
