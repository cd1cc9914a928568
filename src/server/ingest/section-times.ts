/**
 * The section times kept of an interview: only its questionnaire version's sections, with times
 * from 0 to MAX_SECTION_MS milliseconds, in the questionnaire's order. Anything else the device
 * sent is dropped rather than refused: its enumerator could not fix it, and losing the interview
 * over a timer would be worse than losing the timer.
 */
import { MAX_SECTION_MS } from '../../contract';
import type { Definition } from '../../survey';

export function keptSectionTimes(def: Definition, sent: Readonly<Record<string, number>>): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const { id } of def.sections) {
    if (!Object.hasOwn(sent, id)) continue;
    const ms = sent[id];
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_SECTION_MS) kept[id] = ms;
  }
  return kept;
}
