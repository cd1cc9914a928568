/**
 * The respondent's page (/r/<token>) over the real store, with a fetch that answers like the
 * server (replies checked by the contract's schemas) and can lose the connection: the welcome of
 * a fresh link (and of a server that sends no organiser), every kind of refused link, the queued
 * message after an offline submit and the send on reconnect, continuing after a remount,
 * reopening a sent link, and a second submission refused.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LinkInfo, LinkStarted, LinkSubmitAck, Submission } from '../../src/contract';
import { getRecord, listRecords, outboxCounts } from '../../src/store';
import { getRespondentLink } from '../../src/store/links';
import type { FetchLike } from '../../src/sync';
import RespondApp, { RespondEnvContext } from '../../src/app/respond/RespondApp';
import { questionnaireLength } from '../../src/app/respond/length';
import { parseDefinition } from '../../src/survey/load';
import { pilotV1 } from '../store/fixtures';
import { resetDevice } from './helpers';

const user = userEvent.setup();
const TOKEN = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';

const info = (overrides: Partial<LinkInfo> = {}): LinkInfo =>
  LinkInfo.parse({
    kind: 'single',
    state: 'opened',
    survey: { id: 'pilot', version: 1, title: pilotV1.title },
    campaign: {
      id: 'thu',
      title: { vi: 'Đợt thử', en: 'Trial' },
      start: '2026-11-01',
      end: '2026-11-30',
      organiser: { vi: 'Ủy ban nhân dân tỉnh Thử', en: 'Thử Provincial People’s Committee' },
      purpose: { vi: 'Đánh giá dịch vụ công của tỉnh.', en: 'To assess the province’s public services.' },
      minCell: 7,
    },
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

/** The welcome's start button (exactly this name: other tests press it too). */
async function start() {
  await user.click(await screen.findByRole('button', { name: 'Bắt đầu trả lời' }));
  await screen.findByRole('heading', { level: 2, name: 'Hộ gia đình' });
}

/** The pilot questionnaire: "Có việc làm?" → No, next, "Hài lòng?" → Yes, finish. */
async function answerFirstSection() {
  await start();
  await user.click(await screen.findByRole('radio', { name: 'Không' }));
}
async function finishForm() {
  await user.click(screen.getByRole('button', { name: /Tiếp theo/ }));
  await screen.findByRole('heading', { level: 2, name: 'Dịch vụ công' });
  await user.click(screen.getByRole('radio', { name: 'Có' }));
  await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
}

beforeEach(resetDevice);

