/**
 * The coordinators' Questionnaires page: uploading a file (refused with every problem located, in
 * the page's language, nothing saved; or accepted as a draft), publishing a draft, retiring and
 * reinstating a version, deleting a draft, and previewing a draft with the tablets' question
 * components without storing or sending anything. The server's replies go through the
 * contract's schemas.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PublishedVersion, QuestionnaireDraftSummary } from '../../src/contract';
import { createCoordinatorApi, CoordinatorApiContext } from '../../src/app/coordinator/api';
import CoordinatorApp from '../../src/app/coordinator/CoordinatorApp';
import { setLang } from '../../src/app/i18n';
import { DEFAULT_DB_NAME, getDb } from '../../src/store';
import type { FetchLike } from '../../src/sync';
import type { Definition } from '../../src/survey';
import { def, group, integer, items, load, section, single, text, when } from '../survey/fixtures';
import { THREE_LANGUAGES } from '../survey/three-languages';

const user = userEvent.setup();
beforeEach(() => setLang('vi'));

const me = { status: 200, body: { username: 'admin', role: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' } };
const DRAFT_ID = '0b7e4a52-7f0e-4d5c-9a61-3c2f1b9e8d01';
const BASE = '/api/coordinator/questionnaires';

/** The questionnaire of the drafts: two groups, a required question, skip logic, a bounded number, a second section. */
const definition = def({
  id: 'hai-long-xa',
  version: 3,
  respondentGroups: [group('citizens', { stratumList: 'communes' }), group('businesses', { stratumList: 'communes' })],
  lists: { communes: items(['phu', 'hung']) },
  sections: [
    section('intro', [
      single('commune', [], { optionsFrom: 'communes', fromStratum: true }),
      single('employed', ['yes', 'no'], { required: true }),
      single('sector', ['farm', 'shop'], { visibleIf: when('employed', { equals: 'yes' }) }),
      integer('age', { min: 18, max: 99 }),
    ]),
    section('end', [text('comment')]),
  ],
});

const draftSummary = (overrides: Partial<QuestionnaireDraftSummary> = {}): QuestionnaireDraftSummary =>
  QuestionnaireDraftSummary.parse({
    draftId: DRAFT_ID,
    id: 'hai-long-xa',
    version: 3,
    title: definition.title,
    fileName: 'bảng hỏi xã.xlsx',
    format: 'xlsx',
    questionCount: 5,
    uploadedAt: '2021-11-12T03:00:00.000Z',
    uploadedBy: 'admin',
    warnings: [],
    ...overrides,
  });

const sipas = PublishedVersion.parse({
  id: 'sipas-citizen',
  version: 2,
  title: { vi: 'Phiếu khảo sát sự hài lòng', en: 'Satisfaction survey' },
  questionCount: 56,
  source: 'file',
  publishedAt: '2021-10-01T01:00:00.000Z',
  retired: false,
});

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

type Reply = { status: number; body?: unknown };

/**
 * A fetch answering like the server from its own state; `upload` decides what an upload gets;
 * `me` who is logged in (an administrator by default).
 */
