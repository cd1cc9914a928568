/**
 * An open interview: one section per page. Questions are `[data-question="<id>"]` containers
 * holding real inputs: radios and checkboxes inside <label>s, a <select> for dropdowns, text,
 * date and number inputs, a textarea. Answers are given as a person would: clicking the option's
 * label, choosing in the select, typing.
 */
import type { Locator, Page } from 'playwright-core';

/** An answer as the form shows it: a choice, several choices, text, a number. */
export type AnswerValue = string | number | readonly string[];

type Kind = 'select' | 'radio' | 'checkbox' | 'textarea' | 'text' | 'fromStratum';

export class InterviewPage {
  constructor(
    readonly page: Page,
    readonly id: string,
  ) {}

  /** Waits until the form shows a section (heading and the section counter). */
  async ready(): Promise<this> {
    await this.page.locator('form.section-page h2').waitFor();
    await this.page.locator('form.section-page .section-count').waitFor();
    return this;
  }

  question(id: string): Locator {
    return this.page.locator(`[data-question="${id}"]`);
  }

  private async kind(id: string): Promise<Kind> {
    const q = this.question(id);
    await q.waitFor();
    return q.evaluate((el): Kind => {
      if (el.classList.contains('from-stratum')) return 'fromStratum';
      if (el.querySelector('select')) return 'select';
      if (el.querySelector('input[type="radio"]')) return 'radio';
      if (el.querySelector('input[type="checkbox"]')) return 'checkbox';
      if (el.querySelector('textarea')) return 'textarea';
      return 'text';
    });
  }

  private option(id: string, value: string): Locator {
    return this.question(id).locator('label').filter({ has: this.page.locator(`input[value="${value}"]`) });
  }

  /** Answers question `id` on the current page. */
  async answer(id: string, value: AnswerValue): Promise<void> {
    const q = this.question(id);
    const kind = await this.kind(id);
    if (kind === 'fromStratum') {
      // Read-only, filled from the stratum chosen on the start page: it must show that answer.
      await q.locator(`.stratum-answer[data-value="${String(value)}"]`).waitFor();
    } else if (kind === 'select') {
      await q.locator('select').selectOption(String(value));
    } else if (kind === 'radio') {
      await this.option(id, String(value)).click();
      await q.locator(`input[value="${String(value)}"]:checked`).waitFor({ state: 'attached' });
    } else if (kind === 'checkbox') {
      const wanted = new Set(Array.isArray(value) ? value : [String(value)]);
      const values = await q.locator('input[type="checkbox"]').evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).value, (e as HTMLInputElement).checked] as const));
      for (const [v, checked] of values) {
        if (checked !== wanted.has(v)) await this.option(id, v).click();
      }
    } else if (kind === 'textarea') {
      await q.locator('textarea').fill(String(value));
    } else {
      await q.locator('input').first().fill(String(value));
    }
  }

  /** Answers several questions, in order. */
  async answerAll(answers: Iterable<readonly [string, AnswerValue]>): Promise<void> {
    for (const [id, value] of answers) await this.answer(id, value);
  }

  /**
   * The answer the form shows for question `id`: the selected value, the checked values (a list),
   * the text typed; undefined when unanswered.
   */
  async shown(id: string): Promise<string | string[] | undefined> {
    const kind = await this.kind(id);
    return this.question(id).evaluate((el, k) => {
      if (k === 'fromStratum') return el.querySelector<HTMLElement>('.stratum-answer')?.dataset.value || undefined;
      if (k === 'select') return (el.querySelector('select') as HTMLSelectElement).value || undefined;
      if (k === 'radio') return (el.querySelector('input[type="radio"]:checked') as HTMLInputElement | null)?.value;
      if (k === 'checkbox') {
        const checked = [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map((i) => i.value);
        return checked.length > 0 ? checked : undefined;
      }
      const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(k === 'textarea' ? 'textarea' : 'input');
      return input?.value || undefined;
    }, kind);
  }

  /** The current section's heading, e.g. "C2. Thủ tục hành chính". */
  async sectionTitle(): Promise<string> {
    return (await this.page.locator('form.section-page h2').innerText()).trim();
  }

  /** "Phần 3/7". */
  async sectionCount(): Promise<string> {
    return (await this.page.locator('form.section-page .section-count').innerText()).trim();
  }

  /** The section titles of the jump list (only the sections shown for these answers). */
  async sectionList(): Promise<string[]> {
    return this.page.locator('nav.section-nav li button > span').allInnerTexts();
  }

  /** "Tiếp theo": validates the page and goes to the next section (waits for its heading). */
  async next(): Promise<string> {
    const before = await this.sectionTitle();
    await this.page.getByRole('button', { name: 'Tiếp theo →', exact: true }).click();
    await this.page.waitForFunction((title) => document.querySelector('form.section-page h2')?.textContent?.trim() !== title, before);
    return this.sectionTitle();
  }

  /** Jumps to a section with the section list. */
  async goTo(title: string): Promise<void> {
    await this.page.locator('nav.section-nav').getByRole('button').filter({ hasText: title }).click();
    await this.page.locator('form.section-page h2', { hasText: title }).waitFor();
  }

  /** "Hoàn thành phiếu": validates everything, freezes the record and returns to the home screen. */
  async finish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === '/');
  }

  /** The save status: "Đã lưu trên thiết bị" once every change is in IndexedDB. */
  async waitSaved(): Promise<void> {
    await this.page.locator('.save-status.saved').waitFor();
  }
}