/** The welcome page, once shown. */
const welcome = async () => (await screen.findByRole('button', { name: 'Bắt đầu trả lời' })).closest('main')!;
/** The facts of the welcome as term → description. */
const facts = (main: HTMLElement) =>
  Object.fromEntries([...main.querySelectorAll('dl.respond-facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));

describe('a fresh link', () => {
  it('welcomes the respondent first: who runs the survey and why, how long, what is kept, how answers are used', async () => {
    const server = fakeServer();
    renderPage(server.fetch);
    const main = await welcome();
    expect(server.requests.map((r) => r.path)).toEqual([`/api/links/${TOKEN}`, '/api/definitions/pilot/1']);
    expect(main).toHaveAttribute('data-state', 'welcome');
    // The focus moves in an effect after the page is shown: waited for, not assumed at once.
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Khảo sát thử' })).toHaveFocus());
    // A plain header instead of "Nhóm đối tượng: … · Đơn vị / địa bàn: …".
    expect(screen.getByText('Phiếu dành cho: Cán bộ tại Huế')).toBeInTheDocument();
    expect(facts(main)).toEqual({
      'Cơ quan tổ chức': 'Ủy ban nhân dân tỉnh Thử',
      'Mục đích': 'Đánh giá dịch vụ công của tỉnh.',
      // hasJob, satisfied, comment (jobSector only after a "yes"): 3 × 15 s.
      'Thời gian':
        'Khoảng 3 câu hỏi, mất khoảng 1 phút.' +
        'Ông/Bà có thể dừng lại và mở lại đường dẫn này để trả lời tiếp: câu trả lời được lưu ngay trên máy này.',
      'Không ghi danh tính': expect.stringMatching(/^Phiếu không hỏi họ tên, số điện thoại hay địa chỉ của Ông\/Bà\..*không ghi phiếu đến từ đường dẫn nào\./),
      'Sử dụng kết quả':
        'Câu trả lời của Ông/Bà được tổng hợp cùng phiếu của những người khác để tính chỉ số của tỉnh. Không công bố riêng câu trả lời của bất kỳ ai.' +
        'Kết quả chỉ được hiển thị cho nhóm có từ 7 người trả lời trở lên; số liệu của nhóm nhỏ hơn được ẩn ở mọi bảng, báo cáo và tệp xuất, để không ai bị nhận ra qua câu trả lời.',
    });
    // What IS stored, said plainly, with this link's group and unit.
    expect(main).toHaveTextContent(
      'Những gì được lưu: các câu trả lời, thời điểm bắt đầu và hoàn thành, ngôn ngữ trả lời, nhóm đối tượng và đơn vị / địa bàn của đường dẫn (Cán bộ tại Huế).',
    );
    // The respondent is addressed as in the questions; no English on the Vietnamese page.
    expect(document.body.textContent).not.toMatch(/\bbạn\b/i);
    expect(document.body).not.toHaveTextContent(/Start|Respondent|Questionnaire/);
    // No enumerator chrome: no device link, no sync bar, no home list.
    expect(screen.queryByRole('link', { name: 'Thiết bị' })).toBeNull();
    expect(screen.queryByRole('status', { name: 'Trạng thái gửi phiếu' })).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('makes no draft and reports no start until “Bắt đầu trả lời”; then opens the questionnaire with the link’s group and stratum, as a self-administered draft, and reports the start once', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await welcome();
    expect(await listRecords()).toEqual([]);
    first.unmount();
    // Reopened without starting: the welcome again.
    renderPage(server.fetch);
    await welcome();
    expect(await listRecords()).toEqual([]);
    expect(server.requests.filter((r) => r.path.endsWith('/started'))).toEqual([]);

    await start();
    expect(screen.getByRole('heading', { level: 1, name: 'Khảo sát thử' })).toBeInTheDocument();
    expect(screen.getByText('Phiếu dành cho: Cán bộ tại Huế')).toBeInTheDocument();
    const [record] = await listRecords();
    expect(record).toMatchObject({ status: 'draft', respondentGroup: 'official', stratum: 'HUE', mode: 'self', linkToken: TOKEN, lang: 'vi' });
    await waitFor(async () => expect((await getRespondentLink(TOKEN))?.startedReportedAt).toBe('2026-11-23T08:01:00.000Z'));
    const starts = server.requests.filter((r) => r.path.endsWith('/started'));
    expect(starts).toEqual([{ method: 'POST', path: `/api/links/${TOKEN}/started`, body: { interviewId: record!.id } }]);
  });

  it('reads a token typed from paper (any case, dashes, O for 0, L for 1) as the same link', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await start();
    first.unmount();
    renderPage(server.fetch, 'K7QM-2XPA-9DH4-EXOV-3B8N-6CLR-TW');
    await screen.findByRole('button', { name: 'Tiếp tục trả lời' });
    expect(server.requests.filter((r) => r.path === `/api/links/${TOKEN}`)).toHaveLength(2);
    expect(await listRecords()).toHaveLength(1);
  });

  it('switches to English before starting, with the tablet’s name for the app, and answers in English', async () => {
    renderPage(fakeServer().fetch);
    await welcome();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pilot survey' })).toBeInTheDocument();
    expect(screen.getByText('Governance survey')).toBeInTheDocument();
    expect(screen.getByText('Questionnaire for: Official in Hue')).toBeInTheDocument();
    const main = screen.getByRole('button', { name: 'Start' }).closest('main')!;
    expect(facts(main)).toMatchObject({
      'Who runs the survey': 'Thử Provincial People’s Committee',
      Purpose: 'To assess the province’s public services.',
      Time: expect.stringContaining('About 3 questions, about 1 min.'),
    });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('radio', { name: 'Yes' })).toBeInTheDocument();
    expect((await listRecords())[0]).toMatchObject({ lang: 'en' });
  });

  it('welcomes without an organiser or purpose when the server sends none (a server before them): the campaign’s title instead', async () => {
    const { organiser: _o, purpose: _p, ...older } = info().campaign;
    renderPage(fakeServer(() => ({ status: 200, body: info({ campaign: older, stratum: null }) })).fetch);
    const main = await welcome();
    expect(Object.keys(facts(main))).toEqual(['Cuộc khảo sát', 'Thời gian', 'Không ghi danh tính', 'Sử dụng kết quả']);
    expect(facts(main)['Cuộc khảo sát']).toBe('Đợt thử');
    // A link for a whole group: no unit to name.
    expect(screen.getByText('Phiếu dành cho: Cán bộ')).toBeInTheDocument();
    expect(main).toHaveTextContent('ngôn ngữ trả lời và nhóm đối tượng của đường dẫn (Cán bộ).');
    await start();
    expect(await listRecords()).toHaveLength(1);
  });
});

describe('how long the welcome says a questionnaire takes', () => {
  const loadDefinitionFile = (file: string) => {
    const result = parseDefinition(readFileSync(file, 'utf8'), file);
    if (!result.ok) throw new Error(`${file} does not load`);
    return result.definition;
  };
  it('counts the questions shown with no answers, and 15 s per answer with a matrix row as one answer, rounded up', () => {
    expect(questionnaireLength(pilotV1)).toEqual({ questions: 3, minutes: 1 });
    // The citizens' SIPAS: 46 questions shown at first, 11.5 minutes → about 15 (rounded up, as its description says).
    expect(questionnaireLength(loadDefinitionFile('survey-definitions/sipas-citizen-v2.json'))).toEqual({ questions: 46, minutes: 15 });
    // Delegates rate 20 departments and 8 districts in two matrices: 83 answers, ~21 minutes → about 25.
    expect(questionnaireLength(loadDefinitionFile('survey-definitions/par-delegates.json'))).toEqual({ questions: 57, minutes: 25 });
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
    // Any other refusal: the catalogue's Vietnamese for its code, never the server's English.
    ['other', refusal(400, 'invalid_request', 'token: malformed'), 'Không gửi được phiếu', /^[^]*từ chối phiếu này: Dữ liệu gửi lên không đúng định dạng\. \(mã lỗi invalid_request\)[^]*$/],
  ];
  it.each(cases)('%s: a clear page saying what to do, and no draft', async (_name, reply, heading, body) => {
    renderPage(fakeServer(() => reply).fetch);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    expect(h1.closest('main')).toHaveTextContent(body);
    expect(h1.closest('main')).not.toHaveTextContent(/malformed|bạn/);
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
    expect(await screen.findByRole('button', { name: 'Bắt đầu trả lời' })).toBeInTheDocument();
  });

  it('asks to try again when the server fails (not the link’s fault)', async () => {
    let reply = refusal(503, 'internal', 'Database unavailable');
    renderPage(fakeServer(() => reply).fetch);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Chưa mở được phiếu' });
    const main = heading.closest('main')!;
    expect(main).toHaveTextContent('Có sự cố khi mở phiếu, ở máy chủ hoặc trên máy này. Xin Ông/Bà vui lòng thử lại sau ít phút.');
    expect(main).toHaveTextContent('Mã lỗi: internal');
    // The server's English stays folded away, for whoever helps.
    expect(screen.getByText('Database unavailable')).not.toBeVisible();
    reply = { status: 200, body: info() };
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('button', { name: 'Bắt đầu trả lời' })).toBeInTheDocument();
  });
});

describe('answers kept on the device', () => {
  it('offers to continue the same draft after a remount, offline, without the welcome, and continues where it was left', async () => {
    const server = fakeServer();
    const first = renderPage(server.fetch);
    await start();
    await user.click(await screen.findByRole('radio', { name: 'Có' }));
    await user.click(await screen.findByRole('radio', { name: 'Dịch vụ' }));
    const [draft] = await listRecords();
    await waitFor(async () => expect((await getRecord(draft!.id))?.answers).toEqual({ hasJob: 'yes', jobSector: 'services' }));
    first.unmount();

    server.state.online = false; // a reload without a connection: the link and the draft come from the device
    renderPage(server.fetch);
    const resume = await screen.findByRole('heading', { level: 1, name: 'Ông/Bà đang trả lời dở phiếu này' });
    await waitFor(() => expect(resume).toHaveFocus());
    expect(resume.closest('main')).toHaveTextContent('Đã trả lời 2/4 câu. Các câu trả lời đã được lưu trên máy này.');
    expect(screen.queryByRole('button', { name: 'Bắt đầu trả lời' })).toBeNull();
    // The facts stay one tap away.
    expect(screen.getByText('Về cuộc khảo sát')).toBeInTheDocument();
    expect(screen.getByText('Phiếu dành cho: Cán bộ tại Huế')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục trả lời' }));
    expect(await screen.findByRole('radio', { name: 'Có' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Dịch vụ' })).toBeChecked();
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
    expect(await screen.findByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà!' })).toBeInTheDocument();
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
    await screen.findByRole('heading', { level: 1, name: 'Cảm ơn Ông/Bà!' });
    first.unmount();

    const before = server.requests.length;
    renderPage(server.fetch);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Ông/Bà đã trả lời phiếu này' });
    expect(heading.closest('main')).toHaveTextContent('Câu trả lời của Ông/Bà đã được máy chủ nhận lúc');
    expect(server.requests.slice(before).filter((r) => r.path === `/api/links/${TOKEN}`)).toEqual([]);
  });

  it('shows a clear page, not a duplicate, when another submission already used the link', async () => {
    const server = fakeServer();
    server.state.storedId = '00000000-0000-4000-8000-000000000000'; // someone else answered through this link meanwhile
    renderPage(server.fetch);
    await answerFirstSection();
    await finishForm();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Phiếu này đã được trả lời' });
    expect(heading.closest('main')).toHaveTextContent('Các câu trả lời Ông/Bà đã nhập vẫn được giữ trên máy này nhưng không được gửi đi.');
    expect(await outboxCounts()).toEqual({ pending: 0, rejected: 1 });
    expect(server.state.storedId).toBe('00000000-0000-4000-8000-000000000000');
  });
});