function questionnaireServer(options: { drafts?: QuestionnaireDraftSummary[]; published?: PublishedVersion[]; upload?: (r: Request) => Reply; me?: Reply; definition?: Definition } = {}) {
  let drafts = options.drafts ?? [];
  let published = options.published ?? [sipas];
  const requests: Request[] = [];
  const answer = (r: Request): Reply | undefined => {
    if (r.path === '/api/coordinator/me') return options.me ?? me;
    if (r.method === 'GET' && r.path === BASE) return { status: 200, body: { published, drafts } };
    if (r.method === 'POST' && r.path === BASE) {
      const reply = options.upload?.(r) ?? { status: 500, body: { error: { code: 'internal', message: 'no upload handler' } } };
      if (reply.status === 201) drafts = [reply.body as QuestionnaireDraftSummary, ...drafts];
      return reply;
    }
    const draft = new RegExp(`^${BASE}/drafts/([^/]+)(/publish)?$`).exec(r.path);
    const found = draft && drafts.find((d) => d.draftId === draft[1]);
    if (draft && !found) return { status: 404, body: { error: { code: 'not_found', message: 'No such draft' } } };
    if (found && r.method === 'GET' && !draft[2]) return { status: 200, body: { draft: found, definition: options.definition ?? definition } };
    if (found && r.method === 'DELETE' && !draft[2]) return (drafts = drafts.filter((d) => d !== found)), { status: 204 };
    if (found && r.method === 'POST' && draft[2]) {
      const version = PublishedVersion.parse({
        id: found.id,
        version: found.version,
        title: found.title,
        questionCount: found.questionCount,
        source: 'web',
        publishedAt: '2021-11-12T04:00:00.000Z',
        publishedBy: 'admin',
        retired: false,
      });
      drafts = drafts.filter((d) => d !== found);
      published = [...published, version];
      return { status: 201, body: { questionnaire: version } };
    }
    const retire = new RegExp(`^${BASE}/([^/]+)/(\\d+)/(retire|reinstate)$`).exec(r.path);
    if (retire && r.method === 'POST') {
      const v = published.find((p) => p.id === retire[1] && p.version === Number(retire[2]));
      if (!v) return undefined;
      const changed = { ...v, retired: retire[3] === 'retire' };
      published = published.map((p) => (p === v ? changed : p));
      return { status: 200, body: { questionnaire: changed } };
    }
    return undefined;
  };
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url, 'http://localhost');
    const request: Request = { method: init.method ?? 'GET', path: u.pathname + u.search, headers: { ...(init.headers as Record<string, string>) }, body: init.body };
    requests.push(request);
    const reply = answer(request) ?? { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  render(
    <CoordinatorApiContext.Provider value={createCoordinatorApi({ fetch })}>
      <CoordinatorApp page="questionnaires" />
    </CoordinatorApiContext.Provider>,
  );
  return { requests };
}

const uploads = (requests: Request[]) => requests.filter((r) => r.method === 'POST' && r.path === BASE);
const region = (name: string | RegExp) => screen.getByRole('region', { name });
/** Waits for the frame after a tap to be painted: the tablet's radios hand their answer to the form then. */
const painted = () => act(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));

async function chooseAndUpload(file: File) {
  const upload = await screen.findByRole('region', { name: 'Tải lên bảng hỏi' });
  await user.upload(within(upload).getByLabelText('Tệp bảng hỏi (.xlsx, .xls hoặc .json)'), file);
  await user.click(within(upload).getByRole('button', { name: 'Tải lên' }));
  return upload;
}

it('the draft definition of these tests is one the engine accepts', () => {
  expect(load(definition).ok).toBe(true);
});

