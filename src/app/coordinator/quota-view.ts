/** Shaping a quota snapshot for the dashboard: strata grouped under their parent, percentages, labels. Pure. */
import { tr, type Lang } from '../../survey';
import type { QuotaGroup, QuotaSnapshot, QuotaStratum } from './api';

export interface StratumBlock {
  /** The parent stratum's value (a department, say), or undefined for strata without one. */
  parent: string | undefined;
  parentLabel: string | undefined;
  strata: QuotaStratum[];
  target: number;
  accepted: number;
}

/** Whole percent of the target reached (a target of 0 counts as reached). */
export const percent = (accepted: number, target: number): number => (target > 0 ? Math.round((accepted / target) * 100) : 100);

/** The labels in `lang` of a group's parents (a unit's department), by value. */
export function parentLabels(group: QuotaGroup, lang: Lang): Map<string, string> {
  return new Map((group.parents ?? []).map((p) => [p.value, tr(p.label, lang)]));
}

/**
 * The group's strata in blocks: one block of the strata without a parent (first), then one per
 * parent in order of first appearance, with the block's totals.
 */
export function strataBlocks(group: QuotaGroup, labels: ReadonlyMap<string, string>): StratumBlock[] {
  const blocks = new Map<string | undefined, StratumBlock>();
  const loose: StratumBlock = { parent: undefined, parentLabel: undefined, strata: [], target: 0, accepted: 0 };
  for (const s of group.strata) {
    const parent = s.parent ?? undefined;
    let block = parent === undefined ? loose : blocks.get(parent);
    if (!block) {
      block = { parent, parentLabel: labels.get(parent!) ?? parent, strata: [], target: 0, accepted: 0 };
      blocks.set(parent, block);
    }
    block.strata.push(s);
    block.target += s.target;
    block.accepted += s.accepted;
  }
  return [...(loose.strata.length > 0 ? [loose] : []), ...blocks.values()];
}

/** Days from the first to the last one given, gaps filled with 0, for a chart with an even time axis. */
export function everyDay(perDay: readonly { date: string; count: number }[]): { date: string; count: number }[] {
  if (perDay.length === 0) return [];
  const counts = new Map(perDay.map((d) => [d.date, d.count]));
  const sorted = [...counts.keys()].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
  if (Number.isNaN(first) || Number.isNaN(last) || last - first > 366 * 86_400_000) return sorted.map((date) => ({ date, count: counts.get(date) ?? 0 }));
  const days: { date: string; count: number }[] = [];
  for (let t = first; t <= last; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    days.push({ date, count: counts.get(date) ?? 0 });
  }
  return days;
}

/** The questionnaires the campaign's groups use, each once, for the export links. */
export function questionnairesOf(snapshot: QuotaSnapshot): { id: string; version: number }[] {
  const seen = new Map<string, { id: string; version: number }>();
  for (const g of snapshot.groups) seen.set(`${g.questionnaire.id}@${g.questionnaire.version}`, g.questionnaire);
  return [...seen.values()];
}
