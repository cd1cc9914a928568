/**
 * Storage on the device: asking to keep the data, used and free space, the warning when space
 * runs out; every browser API feature-detected (a browser without them gets "not supported").
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { App } from '../../src/app/App';
import { navigate } from '../../src/app/router';
import { formatBytes, isLow, requestPersistence, storageRoom, type StorageLike } from '../../src/app/storage/storage';
import { resetDevice } from './helpers';

const MB = 1024 * 1024;

function useStorage(storage: StorageLike | undefined) {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
}

beforeEach(async () => {
  await resetDevice();
  navigate('/', { replace: true });
});
afterEach(() => {
  delete (navigator as { storage?: unknown }).storage;
});

describe('the storage manager', () => {
  it('asks for persistence once, unless already granted', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    expect(await requestPersistence({ persist, persisted: () => Promise.resolve(false) })).toBe('persisted');
    expect(persist).toHaveBeenCalledOnce();
    const notAsked = vi.fn(() => Promise.resolve(true));
    expect(await requestPersistence({ persist: notAsked, persisted: () => Promise.resolve(true) })).toBe('persisted');
    expect(notAsked).not.toHaveBeenCalled();
    expect(await requestPersistence({ persist: () => Promise.resolve(false) })).toBe('notPersisted');
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('denied')) })).toBe('notPersisted');
    expect(await requestPersistence({})).toBe('unsupported');
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });

  it('reports used and free space, or nothing when the browser does not say', async () => {
    expect(await storageRoom({ estimate: () => Promise.resolve({ usage: 30 * MB, quota: 1000 * MB }) })).toEqual({ usage: 30 * MB, quota: 1000 * MB, free: 970 * MB });
    expect(await storageRoom({ estimate: () => Promise.resolve({}) })).toBeUndefined();
    expect(await storageRoom({})).toBeUndefined();
  });

  it('calls space low under 50 MB free or above 90 % of the quota used', () => {
    expect(isLow({ usage: 10 * MB, quota: 59 * MB, free: 49 * MB })).toBe(true);
    expect(isLow({ usage: 910 * MB, quota: 1000 * MB, free: 90 * MB })).toBe(true);
    expect(isLow({ usage: 100 * MB, quota: 1000 * MB, free: 900 * MB })).toBe(false);
  });

  it('formats sizes in the interface language', () => {
    expect(formatBytes(1.5 * MB, 'vi')).toBe('1,5 MB');
    expect(formatBytes(1.5 * MB, 'en')).toBe('1.5 MB');
    expect(formatBytes(2048 * MB, 'en')).toBe('2 GB');
    expect(formatBytes(123.4 * MB, 'en')).toBe('123 MB');
  });
});

describe('the device page and the home screen', () => {
  const openDevicePage = async () => {
    render(<App />);
    act(() => navigate('/device'));
    return screen.findByRole('region', { name: 'Bộ nhớ và dùng ngoại tuyến' });
  };

  it('shows persistent storage, used and free space', async () => {
    useStorage({ persisted: () => Promise.resolve(true), estimate: () => Promise.resolve({ usage: 12.3 * MB, quota: 2048 * MB }) });
    const panel = await openDevicePage();
    expect(await screen.findByText('Dữ liệu được lưu bền vững.')).toBeInTheDocument();
    expect(panel).toHaveTextContent('Đã dùng 12 MB · Còn trống 2 GB');
    expect(screen.queryByText(/Sắp hết bộ nhớ/)).toBeNull();
  });

  it('says the browser may delete the data when it is not persisted, and warns when space runs low', async () => {
    useStorage({ persist: () => Promise.resolve(false), persisted: () => Promise.resolve(false), estimate: () => Promise.resolve({ usage: 980 * MB, quota: 1000 * MB }) });
    await openDevicePage();
    expect(await screen.findByText('Trình duyệt có thể xoá dữ liệu khi thiếu dung lượng — hãy cài ứng dụng vào màn hình chính.')).toBeInTheDocument();
    expect(screen.getByText('Sắp hết bộ nhớ (còn 20 MB). Hãy gửi hoặc tải xuống dữ liệu chưa gửi và giải phóng dung lượng trên máy.')).toHaveAttribute('role', 'status');
  });

  it('says what this browser does not support', async () => {
    useStorage(undefined);
    const panel = await openDevicePage();
    expect(await screen.findByText('Trình duyệt này không hỗ trợ lưu dữ liệu bền vững; dữ liệu có thể bị xoá khi thiếu dung lượng.')).toBeInTheDocument();
    expect(panel).toHaveTextContent('Trình duyệt này không cho biết dung lượng đã dùng và còn trống.');
    expect(panel).toHaveTextContent('Trình duyệt không cho phép dùng ngoại tuyến ở địa chỉ này (cần HTTPS).');
  });

  it('warns on the home screen only when space runs low', async () => {
    useStorage({ estimate: () => Promise.resolve({ usage: 10 * MB, quota: 40 * MB }) });
    const { unmount } = render(<App />);
    expect(await screen.findByText(/^Sắp hết bộ nhớ \(còn 30 MB\)/)).toBeInTheDocument();
    unmount();
    useStorage({ estimate: () => Promise.resolve({ usage: 10 * MB, quota: 4000 * MB }) });
    render(<App />);
    await screen.findByRole('heading', { name: 'Bắt đầu phiếu mới' });
    await act(() => Promise.resolve());
    expect(screen.queryByText(/Sắp hết bộ nhớ/)).toBeNull();
  });
});
