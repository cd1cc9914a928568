/** The device screen (/device): enrolment with a coordinator's code, unsent data, storage. */
import type { Locator, Page } from 'playwright-core';
import { SyncBar } from './SyncBar';

export class DevicePage {
  readonly sync: SyncBar;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.sync = new SyncBar(page);
  }

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/device`);
    await this.page.getByRole('heading', { name: 'Thiết bị và đồng bộ', exact: true }).waitFor();
    return this;
  }

  get serverUrl(): Locator {
    return this.page.getByLabel('Địa chỉ máy chủ', { exact: true });
  }

  get code(): Locator {
    return this.page.getByLabel('Mã đăng ký', { exact: true });
  }

  /**
   * Types the code (the server address is pre-filled with this origin) and waits for success;
   * `deviceName` is the enumerator's name the code was issued for.
   */
  async enrol(code: string, deviceName: string): Promise<void> {
    await this.code.fill(code);
    await this.page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await this.page.getByText(`Đã đăng ký thiết bị cho điều tra viên “${deviceName}”.`, { exact: true }).waitFor();
  }

  /** "Điều tra viên: …", "Tên gọi thiết bị: …" and "Máy chủ: …" once enrolled. */
  get deviceName(): Locator {
    return this.page.locator('.device-info');
  }
}
