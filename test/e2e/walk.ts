/**
 * Walking a questionnaire without knowing it: every question on the page gets an answer a person
 * could give (the first or last option, the lowest allowed number, today's date, a word), again
 * until no new question appears, then "next". Used to look at every screen of every shipped
 * questionnaire; `seen` collects the question ids shown.
 */
import type { Page } from 'playwright-core';

/**
 * Answers every unanswered question shown; returns the ids of the questions on the page. `reveal`
 * names, per question id, the choice that shows the questions hidden behind it (taken over `pick`).
 */
export async function answerShown(page: Page, pick: 'first' | 'last', reveal: ReadonlyMap<string, string> = new Map()): Promise<string[]> {
  const ids: string[] = [];
  for (let round = 0; round < 6; round++) {
    // After a page turn the rest of a long section follows its first screen (aria-busy until whole).
    await page.locator('form.section-page .questions:not([aria-busy])').waitFor();
    const questions = await page.locator('form.section-page [data-question]').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')!));
    let answered = 0;
    for (const id of questions) {
      if (!ids.includes(id)) ids.push(id);
      answered += await answerOne(page, id, pick, reveal.get(id));
    }
    if (answered === 0) break;
    // Questions an answer reveals appear after React's next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return ids;
}

async function answerOne(page: Page, id: string, pick: 'first' | 'last', preferred: string | undefined): Promise<number> {
  const q = page.locator(`form.section-page [data-question="${id}"]`).first();
  const kinds = await q.evaluate((el) => ({
    radioGroups: [...new Set([...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((i) => i.name))],
    checkbox: el.querySelectorAll('input[type="checkbox"]').length,
    checked: el.querySelectorAll('input[type="checkbox"]:checked').length,
    select: el.querySelector('select') ? (el.querySelector('select') as HTMLSelectElement).value : null,
    inputs: [...el.querySelectorAll<HTMLInputElement>('input:not([type="radio"]):not([type="checkbox"]), textarea')].map((i) => ({
      type: i.type,
      value: i.value,
      min: i.getAttribute('min'),
      inputMode: i.inputMode,
    })),
  }));
  let changed = 0;
  for (const name of kinds.radioGroups) {
    const group = q.locator(`input[type="radio"][name="${name}"]`);
    if ((await q.locator(`input[type="radio"][name="${name}"]:checked`).count()) > 0) continue;
    const choices = await group.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    // "Other" options ask for text; take a plain one.
    const plain = choices.filter((v) => !/other|khac/i.test(v));
    const value = preferred !== undefined && choices.includes(preferred) ? preferred : ((pick === 'first' ? plain[0] : plain[plain.length - 1]) ?? choices[0]!);
    await q.locator('label').filter({ has: page.locator(`input[type="radio"][name="${name}"][value="${value}"]`) }).first().click();
    changed++;
  }
  if (kinds.checkbox > 0 && kinds.checked === 0) {
    const labels = q.locator('label').filter({ has: page.locator('input[type="checkbox"]') });
    await (pick === 'first' ? labels.first() : labels.nth((await labels.count()) > 1 ? 1 : 0)).click();
    changed++;
  }
  if (kinds.select === '') {
    const options = await q.locator('select option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    await q.locator('select').selectOption(pick === 'first' ? options[0]! : options[options.length - 1]!);
    changed++;
  }
  for (const [i, input] of kinds.inputs.entries()) {
    if (input.value !== '') continue;
    const field = q.locator('input:not([type="radio"]):not([type="checkbox"]), textarea').nth(i);
    if (!(await field.isVisible())) continue;
    if (input.type === 'date') await field.fill(new Date().toISOString().slice(0, 10));
    else if (input.type === 'number' || input.inputMode === 'numeric' || input.inputMode === 'decimal') await field.fill(input.min ?? '1');
    else await field.fill('Ý kiến thử');
    changed++;
  }
  return changed;
}

/** A condition as the questionnaires write it: one question's value, or conditions combined. */
export type Condition = { q?: string; equals?: unknown; oneOf?: unknown[]; all?: Condition[]; any?: Condition[] };

/**
 * For a questionnaire, the choice of each question that makes its hidden questions appear (the
 * value a `visibleIf` waits for), so one walk shows every question.
 */
export function revealingChoices(definition: { sections: { questions: { visibleIf?: Condition }[] }[] }): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (c: Condition | undefined): void => {
    if (!c) return;
    if (c.q !== undefined && typeof c.equals === 'string') out.set(c.q, c.equals);
    else if (c.q !== undefined && typeof c.oneOf?.[0] === 'string') out.set(c.q, c.oneOf[0]);
    c.all?.forEach(visit);
    c.any?.forEach(visit);
  };
  for (const section of definition.sections) for (const q of section.questions) visit(q.visibleIf);
  return out;
}
