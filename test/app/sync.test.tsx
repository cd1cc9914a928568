/**
 * The sync status bar and the device page over the real store: what waits, a refused interview
 * with its reason, the download of unsent data, retry, enrolment errors and the last sync error.
 * (Delivery against the real server is covered by test/sync, in Node.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { getDb, outboxCounts, rejectSubmission, saveEnrolment, saveSyncState, type UnsentExport } from '../../src/store';
import { closedPort } from '../sync/gateway';
import { completeSipas } from '../sync/interviews';
import { resetDevice } from './helpers';

const user = userEvent.setup();

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});

const bar = () => screen.getByRole('status', { name: 'Trạng thái gửi phiếu' });

/** Three completed interviews; the server refused the last one (as it answers for a hidden question). */
async function interviews() {
  const db = getDb();
  const pending = [await completeSipas(db), await completeSipas(db)];
  const refused = await completeSipas(db);
  await rejectSubmission(
    refused.id,
    {
      code: 'invalid_answers',
      message: '1 answer(s) break the rules of "sipas-citizen" version 1.',
      errors: { apologyLetter: { code: 'hidden', message: { vi: 'Câu hỏi này không được hỏi.', en: 'This question was not asked.' } } },
    },
    db,
  );
  return { pending, refused };
}

async function fillEnrolment(serverUrl: string, code: string) {
  const server = screen.getByLabelText('Địa chỉ máy chủ');
  await user.clear(server);
  await user.type(server, serverUrl);
  const field = screen.getByLabelText('Mã đăng ký');
  await user.clear(field);
  if (code) await user.type(field, code);
  await user.click(screen.getByRole('button', { name: 'Đăng ký' }));
}

