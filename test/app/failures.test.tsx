/**
 * Failures the enumerator must see, never a silent button or a blank page: completing an interview
 * when the device's storage refuses the write (the answers stay, pressing again completes it), and
 * a page that fails to render (a translated message, the unsent data to download, a reload).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as store from '../../src/store';
import { ErrorBoundary } from '../../src/app/ErrorBoundary';
import { def, section, single } from '../survey/fixtures';
import { openInterview, question, resetDevice, stored } from './helpers';


vi.mock('../../src/store', async (original) => {
  const actual = await original<typeof import('../../src/store')>();
  return { ...actual, completeInterview: vi.fn(actual.completeInterview) };
});

const survey = def({ sections: [section('only', [single('overall', ['good', 'bad'], { required: true })])] });
const user = userEvent.setup();

beforeEach(resetDevice);
afterEach(() => vi.restoreAllMocks());

describe('completing an interview when storage refuses', () => {
  it('says the storage is full, keeps the answers, and completes when pressed again', async () => {
    const complete = vi.mocked(store.completeInterview);
    complete.mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const { record, completed } = await openInterview(survey);
    await user.click(within(question('overall')).getByRole('radio', { name: 'option good (vi)' }));
    await stored(record.id, (r) => r.answers.overall === 'good');
    const finish = screen.getByRole('button', { name: 'Hoàn thành phiếu' });
    await user.click(finish);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Bộ nhớ của thiết bị đã đầy/);
    expect(completed).toEqual([]);
    expect(await store.getRecord(record.id)).toMatchObject({ status: 'draft', answers: { overall: 'good' } });
    // The button works again, and the second press completes the interview.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Hoàn thành phiếu' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
    await waitFor(() => expect(completed).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the questionnaire was not saved when the write fails for another reason', async () => {
    vi.mocked(store.completeInterview).mockRejectedValueOnce(new Error('Database has been closed'));
    const { record, completed } = await openInterview(survey);
    await user.click(within(question('overall')).getByRole('radio', { name: 'option good (vi)' }));
    await stored(record.id, (r) => r.answers.overall === 'good');
    await user.click(screen.getByRole('button', { name: 'Hoàn thành phiếu' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Chưa lưu được phiếu đã hoàn thành/);
    expect(completed).toEqual([]);
  });
});

function Broken(): never {
  throw new Error('render failed');
}

describe('a page that fails to render', () => {
  it('says so in Vietnamese and offers the unsent data and a reload', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:unsent';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    render(
      <ErrorBoundary resetKey="home">
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Trang này gặp lỗi và không hiển thị được.' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tải xuống dữ liệu chưa gửi' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(JSON.parse(await created[0]!.text())).toMatchObject({ format: expect.any(String) });
  });

  it('on the coordinators’ pages offers a reload only', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary resetKey="dashboard" offerDownload={false}>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tải xuống dữ liệu chưa gửi' })).toBeNull();
  });
});
