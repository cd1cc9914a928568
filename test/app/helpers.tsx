/** Renders an open interview the way the app does, over the real store (fake-indexeddb). */
import { render, waitFor } from '@testing-library/react';
import { getDb, getRecord, startInterview, type InterviewRecord } from '../../src/store';
import type { Definition } from '../../src/survey';
import { RenderProbeContext } from '../../src/app/form/env';
import { InterviewPage } from '../../src/app/pages/InterviewPage';
import { setLang } from '../../src/app/i18n';

export async function resetDevice(): Promise<void> {
  const db = getDb();
  await db.records.clear();
  await db.definitions.clear();
  await db.outbox.clear();
  await db.meta.clear();
  await setLang('vi');
}

export interface Opened {
  record: InterviewRecord;
  completed: InterviewRecord[];
  renders: Map<string, number>;
  unmount: () => void;
}

/** Starts a draft of `definition` and opens it; `renders` counts renders per question id. */
export async function openInterview(definition: Definition, existing?: InterviewRecord): Promise<Opened> {
  const record = existing ?? (await startInterview({ definition, respondentGroup: definition.respondentGroups[0]!.id, lang: 'vi' }));
  const completed: InterviewRecord[] = [];
  const renders = new Map<string, number>();
  const probe = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const view = render(
    <RenderProbeContext.Provider value={probe}>
      <InterviewPage id={record.id} onCompleted={(r) => completed.push(r)} />
    </RenderProbeContext.Provider>,
  );
  await waitFor(() => {
    if (!view.container.querySelector('form.section-page')) throw new Error('form not shown yet');
  });
  return { record, completed, renders, unmount: view.unmount };
}

/** Waits until the stored draft satisfies `check` (answers are saved right after each change). */
export async function stored(id: string, check: (r: InterviewRecord) => boolean): Promise<InterviewRecord> {
  let last: InterviewRecord | undefined;
  await waitFor(async () => {
    last = await getRecord(id);
    if (!last || !check(last)) throw new Error(`stored record not as expected: ${JSON.stringify(last?.answers)}`);
  });
  return last!;
}

export const question = (id: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(`[data-question="${id}"]`);
  if (!el) throw new Error(`question ${id} is not shown`);
  return el;
};
export const shown = (id: string): boolean => document.querySelector(`[data-question="${id}"]`) !== null;