describe('uploading', () => {
  it('lists every problem of a refused file by sheet, row and column in the page’s language, and says nothing was saved', async () => {
    const xlsx = new File(['PK fake workbook'], 'bảng hỏi xã.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const { requests } = questionnaireServer({
      upload: (r) =>
        r.headers['content-type'] === 'application/json'
          ? {
              status: 422,
              body: {
                error: {
                  code: 'invalid_definition',
                  message: 'x.json is not a questionnaire',
                  details: [{ path: 'sections[0].questions[1].visibleIf.q', message: 'unknown question "q9"', messageVi: 'không có câu hỏi "q9"' }],
                },
              },
            }
          : {
              status: 422,
              body: {
                error: {
                  code: 'invalid_definition',
                  message: 'bảng hỏi xã.xlsx is not a questionnaire this server accepts: 2 problem(s), each located in details.',
                  details: [
                    { path: 'survey, row 7, column relevant', sheet: 'survey', row: 7, column: 'relevant', message: 'unknown question "q9"', messageVi: 'câu hỏi "q9" không có trong bảng hỏi' },
                    { path: 'choices, row 12, column label::Vietnamese (vi)', sheet: 'choices', row: 12, column: 'label::Vietnamese (vi)', message: 'the label is empty', messageVi: 'nhãn đang để trống' },
                  ],
                },
              },
            },
    });
    const upload = await chooseAndUpload(xlsx);

    const summary = await within(upload).findByTestId('upload-summary');
    await waitFor(() => expect(summary).toHaveTextContent('Tệp “bảng hỏi xã.xlsx” chưa được nhận'));
    expect(summary).toHaveTextContent('Tệp có 2 lỗi. Không có gì được lưu: hãy sửa tệp rồi tải lên lại.');
    expect(summary).toHaveAttribute('aria-live', 'polite');
    const table = within(upload).getByRole('table', { name: 'Các lỗi trong tệp “bảng hỏi xã.xlsx”' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Trang tính', 'Dòng', 'Cột', 'Lỗi']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['survey', '7', 'relevant', 'câu hỏi "q9" không có trong bảng hỏi'],
      ['choices', '12', 'label::Vietnamese (vi)', 'nhãn đang để trống'],
    ]);
    expect(table).not.toHaveTextContent('unknown question');

    // The file's bytes went as the body, its name percent-encoded, its type as the content type.
    const [sent] = uploads(requests);
    expect(sent!.body).toBe(xlsx);
    expect(sent!.headers['x-file-name']).toBe(encodeURIComponent('bảng hỏi xã.xlsx'));
    expect(sent!.headers['content-type']).toBe(xlsx.type);
    expect(screen.getByRole('region', { name: 'Bản nháp chờ xuất bản' })).toHaveTextContent('Chưa có bản nháp nào.');

    // In English, the English messages.
    await act(() => setLang('en'));
    expect(within(rows[0]!).getAllByRole('cell').at(-1)).toHaveTextContent('unknown question "q9"');
    expect(upload).toHaveTextContent('The file has 2 problems. Nothing was saved');
    await act(() => setLang('vi'));

    // A JSON file's problems are located by their path in the file; a file without a type goes as bytes.
    const json = new File(['{"id": "x"}'], 'x.json', { type: 'application/json' });
    await chooseAndUpload(json);
    const jsonTable = await within(upload).findByRole('table', { name: 'Các lỗi trong tệp “x.json”' });
    expect(within(jsonTable).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Vị trí trong tệp', 'Lỗi']);
    expect(within(jsonTable).getAllByRole('cell').map((c) => c.textContent)).toEqual(['sections[0].questions[1].visibleIf.q', 'không có câu hỏi "q9"']);
    expect(uploads(requests)).toHaveLength(2);
  });

  it('shows an accepted file as a new draft, with the version it was given and what was left out', async () => {
    const file = new File(['PK fake workbook'], 'bảng hỏi xã.xlsx');
    const accepted = draftSummary({
      versionInFile: 2,
      warnings: [{ sheet: 'settings', row: 2, column: 'style', message: { vi: 'cột "style" không được dùng', en: 'the column "style" is not used' } }],
    });
    const { requests } = questionnaireServer({ upload: () => ({ status: 201, body: accepted }) });
    const upload = await chooseAndUpload(file);

    const summary = within(upload).getByTestId('upload-summary');
    await waitFor(() => expect(summary).toHaveTextContent('Đã lưu bản nháp “Test questionnaire (vi)”'));
    expect(summary).toHaveTextContent('Mã bảng hỏi hai-long-xa, phiên bản 3, 5 câu hỏi, từ tệp “bảng hỏi xã.xlsx”.');
    expect(summary).toHaveTextContent('Tệp ghi phiên bản 2, nhưng phiên bản đó đã có, nên bản nháp là phiên bản 3.');
    const notes = within(upload).getByRole('table', { name: 'Lưu ý về tệp “bảng hỏi xã.xlsx”: phần không được dùng, bản dịch còn thiếu' });
    expect(within(notes).getAllByRole('cell').map((c) => c.textContent)).toEqual(['settings', '2', 'style', 'cột "style" không được dùng']);
    expect(uploads(requests)[0]!.headers['content-type']).toBe('application/octet-stream');

    const drafts = region('Bản nháp chờ xuất bản');
    const row = await within(drafts).findByRole('row', { name: /Test questionnaire \(vi\)/ });
    expect(row).toHaveTextContent('hai-long-xa');
    expect(row).toHaveTextContent('3 (tệp ghi phiên bản 2)');
    expect(row).toHaveTextContent('bảng hỏi xã.xlsx');
    expect(row).toHaveTextContent('admin, 12/11/2021 10:00');
    expect(within(row).getByRole('button', { name: 'Xem thử “Test questionnaire (vi)” phiên bản 3' })).toBeInTheDocument();
    // The list was read again after the upload.
    expect(requests.filter((r) => r.method === 'GET' && r.path === BASE)).toHaveLength(2);
  });
});

