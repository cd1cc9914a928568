/** The header's sync status (role="status", "Trạng thái gửi phiếu"), on every screen. */
import type { Locator, Page } from 'playwright-core';

export class SyncBar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('status', { name: 'Trạng thái gửi phiếu', exact: true });
  }

  async text(): Promise<string> {
    return (await this.root.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** "Mất mạng" / "Có mạng". */
  async waitOffline(): Promise<void> {
    await this.root.getByText('Mất mạng', { exact: true }).waitFor();
  }

  async waitOnline(): Promise<void> {
    await this.root.getByText('Có mạng', { exact: true }).waitFor();
  }

  /** "Chờ gửi: n phiếu". */
  async waitPending(n: number, timeout?: number): Promise<void> {
    await this.root.getByText(`Chờ gửi: ${n} phiếu`, { exact: true }).waitFor(timeout === undefined ? {} : { timeout });
  }

  /** "Đã gửi hết": nothing waits in the outbox. */
  async waitAllSent(timeout?: number): Promise<void> {
    await this.root.getByText('Đã gửi hết', { exact: true }).waitFor(timeout === undefined ? {} : { timeout });
  }

  /**
   * No upload in flight ("Đồng bộ ngay" is enabled again). Wait for this before the network comes
   * back in a test: an `online` arriving during a run that then fails is not acted on until the
   * backoff timer fires (see the e2e report).
   */
  async waitIdle(timeout?: number): Promise<void> {
    const idle = this.root.locator('button.sync-now:not([disabled])', { hasText: 'Đồng bộ ngay' });
    // Twice, a moment apart: a run started just now (after completing an interview) shows late.
    await idle.waitFor(timeout === undefined ? {} : { timeout });
    await this.page.waitForTimeout(250);
    await idle.waitFor(timeout === undefined ? {} : { timeout });
  }

  async syncNow(): Promise<void> {
    await this.root.getByRole('button', { name: 'Đồng bộ ngay', exact: true }).click();
  }
}
