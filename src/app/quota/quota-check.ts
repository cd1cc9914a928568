/**
 * Whether a new interview may start in a respondent group and stratum, from the server's last
 * quota snapshot plus the interviews completed here and not yet sent: works offline. Only
 * starting is ever refused (policy "stop"); completing and sending never are.
 */
import type { QuotaGroup, QuotaSnapshot } from '../../contract';
import { getQuotaSnapshot, unsentCounts, type UnsentCount } from '../../store';
import type { CampaignStrata, ListItem, Text } from '../../survey';

export interface QuotaFigures {
  target: number;
  /** Counted by the server when the snapshot was taken. */
  accepted: number;
  /** Completed on this device, not yet acknowledged by the server. */
  unsent: number;
}

export interface QuotaCheck extends QuotaFigures {
  /** ok: room left; warn: full, more allowed (policy continue); block: full, no new interview (policy stop). */
  verdict: 'ok' | 'warn' | 'block';
  label: Text;
  takenAt: string;
}

export interface QuotaSituation {
  snapshot: QuotaSnapshot | undefined;
  unsent: readonly UnsentCount[];
}

/** The snapshot's group for interviews of `surveyId` (any version) in `group`. */
export const findGroup = (snapshot: QuotaSnapshot, surveyId: string, group: string): QuotaGroup | undefined =>
  snapshot.groups.find((g) => g.id === group && g.questionnaire.id === surveyId);

/**
 * What the running campaign (the server's last snapshot) plans for a questionnaire: the version
 * its groups are surveyed with (a coordinator may move a group to a new version during fieldwork),
 * and per group the planned strata with the campaign's labels, in the plan's order (some may be
 * the campaign's own, outside the questionnaire's list). Nothing when the snapshot's campaign is
 * not running or does not survey it.
 */
export function campaignPlan(snapshot: QuotaSnapshot | undefined, surveyId: string): { version: number | undefined; strata: (group: string) => readonly ListItem[] } {
  const groups = snapshot?.status === 'running' ? snapshot.groups.filter((g) => g.questionnaire.id === surveyId) : [];
  return {
    version: groups[0]?.questionnaire.version,
    strata: (group) => groups.find((g) => g.id === group)?.strata.filter((s) => s.target > 0).map((s) => ({ value: s.value, label: s.label })) ?? [],
  };
}

/**
 * What the server's current campaign (its last snapshot, whether running, ended or about to start:
 * the campaign an interview done now counts towards) plans for a group of a questionnaire: the
 * version it surveys it with and the planned strata, for matrices that rate them (strata-rows.ts).
 * Strata shown only because interviews arrived for them (target 0) are not planned.
 */
export function campaignStrata(snapshot: QuotaSnapshot | undefined, surveyId: string, group: string): CampaignStrata | undefined {
  const g = snapshot && findGroup(snapshot, surveyId, group);
  if (!g) return undefined;
  return { version: g.questionnaire.version, strata: g.strata.filter((s) => s.target > 0).map((s) => ({ value: s.value, label: s.label })) };
}

/** Unsent interviews of the group, of one stratum when `stratum` is given. */
export function unsentOf(unsent: readonly UnsentCount[], surveyId: string, group: string, stratum?: string): number {
  return unsent
    .filter((u) => u.surveyId === surveyId && u.respondentGroup === group && (stratum === undefined || u.stratum === stratum))
    .reduce((n, u) => n + u.count, 0);
}

/**
 * The verdict for a new interview, or undefined when the snapshot says nothing about this group or
 * stratum (no snapshot yet, another campaign, a stratum outside the plan): starting is then allowed.
 */
export function checkStart(situation: QuotaSituation, surveyId: string, group: string, stratum: string | undefined): QuotaCheck | undefined {
  const { snapshot } = situation;
  if (!snapshot) return undefined;
  const g = findGroup(snapshot, surveyId, group);
  if (!g) return undefined;
  let figures: QuotaFigures & { label: Text };
  if (g.strata.length === 0) figures = { target: g.target, accepted: g.accepted, unsent: unsentOf(situation.unsent, surveyId, group), label: g.label };
  else {
    const s = stratum === undefined ? undefined : g.strata.find((x) => x.value === stratum);
    if (!s) return undefined;
    figures = { target: s.target, accepted: s.accepted, unsent: unsentOf(situation.unsent, surveyId, group, stratum), label: s.label };
  }
  const full = figures.target > 0 && figures.accepted + figures.unsent >= figures.target;
  const verdict = !full ? 'ok' : g.policy === 'stop' ? 'block' : 'warn';
  return { ...figures, verdict, takenAt: snapshot.takenAt };
}

/** Reads the stored snapshot and unsent counts now (the start button's last word). */
export async function readSituation(): Promise<QuotaSituation> {
  const [snapshot, unsent] = await Promise.all([getQuotaSnapshot(), unsentCounts()]);
  return { snapshot, unsent };
}