describe('drafts and published versions', () => {
  it('publishes a draft after a confirmation, then retires and reinstates the version', async () => {
    const { requests } = questionnaireServer({ drafts: [draftSummary()] });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    await user.click(await within(drafts).findByRole('button', { name: 'Xuất bản “Test questionnaire (vi)” phiên bản 3' }));
    // An administrator publishes: no note saying someone else does.
    expect(screen.queryByTestId('admin-publishes')).toBeNull();
    const confirm = within(drafts).getByRole('alertdialog');
    expect(confirm).toHaveTextContent('Các máy tính bảng nhận phiên bản này ở lần đồng bộ tiếp theo');
    expect(requests.some((r) => r.path.endsWith('/publish'))).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Xuất bản phiên bản này' }));

    expect(await screen.findByTestId('questionnaires-notice')).toHaveTextContent('Đã xuất bản “Test questionnaire (vi)” phiên bản 3.');
    expect(requests.filter((r) => r.method === 'POST' && r.path === `${BASE}/drafts/${DRAFT_ID}/publish`)).toHaveLength(1);
    await waitFor(() => expect(within(drafts).getByText('Chưa có bản nháp nào.')).toBeInTheDocument());

    const published = region('Các phiên bản đã xuất bản');
    const table = within(published).getByRole('table', { name: 'Test questionnaire (vi) (mã hai-long-xa)' });
    const row = within(table).getByRole('row', { name: /phiên bản 3/ });
    expect(row).toHaveTextContent('Xuất bản từ trang điều phối');
    expect(row).toHaveTextContent('12/11/2021 11:00, admin');
    expect(row).toHaveTextContent('Đang dùng');
    expect(within(row).getByRole('link', { name: 'Tải tệp Excel (XLSForm) của “Test questionnaire (vi)” phiên bản 3' })).toHaveAttribute(
      'href',
      `${BASE}/hai-long-xa/3.xlsx`,
    );
    // The questionnaire shipped with the server has its own table, from a file.
    expect(within(published).getByRole('table', { name: 'Phiếu khảo sát sự hài lòng (mã sipas-citizen)' })).toHaveTextContent('Tệp cài sẵn trên máy chủ');

    await user.click(within(row).getByRole('button', { name: 'Ngừng dùng “Test questionnaire (vi)” phiên bản 3' }));
    const retire = within(row).getByRole('alertdialog');
    expect(retire).toHaveTextContent('Không bắt đầu được phiếu mới với phiên bản này; các phiếu đã bắt đầu vẫn được nhận.');
    await user.click(within(retire).getByRole('button', { name: 'Ngừng dùng phiên bản này' }));
    await waitFor(() => expect(within(table).getByRole('row', { name: /phiên bản 3/ })).toHaveTextContent('Đã ngừng dùng'));
    expect(screen.getByTestId('questionnaires-notice')).toHaveTextContent('các phiếu đã bắt đầu vẫn được nhận');
    expect(requests.filter((r) => r.method === 'POST' && r.path === `${BASE}/hai-long-xa/3/retire`)).toHaveLength(1);

    await user.click(within(table).getByRole('button', { name: 'Dùng lại “Test questionnaire (vi)” phiên bản 3' }));
    await waitFor(() => expect(within(table).getByRole('row', { name: /phiên bản 3/ })).toHaveTextContent('Đang dùng'));
    expect(requests.filter((r) => r.method === 'POST' && r.path === `${BASE}/hai-long-xa/3/reinstate`)).toHaveLength(1);
  });

  it.each([
    ['a coordinator', { status: 200, body: { username: 'lan', role: 'coordinator', expiresAt: '2099-01-01T00:00:00.000Z' } }],
    ['an account of a server without roles', { status: 200, body: { username: 'lan', expiresAt: '2099-01-01T00:00:00.000Z' } }],
  ])('shows %s no Publish, Retire or Reinstate button, and one line saying an administrator publishes', async (_who, coordinator) => {
    const retired = PublishedVersion.parse({ ...sipas, version: 1, retired: true });
    const { requests } = questionnaireServer({ drafts: [draftSummary()], published: [sipas, retired], me: coordinator });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    const row = await within(drafts).findByRole('row', { name: /Test questionnaire \(vi\)/ });
    expect(screen.getByTestId('admin-publishes')).toHaveTextContent('Quản trị viên xuất bản, ngừng dùng hoặc dùng lại bảng hỏi; bạn vẫn tải lên, xem thử và xoá bản nháp được.');
    // Preview and Delete stay; Publish is gone.
    expect(within(row).getAllByRole('button').map((b) => b.textContent)).toEqual(['Xem thử', 'Xoá']);
    expect(screen.queryByRole('button', { name: /^Xuất bản/ })).toBeNull();
    // The published versions: the XLSForm to download, nothing to retire or reinstate.
    const published = region('Các phiên bản đã xuất bản');
    const table = within(published).getByRole('table', { name: 'Phiếu khảo sát sự hài lòng (mã sipas-citizen)' });
    expect(within(table).getByRole('row', { name: /phiên bản 1/ })).toHaveTextContent('Đã ngừng dùng');
    expect(within(table).queryAllByRole('button')).toEqual([]);
    expect(within(table).getAllByRole('link')).toHaveLength(2);
    // Uploading and previewing are still a coordinator's.
    expect(screen.getByRole('region', { name: 'Tải lên bảng hỏi' })).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Xem thử “Test questionnaire (vi)” phiên bản 3' }));
    await screen.findByRole('region', { name: 'Xem thử “Test questionnaire (vi)” (phiên bản 3)' });
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);

    // In English, the same line in English.
    await act(() => setLang('en'));
    expect(screen.getByTestId('admin-publishes')).toHaveTextContent('An administrator publishes, retires or reinstates questionnaires');
    await act(() => setLang('vi'));
  });

  it('deletes a draft only once confirmed', async () => {
    const { requests } = questionnaireServer({ drafts: [draftSummary()] });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    const remove = await within(drafts).findByRole('button', { name: 'Xoá bản nháp “Test questionnaire (vi)” phiên bản 3' });
    await user.click(remove);
    await user.click(within(drafts).getByRole('button', { name: 'Huỷ' }));
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(drafts).getByRole('button', { name: 'Xoá bản nháp “Test questionnaire (vi)” phiên bản 3' }));
    expect(within(drafts).getByRole('alertdialog')).toHaveTextContent('(tệp “bảng hỏi xã.xlsx”)');
    await user.click(within(drafts).getByRole('button', { name: 'Xoá bản nháp' }));
    await waitFor(() => expect(within(drafts).getByText('Chưa có bản nháp nào.')).toBeInTheDocument());
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`${BASE}/drafts/${DRAFT_ID}`]);
    expect(screen.getByTestId('questionnaires-notice')).toHaveTextContent('Đã xoá bản nháp “Test questionnaire (vi)” phiên bản 3.');
  });
});

