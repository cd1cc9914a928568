/**
 * A respondent's link (/r/<token>): a welcome before a fresh link's questionnaire ("Bắt đầu trả
 * lời"), a short "Tiếp tục trả lời" for a draft on this device, the questionnaire alone, then
 * one-message pages (queued, sent, already answered, refused). The form is filled without knowing the questionnaire: every shown
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

  /** The welcome a link not started on this device opens on. */
  welcome(): Locator {
    return this.page.locator('main.respond-welcome[data-state="welcome"]');
  }

  /** The welcome's facts as term → description (who runs it, purpose, time, anonymity, use). */
  async welcomeFacts(): Promise<Record<string, string>> {
    return this.welcome()
      .locator('dl.respond-facts > div')
      .evaluateAll((items) => Object.fromEntries(items.map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.innerText.trim()])));
  }

  /** Waits for the welcome and presses "Bắt đầu trả lời": the questionnaire's first section. */
  async start(): Promise<this> {
    await this.welcome().waitFor();
    await this.page.getByRole('button', { name: 'Bắt đầu trả lời', exact: true }).click();
    return this.formReady();
  }

  /** Waits for the "continue" offered for a draft on this device and presses "Tiếp tục trả lời": the section it was left on. */
  async resume(): Promise<this> {
    await this.page.locator('main.respond-welcome[data-state="resume"]').waitFor();
    await this.page.getByRole('button', { name: 'Tiếp tục trả lời', exact: true }).click();
    return this.formReady();
  }

  /** Whether the page scrolls sideways, or an element of the main content sticks out of the page. */
  async overflow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out = document.documentElement.scrollWidth > width ? [`page ${document.documentElement.scrollWidth} px wide in ${width} px`] : [];
      for (const el of document.querySelectorAll<HTMLElement>('header *, main *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.left < -1 || box.right > width + 1)) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
      // Text inside its card.
      for (const card of document.querySelectorAll<HTMLElement>('.respond-facts > div')) {
        const outer = card.getBoundingClientRect();
        for (const el of card.querySelectorAll<HTMLElement>('*')) {
          const box = el.getBoundingClientRect();
          if (box.right > outer.right + 1 || box.left < outer.left - 1) out.push(`${el.tagName.toLowerCase()} outside its card`);
        }
      }
      return out;
    });
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

  /** The ids of the questions shown on this page that take an answer (not notes, not the stratum's answer the link set). */
  async questionIds(): Promise<string[]> {
    return this.page.locator('form.section-page .question[data-question]:not(.note):not(.from-stratum)').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')!));
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
