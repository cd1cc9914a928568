/** The home screen: new questionnaires, drafts (resume, discard) and completed interviews. */
import type { Locator, Page } from 'playwright-core';
import { InterviewPage } from './InterviewPage';
import { StartPage } from './StartPage';
import { SyncBar } from './SyncBar';

export class HomePage {
  readonly sync: SyncBar;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.sync = new SyncBar(page);
  }

  async goto(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/`);
    return this.ready();
  }

  /** Waits until the screen shows the questionnaires and has read the drafts from the device. */
  async ready(): Promise<this> {
    await this.page.getByRole('heading', { name: 'Bắt đầu phiếu mới', exact: true }).waitFor();
    await this.draftsSection.getByText('Đang tải…').waitFor({ state: 'detached' });
    return this;
  }

  get draftsSection(): Locator {
    return this.page.locator('section[aria-labelledby="drafts-heading"]');
  }

  get completedSection(): Locator {
    return this.page.locator('section[aria-labelledby="completed-heading"]');
  }

  /** "Bắt đầu" on the card of the questionnaire titled `title`. */
  async start(title: string): Promise<StartPage> {
    const card = this.page.locator('li.card').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
    await card.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
    return new StartPage(this.page).ready();
  }

  draftCard(id: string): Locator {
    return this.draftsSection.locator(`li.card[data-record="${id}"]`);
  }

  /** "Tiếp tục" on a draft. */
  async resume(id: string): Promise<InterviewPage> {
    await this.draftCard(id).getByRole('button', { name: 'Tiếp tục', exact: true }).click();
    await this.page.waitForURL(`**/interview/${id}`);
    return new InterviewPage(this.page, id).ready();
  }

  async draftIds(): Promise<string[]> {
    return this.draftsSection.locator('li.card[data-record]').evaluateAll((els) => els.map((e) => e.getAttribute('data-record')!));
  }

  async completedIds(): Promise<string[]> {
    return this.completedSection.locator('li.card[data-record]').evaluateAll((els) => els.map((e) => e.getAttribute('data-record')!));
  }

  /** The notice the home screen shows after an interview is completed. */
  get savedNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Phiếu đã được hoàn thành và lưu trên thiết bị.' });
  }
}