describe('previewing a draft', () => {
  it('shows the draft with the tablets’ questions, blocks Next on a required answer, and stores and sends nothing', async () => {
    const { requests } = questionnaireServer({ drafts: [draftSummary()] });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    await user.click(await within(drafts).findByRole('button', { name: 'Xem thử “Test questionnaire (vi)” phiên bản 3' }));

    const preview = await screen.findByRole('region', { name: 'Xem thử “Test questionnaire (vi)” (phiên bản 3)' });
    expect(preview).toHaveTextContent('Xem thử — không lưu câu trả lời');
    await within(preview).findByRole('group', { name: /question employed \(vi\)/ });
    // Two respondent groups: the preview asks which one.
    expect(within(preview).getByRole('group', { name: 'Nhóm đối tượng' })).toBeInTheDocument();
    // The area / unit the interview would count for fills the question that records it, read-only.
    expect(within(preview).getByLabelText('Địa bàn / đơn vị')).toHaveValue('phu');
    expect(preview.querySelector('[data-question="commune"] .stratum-answer')).toHaveTextContent('item phu (vi)');
    await user.selectOptions(within(preview).getByLabelText('Địa bàn / đơn vị'), 'hung');
    // Another area starts the preview again, with it.
    expect(preview.querySelector('[data-question="commune"] .stratum-answer')).toHaveTextContent('item hung (vi)');
    const employed = within(preview).getByRole('group', { name: /question employed \(vi\)/ });
    expect(within(preview).getByText('Phần 1/2')).toBeInTheDocument();

    // A required question unanswered: Next stays on the page and says why.
    await user.click(within(preview).getByRole('button', { name: /Tiếp theo/ }));
    expect(await within(employed).findByText('Vui lòng trả lời câu hỏi này.')).toBeInTheDocument();
    expect(within(preview).getByText('Phần 1/2')).toBeInTheDocument();
    expect(within(preview).getByText('Còn 1 câu cần sửa trên trang này.')).toBeInTheDocument();
    // The unanswered question takes the focus, not the preview's own choosers above it.
    expect(document.activeElement).toBe(within(employed).getByRole('radio', { name: 'option yes (vi)' }));

    // Skip logic: "sector" is asked only of those employed.
    expect(within(preview).queryByRole('group', { name: /question sector/ })).toBeNull();
    await user.click(within(employed).getByRole('radio', { name: 'option yes (vi)' }));
    await painted();
    expect(await within(preview).findByRole('group', { name: /question sector \(vi\)/ })).toBeInTheDocument();

    // A constraint: an age under 18 blocks Next too.
    const age = within(preview).getByRole('textbox', { name: /question age/ });
    await user.type(age, '12');
    await user.click(within(preview).getByRole('button', { name: /Tiếp theo/ }));
    await waitFor(() => expect(age).toHaveAttribute('aria-invalid', 'true'));
    expect(within(preview).getByText('Phần 1/2')).toBeInTheDocument();
    await user.clear(age);
    await user.type(age, '42');
    await user.click(within(preview).getByRole('button', { name: /Tiếp theo/ }));
    expect(await within(preview).findByText('Phần 2/2')).toBeInTheDocument();

    // The questionnaire's language switches on its own: the page stays Vietnamese.
    await user.click(within(preview).getByRole('button', { name: 'English' }));
    expect(await within(preview).findByText('Part 2 of 2')).toBeInTheDocument();
    expect(within(preview).getByRole('textbox', { name: 'question comment' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Bảng hỏi');
    await user.click(within(preview).getByRole('button', { name: 'Check everything' }));
    expect(await within(preview).findByText('Every answer is valid. This is a preview: nothing was saved or sent.')).toBeInTheDocument();

    // Nothing was sent but the reads, and the device database was never even opened…
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(requests.map((r) => r.path)).toEqual(['/api/coordinator/me', BASE, `${BASE}/drafts/${DRAFT_ID}`]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DEFAULT_DB_NAME);
    // …so it holds no draft and no outbox entry.
    const db = getDb();
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('offers every language of the draft: Khmer shows its texts, the preview’s own texts staying in the page’s language', async () => {
    questionnaireServer({ drafts: [draftSummary({ id: 'ba-ngon-ngu', version: 1, title: THREE_LANGUAGES.title })], definition: THREE_LANGUAGES });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    await user.click(await within(drafts).findByRole('button', { name: 'Xem thử “Khảo sát người dân” phiên bản 1' }));
    const preview = await screen.findByRole('region', { name: 'Xem thử “Khảo sát người dân” (phiên bản 1)' });
    await within(preview).findByRole('heading', { name: 'Thông tin chung', level: 3 });
    const languages = within(preview).getByRole('group', { name: 'Ngôn ngữ của bảng hỏi khi xem thử' });
    expect(within(languages).getAllByRole('button').map((b) => b.textContent)).toEqual(['Tiếng Việt', 'English', 'ភាសាខ្មែរ (km)']);

    await user.click(within(languages).getByRole('button', { name: 'ភាសាខ្មែរ (km)' }));
    expect(await within(preview).findByRole('heading', { name: 'ព័ត៌មានទូទៅ', level: 3 })).toBeInTheDocument();
    expect(within(preview).getByRole('radio', { name: 'ស្រី' })).toBeInTheDocument();
    expect(within(preview).getByText('Phần 1/2')).toBeInTheDocument();
    await user.click(within(preview).getByRole('button', { name: /Tiếp theo/ }));
    expect(await within(preview).findByText('សូមជ្រើសរើសភេទ')).toBeInTheDocument();
  });
});

describe('notes on an accepted upload', () => {
  it('places a JSON file’s note by its path', async () => {
    const note = { path: 'sections[0].questions[1].unit', message: { vi: 'chưa có bản dịch ភាសាខ្មែរ (km): văn bản này hiển thị bằng tiếng Việt', en: 'no translation in ភាសាខ្មែរ (km): this text shows in Vietnamese' } };
    questionnaireServer({ drafts: [draftSummary({ format: 'json', fileName: 'ba-ngon-ngu.json', warnings: [note] })] });
    const drafts = await screen.findByRole('region', { name: 'Bản nháp chờ xuất bản' });
    await user.click(await within(drafts).findByText('1 lưu ý'));
    const notes = within(drafts).getByRole('table', { name: 'Lưu ý về tệp “ba-ngon-ngu.json”: phần không được dùng, bản dịch còn thiếu' });
    expect(within(notes).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Vị trí trong tệp', expect.any(String)]);
    expect(within(notes).getAllByRole('cell').map((c) => c.textContent)).toEqual(['sections[0].questions[1].unit', note.message.vi]);
  });
});
