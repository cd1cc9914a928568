/**
 * The device page's data controls over the real store: logging out (refused, with the reason,
 * while interviews are unsent) and importing another device's backup file; and the home screen
 * offering a questionnaire cached from the server, started without the network.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import {
  acknowledgeSubmissions,
  cacheDefinition,
  exportUnsent,
  getDb,
  getEnrolment,
  listRecords,
  outboxCounts,
  RECORD_FORMAT_VERSION,
  saveEnrolment,
  startInterview,
  SurveyDb,
} from '../../src/store';
import { def, group, section, single } from '../survey/fixtures';
import { completeSipas } from '../sync/interviews';
import en from '../../src/app/i18n/en';
import { resetDevice } from './helpers';

// The device page's count of interviews kept for a newer app, counted as it reads them.
const keptReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/store/kept-for-newer', async (original) => {
  const actual = await original<typeof import('../../src/store/kept-for-newer')>();
  return {
    ...actual,
    keptForNewerApp: (...args: Parameters<typeof actual.keptForNewerApp>) => {
      keptReads.count += 1;
      return actual.keptForNewerApp(...args);
    },
  };
});

const user = userEvent.setup();
const enrolment = { serverUrl: 'http://127.0.0.1:9', deviceId: 'd1', name: 'Máy 1', token: 't'.repeat(40), enrolledAt: '2026-11-01T00:00:00.000Z' };

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

const openDevicePage = async () => {
  render(<App />);
  act(() => navigate('/device'));
  await screen.findByRole('heading', { name: 'Thiết bị và đồng bộ' });
};

describe('logging the device out', () => {
  it('is refused while an interview is unsent, with the reason next to the disabled button', async () => {
    await saveEnrolment(enrolment);
    await completeSipas(getDb());
    await openDevicePage();
    const region = await screen.findByRole('region', { name: 'Đăng xuất thiết bị' });
    const button = await within(region).findByRole('button', { name: 'Đăng xuất thiết bị' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Chưa thể đăng xuất: còn 1 phiếu chưa gửi lên máy chủ. Hãy đồng bộ hoặc tải xuống dữ liệu chưa gửi trước.',
    );
    expect(await getEnrolment()).toEqual(enrolment);
  });

  it('clears the enrolment after a confirmation once everything is on the server, warning about drafts', async () => {
    await saveEnrolment(enrolment);
    const sent = await completeSipas(getDb());
    await acknowledgeSubmissions([sent.id], new Date().toISOString());
    const draft = def({ sections: [section('s', [single('q', ['a', 'b'])])] });
    await startInterview({ definition: draft, respondentGroup: 'citizens', lang: 'vi' });
    await openDevicePage();
    const region = await screen.findByRole('region', { name: 'Đăng xuất thiết bị' });
    expect(region).toHaveTextContent('Lưu ý: còn 1 phiếu đang làm; phiếu vẫn ở trên thiết bị sau khi đăng xuất.');
    await user.click(await within(region).findByRole('button', { name: 'Đăng xuất thiết bị' }));
    const confirm = within(region).getByRole('alertdialog', { name: 'Đăng xuất thiết bị này?' });
    await user.click(within(confirm).getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByText('Thiết bị đã đăng xuất.')).toBeInTheDocument();
    // Switching language says it again in the language now shown.
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText(en.logout.done)).toBeInTheDocument();
    expect(screen.queryByText('Thiết bị đã đăng xuất.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    expect(await getEnrolment()).toBeUndefined();
    expect(await screen.findByLabelText('Mã đăng ký')).toBeInTheDocument();
    expect((await listRecords()).map((r) => r.status).sort()).toEqual(['completed', 'draft']);
  });
});

describe('interviews saved by a newer version of the app', () => {
  it('are counted when the page opens and when it is shown again, not re-read at every change (a sync of thousands)', async () => {
    await saveEnrolment(enrolment);
    const newer = await completeSipas(getDb());
    const row = (await getDb().table('records').get(newer.id)) as Record<string, unknown>;
    await getDb().table('records').put({ ...row, formatVersion: RECORD_FORMAT_VERSION + 1 });
    keptReads.count = 0;
    await openDevicePage();
    expect(await screen.findByText(/1 phiếu trên thiết bị được lưu bởi phiên bản mới hơn/)).toBeInTheDocument();
    const reads = keptReads.count;
    // Interviews queued and sent meanwhile change the outbox: the count is not read again for it.
    // (The logout section follows the outbox live: it shows each change has been seen.)
    const logout = await screen.findByRole('region', { name: 'Đăng xuất thiết bị' });
    const blocked = (n: number) => `Chưa thể đăng xuất: còn ${n} phiếu chưa gửi lên máy chủ. Hãy đồng bộ hoặc tải xuống dữ liệu chưa gửi trước.`;
    await waitFor(() => expect(within(logout).getByRole('button', { name: 'Đăng xuất thiết bị' })).toHaveAccessibleDescription(blocked(1)));
    const sent = await completeSipas(getDb());
    await waitFor(() => expect(within(logout).getByRole('button', { name: 'Đăng xuất thiết bị' })).toHaveAccessibleDescription(blocked(2)));
    await acknowledgeSubmissions([sent.id], new Date().toISOString());
    await waitFor(() => expect(within(logout).getByRole('button', { name: 'Đăng xuất thiết bị' })).toHaveAccessibleDescription(blocked(1)));
    expect(keptReads.count).toBe(reads);
    // Shown again after being hidden (another tab may have run a newer app): read again.
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(keptReads.count).toBe(reads + 1));
  });
});

describe('importing a backup file', () => {
  /** Two completed interviews on another tablet, as its "download unsent data" file. */
  async function otherTabletsFile(): Promise<File> {
    const other = new SurveyDb({ name: `other-tablet-${Math.random()}` });
    await completeSipas(other);
    await completeSipas(other);
    const data = await exportUnsent(other);
    other.close();
    await other.delete();
    return new File([JSON.stringify(data)], 'unsent-2026-11-02T09-30.json', { type: 'application/json' });
  }

  const importFile = async (file: File) => {
    await user.upload(screen.getByLabelText('Tệp sao lưu'), file);
    await user.click(screen.getByRole('button', { name: 'Nhập tệp sao lưu' }));
  };

  it('queues the interviews for sending here, and a second import adds nothing', async () => {
    const file = await otherTabletsFile();
    await openDevicePage();
    await importFile(file);
    const result = await screen.findByText('Đã nhập 2 phiếu mới; phiếu sẽ được gửi lên máy chủ.');
    expect(result.closest('[role="status"]')).not.toBeNull();
    expect(await outboxCounts()).toEqual({ pending: 2, rejected: 0 });
    await waitFor(() => expect(screen.getByText('Còn 2 phiếu chưa gửi được (chờ gửi hoặc bị từ chối).')).toBeInTheDocument());

    await importFile(file);
    expect(await screen.findByText('Không có phiếu mới nào trong tệp để nhập.')).toBeInTheDocument();
    expect(screen.getByText('2 phiếu đã có sẵn trên thiết bị.')).toBeInTheDocument();
    expect(await outboxCounts()).toEqual({ pending: 2, rejected: 0 });
  });

  it('says clearly when the file is not a backup', async () => {
    await openDevicePage();
    await importFile(new File(['{"name": "package"}'], 'package.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tệp này không phải tệp sao lưu dữ liệu chưa gửi.');
    await importFile(new File(['not json'], 'notes.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tệp này không phải tệp sao lưu của ứng dụng (không phải JSON).');
    expect(await outboxCounts()).toEqual({ pending: 0, rejected: 0 });
  });
});

describe('questionnaires published on the server', () => {
  it('are offered on the home screen once cached, and start from the cache', async () => {
    const published = {
      ...def({
        id: 'papi-2026',
        version: 3,
        respondentGroups: [group('households')],
        sections: [section('s1', [single('trust', ['yes', 'no'], { required: true })])],
      }),
      title: { vi: 'Khảo sát PAPI 2026', en: 'PAPI 2026 survey' },
    };
    await cacheDefinition(published); // as the syncer does after a sync run
    render(<App />);
    const card = (await screen.findByRole('heading', { name: 'Khảo sát PAPI 2026' })).closest('li')!;
    expect(card).toHaveTextContent('1 câu hỏi');
    await user.click(within(card).getByRole('button', { name: 'Bắt đầu' }));
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu phỏng vấn' }));
    await screen.findByRole('heading', { name: 'section s1 (vi)', level: 2 });
    const [draft] = await listRecords();
    expect(draft).toMatchObject({ surveyId: 'papi-2026', surveyVersion: 3, respondentGroup: 'households', status: 'draft' });
  });
});
