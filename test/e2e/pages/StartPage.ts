/** Starting an interview: respondent group, stratum (select#stratum), interview language. */
import type { Page } from 'playwright-core';
import { InterviewPage } from './InterviewPage';

export class StartPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<this> {
    await this.page.getByRole('button', { name: 'Bắt đầu phỏng vấn', exact: true }).waitFor();
    return this;
  }

  async chooseStratum(value: string): Promise<this> {
    await this.page.locator('select#stratum').selectOption(value);
    return this;
  }

  async language(lang: 'vi' | 'en'): Promise<this> {
    await this.page.locator(`input[name="lang"][value="${lang}"]`).check();
    return this;
  }

  /** "Bắt đầu phỏng vấn": the draft is created on the device and its first section opens. */
  async begin(): Promise<InterviewPage> {
    await this.page.getByRole('button', { name: 'Bắt đầu phỏng vấn', exact: true }).click();
    await this.page.waitForURL(/\/interview\/[^/]+$/);
    const id = decodeURIComponent(new URL(this.page.url()).pathname.split('/').pop()!);
    return new InterviewPage(this.page, id).ready();
  }
}
