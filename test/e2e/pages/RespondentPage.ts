/**
 * A respondent's link (/r/<token>): the questionnaire alone, then one-message pages (queued, sent,
 * already answered, refused). The form is filled without knowing the questionnaire: every shown
 * question gets its first option (a matrix its first column), a number, a date or some text, as a
 * respondent would tap and type, so the test follows whatever the campaign's questionnaire is.
 */
import type { Locator, Page } from 'playwright-core';

export class RespondentPage {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<this> {
    await this.page.goto(url);
    return this;
  }

  /** Waits until the questionnaire shows a section. */
  async formReady(): Promise<this> {
    await this.page.locator('form.section-page h2').waitFor();
    return this;
  }

  /** The link's group and stratum, as the header shows them. */
  async context(): Promise<string> {
    return (await this.page.locator('.respond-context').innerText()).trim();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The one-message page shown, by its data-state (queued, sent, answered, refused…). */
  status(state: string): Locator {
    return this.page.locator(`main.respond-status[data-state="${state}"]`);
  }

  async sectionTitle(): Promise<string> {
    return (await this.page.locator('form.section-page h2').innerText()).trim();
  }

  /** The ids of the questions shown on this page that take an answer. */
  async questionIds(): Promise<string[]> {
    return this.page.locator('form.section-page .question[data-question]:not(.note)').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')!));
  }

  /** Whether question `id` has an answer on screen. */
  async answered(id: string): Promise<boolean> {
    return this.page.locator(`[data-question="${id}"]`).evaluate((el) => {
      if (el.querySelector('input[type="radio"]:checked, input[type="checkbox"]:checked')) return true;
      const select = el.querySelector('select');
      if (select) return select.value !== '';
      const field = el.querySelector<HTMLInputElement | HTMLTextAreaElement>('input:not([type="radio"]):not([type="checkbox"]), textarea');
      return field !== null && field.value !== '';
    });
  }

  /** Answers question `id` the first way it offers. */
  async answer(id: string): Promise<void> {
    const q = this.page.locator(`[data-question="${id}"]`);
    const kind = await q.evaluate((el) => [...el.classList].find((c) => c.startsWith('q-')) ?? '');
    if (kind === 'q-matrix') await q.locator('button.column-shortcut').first().click();
    else if (await q.locator('select').count()) await q.locator('select').selectOption({ index: 1 });
    else if (kind === 'q-single') await q.locator('label:has(input[type="radio"])').first().click();
    else if (kind === 'q-multiple') await q.locator('label:has(input[type="checkbox"])').first().click();
    else if (kind === 'q-date') await q.locator('input[type="date"]').fill('2025-03-14');
    else if (kind === 'q-integer' || kind === 'q-decimal') await q.locator('input').first().fill('2');
    else if (kind === 'q-longtext') await q.locator('textarea').fill('Cán bộ hướng dẫn tận tình.');
    else await q.locator('input').first().fill('Phường Hải Đình');
  }

  /** Answers the first `limit` unanswered questions shown (all of them by default), including those an answer reveals. */
  async answerShown(limit = Infinity): Promise<string[]> {
    const given: string[] = [];
    for (let round = 0; round < 4 && given.length < limit; round++) {
      let progressed = false;
      for (const id of await this.questionIds()) {
        if (given.length >= limit) break;
        if (await this.answered(id)) continue;
        await this.answer(id);
        given.push(id);
        progressed = true;
      }
      if (!progressed) break;
    }
    return given;
  }

  /** "Tiếp theo": to the next section (waits for its heading). */
  async next(): Promise<void> {
    const before = await this.sectionTitle();
    await this.page.getByRole('button', { name: 'Tiếp theo →', exact: true }).click();
    await this.page.waitForFunction((title) => document.querySelector('form.section-page h2')?.textContent?.trim() !== title, before);
  }

  async isLastSection(): Promise<boolean> {
    return (await this.page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).count()) > 0;
  }

  /** Answers every remaining section and presses "Hoàn thành phiếu". */
  async finishAll(): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await this.answerShown();
      if (await this.isLastSection()) break;
      await this.next();
    }
    await this.page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).click();
  }
}