describe('sync status bar', () => {
  it('shows the pending and refused counts, that nothing was sent yet, and that the device is not enrolled', async () => {
    await interviews();
    render(<App />);
    await waitFor(() => expect(bar()).toHaveTextContent('Chờ gửi: 2 phiếu'));
    expect(bar()).toHaveTextContent('1 phiếu bị từ chối');
    expect(bar()).toHaveTextContent('Chưa gửi lần nào');
    expect(bar()).toHaveTextContent('Có mạng');
    expect(within(bar()).getByRole('link', { name: 'Thiết bị chưa đăng ký với máy chủ' })).toHaveAttribute('href', '/device');
    expect(within(bar()).getByRole('button', { name: 'Đồng bộ ngay' })).toBeEnabled();
    const completed = screen.getByRole('region', { name: 'Phiếu đã hoàn thành' });
    expect(await within(completed).findAllByText(/Chưa gửi lên máy chủ/)).toHaveLength(3);
  });

  it('says that nothing is waiting when nothing was ever sent, and "all sent" only once something was', async () => {
    render(<App />);
    await waitFor(() => expect(bar()).toHaveTextContent('Chưa có phiếu nào để gửi'));
    expect(bar()).not.toHaveTextContent('Đã gửi hết');
    expect(bar()).toHaveTextContent('Chưa gửi lần nào');
    // An upload went through: now everything that waited has been sent.
    await act(() => saveSyncState({ lastSuccessAt: new Date().toISOString() }).then(() => undefined));
    act(() => navigate('/device'));
    await waitFor(() => expect(bar()).toHaveTextContent('Đã gửi hết'));
    expect(bar()).not.toHaveTextContent('Chưa có phiếu nào để gửi');
    expect(bar()).toHaveTextContent(/Gửi được lần cuối/);
  });

  it('shows the last error in words with the next retry, after "sync now" fails', async () => {
    const db = getDb();
    await completeSipas(db);
    await saveEnrolment({ serverUrl: `http://127.0.0.1:${await closedPort()}`, deviceId: 'd2', name: 'Máy 2', token: 't'.repeat(40), enrolledAt: new Date().toISOString() }, db);
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Đồng bộ ngay' }));
    await waitFor(() => expect(bar()).toHaveTextContent('Không kết nối được máy chủ.'));
    expect(bar()).toHaveTextContent(/Sẽ tự thử lại lúc/);
    expect(bar()).toHaveTextContent('Chờ gửi: 1 phiếu');
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it.each(['overloaded', 'database_unavailable'])('says once that the server is busy (503 %s), then when it retries', async (code) => {
    const busy = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' }).end(JSON.stringify({ error: { code, message: 'The server is busy.' } }));
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    try {
      const db = getDb();
      await completeSipas(db);
      const { port } = busy.address() as AddressInfo;
      await saveEnrolment({ serverUrl: `http://127.0.0.1:${port}`, deviceId: 'd3', name: 'Máy 3', token: 't'.repeat(40), enrolledAt: new Date().toISOString() }, db);
      render(<App />);
      await user.click(await screen.findByRole('button', { name: 'Đồng bộ ngay' }));
      await waitFor(() => expect(bar()).toHaveTextContent(/Máy chủ đang bận\. Sẽ tự thử lại lúc/));
      // Not "will retry later" and then the time it retries at.
      expect(bar().textContent).not.toMatch(/thử lại sau/);
      expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});

describe('device page', () => {
  it('once enrolled: says whose device it is, the name it was given and the server, under a heading that fits', async () => {
    await saveEnrolment({
      serverUrl: 'https://khaosat.example.gov.vn',
      deviceId: 'd1',
      name: 'Nguyễn Văn A',
      label: 'Máy tính bảng số 3',
      token: 't'.repeat(43),
      enrolledAt: new Date().toISOString(),
    });
    render(<App />);
    act(() => navigate('/device'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Thiết bị và đồng bộ' })).toBeInTheDocument();
    const info = await screen.findByText('Điều tra viên: Nguyễn Văn A');
    expect(info.parentElement).toHaveTextContent('Tên gọi thiết bị: Máy tính bảng số 3');
    expect(info.parentElement).toHaveTextContent('Máy chủ: https://khaosat.example.gov.vn');
    expect(screen.getByRole('heading', { level: 2, name: 'Thiết bị đã đăng ký' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Đăng ký thiết bị' })).toBeNull();
    expect(screen.queryByText(/Tên thiết bị: Nguyễn Văn A/)).toBeNull();
    // Enrolling again: the section says so.
    await user.click(screen.getByRole('button', { name: 'Đăng ký lại' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Đăng ký lại thiết bị' })).toBeInTheDocument();
  });

  it('enrolled without a device name: says none was given', async () => {
    await saveEnrolment({ serverUrl: 'https://khaosat.example.gov.vn', deviceId: 'd1', name: 'Nguyễn Văn A', token: 't'.repeat(43), enrolledAt: new Date().toISOString() });
    render(<App />);
    act(() => navigate('/device'));
    expect(await screen.findByText('Tên gọi thiết bị: không đặt khi đăng ký')).toBeInTheDocument();
  });

  it('not enrolled: the section is the enrolment', async () => {
    render(<App />);
    act(() => navigate('/device'));
    expect(await screen.findByRole('heading', { level: 2, name: 'Đăng ký thiết bị' })).toBeInTheDocument();
  });

  it('lists the refused interview with its reason, downloads the unsent data, and retries it', async () => {
    const { pending, refused } = await interviews();
    render(<App />);
    act(() => navigate('/device'));
    expect(await screen.findByRole('heading', { name: 'Thiết bị và đồng bộ' })).toBeInTheDocument();

    const reason = await screen.findByText('Một số câu trả lời không hợp lệ.');
    const card = reason.closest('li')!;
    expect(card).toHaveAttribute('data-record', refused.id);
    expect(within(card).getByText('Máy chủ ghi: 1 answer(s) break the rules of "sipas-citizen" version 1.')).toBeInTheDocument();
    expect(within(card).getByText('apologyLetter').closest('li')).toHaveTextContent('apologyLetter: Câu hỏi này không được hỏi.');
    expect(screen.getByText('Còn 3 phiếu chưa gửi được (chờ gửi hoặc bị từ chối).')).toBeInTheDocument();

    const blobs: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (b: Blob) => (blobs.push(b), 'blob:unsent');
    URL.revokeObjectURL = () => undefined;
    try {
      await user.click(screen.getByRole('button', { name: 'Tải xuống dữ liệu chưa gửi' }));
      await waitFor(() => expect(blobs).toHaveLength(1));
    } finally {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
    expect(blobs[0]!.type).toBe('application/json');
    const file = JSON.parse(await blobs[0]!.text()) as UnsentExport;
    expect(file.interviews.map((i) => i.record.id).sort()).toEqual([...pending.map((r) => r.id), refused.id].sort());
    expect(file.interviews.find((i) => i.record.id === refused.id)).toMatchObject({
      record: { answers: refused.answers },
      outbox: { state: 'rejected', rejection: { code: 'invalid_answers' } },
    });

    await user.click(within(card).getByRole('button', { name: 'Gửi lại' }));
    await waitFor(() => expect(screen.getByText('Không có phiếu nào bị từ chối.')).toBeInTheDocument());
    expect(await outboxCounts()).toEqual({ pending: 3, rejected: 0 });
    await waitFor(() => expect(bar()).toHaveTextContent('Chờ gửi: 3 phiếu'));
  });

  it('explains enrolment problems: no code, a bad address, an unreachable server', async () => {
    render(<App />);
    act(() => navigate('/device'));
    expect(await screen.findByLabelText('Địa chỉ máy chủ')).toHaveValue(location.origin);
    expect(screen.getByText(/Thiết bị này chưa được đăng ký/)).toBeInTheDocument();

    await fillEnrolment(location.origin, '');
    expect(await screen.findByRole('alert')).toHaveTextContent('Vui lòng nhập mã đăng ký.');
    await fillEnrolment('192.168.1.10', 'ABCD-1234');
    expect(await screen.findByRole('alert')).toHaveTextContent('Địa chỉ máy chủ không hợp lệ (ví dụ: http://192.168.1.10:8080).');
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    await fillEnrolment(unreachable, 'ABCD-1234');
    expect(await screen.findByRole('alert')).toHaveTextContent(`Không kết nối được máy chủ tại ${unreachable}.`);
  });
});
