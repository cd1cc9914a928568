/**
 * Matrices whose rows are the campaign's strata: `"rowsFrom": {"strata": true}`.
 *
 * Why. A PAR INDEX or SIPAS matrix rates "each department" or "each commune": a set of units that
 * changes from year to year (after the 2025 merger most of them did). A list frozen in the
 * questionnaire forces a new version for every change; the campaign already says which units are
 * surveyed this year (the strata it plans for the group, with their names). Such a matrix reads
 * its rows from there.
 *
 * The shape: an object, `{"strata": true}`, where a list's rows name the list by its id (a string),
 * so it can never be taken for a list; XLSForm writes `rows_from` = `strata()` (brackets never
 * appear in a list's name). The strata are the ones the campaign plans for the respondent's own
 * group: values of its stratum list, or strata of the campaign's own that the list lacks (a unit
 * or commune new this year, labelled by the campaign), as quotas, links and the start page have
 * them. A unit new this year thus needs no new questionnaire version.
 *
 * Design, by where the rows are read:
 * - The definition. Each respondent group of the questionnaire has a `stratumList` (check.ts
 *   refuses the matrix otherwise): it labels row codes and gives the rows where no campaign
 *   applies (the coordinators' preview, a device that has not synced yet). `rowsOf(def, q)` on
 *   the definition as published gives those lists' items (conditions name rows of them).
 * - The form (device, respondent's phone). The definition is bound to the interview before the
 *   form opens (`bindStrataRows`): each such matrix gets concrete `rows` — the strata the
 *   campaign plans for the interview's group, with the campaign's labels, else the group's list —
 *   then every row a draft already rated that is no longer among them, so a draft begun before
 *   the plan changed keeps its answers and still completes. Rendering, required rows, progress and
 *   validation then read plain rows; nothing else in the form knows about campaigns. A campaign
 *   surveying the group with another version of the questionnaire gives its strata when some of
 *   them are in this version's list (the same kind of units: the others, the campaign's own or the
 *   other version's, are rated too), else this version's list (a version by district where the
 *   campaign plans communes).
 * - The server's check and the device's last check before it queues an interview
 *   (`ValidateOptions.receivedStrataRows`, validate.ts). The device's campaign may be older or
 *   newer than the server's, so any row code is taken with its rating checked against the scale,
 *   and a required matrix needs one rated row (the form required every row it showed). A code
 *   neither a campaign nor a list knows is kept as sent and named as such in the exports: never a
 *   reason to refuse an interview its enumerator cannot change.
 * - Scores (scoring.ts). Each rated row is a criterion, whichever campaign planned it: the
 *   answer's own rows are read, so re-scoring stored interviews needs no campaign.
 * - Exports, the SPSS and Stata dictionaries, the report's criteria (src/server). One column or
 *   criterion per row of `strataRowsOver`: the strata the campaigns plan for the version's groups,
 *   in plan order, then every code found in the data, labelled by the campaign, else a list of the
 *   questionnaire, else the code itself. A unit added during fieldwork thus has its column as soon
 *   as it is planned, and a rated code is never dropped.
 */
import { bindStratumOption, type LabelledStratum } from './stratum';
import type { Answers, AnswerValue, Definition, ListItem, MatrixQuestion, Question, Text } from './types';

/** Whether `q` is a matrix rating the campaign's strata. */
export const ratesStrata = (q: Question): q is MatrixQuestion & { rowsFrom: { strata: true } } =>
  q.type === 'matrix' && typeof q.rowsFrom === 'object';

const matricesCache = new WeakMap<Definition, readonly MatrixQuestion[]>();

/** The matrices of `def` rating the campaign's strata, in questionnaire order (cached). */
export function strataMatrices(def: Definition): readonly MatrixQuestion[] {
  let found = matricesCache.get(def);
  if (!found) {
    found = def.sections.flatMap((s) => s.questions.filter(ratesStrata));
    matricesCache.set(def, found);
  }
  return found;
}

/**
 * The rows where no campaign applies: the items of `respondentGroup`'s stratum list; without a
 * group (or for one without a list), of every group's list, each code once, in order.
 */
export function stratumListRows(def: Definition, respondentGroup?: string): readonly ListItem[] {
  const own = def.respondentGroups.find((g) => g.id === respondentGroup)?.stratumList;
  if (own !== undefined) return def.lists?.[own] ?? [];
  const seen = new Set<string>();
  const out: ListItem[] = [];
  for (const g of def.respondentGroups)
    for (const item of g.stratumList !== undefined ? (def.lists?.[g.stratumList] ?? []) : [])
      if (!seen.has(item.value)) {
        seen.add(item.value);
        out.push(item);
      }
  return out;
}

/** The label the questionnaire gives a row code: its stratum lists first, then its other lists. */
export function listLabel(def: Definition, code: string): Text | undefined {
  const found = stratumListRows(def).find((i) => i.value === code);
  if (found) return found.label;
  for (const list of Object.values(def.lists ?? {})) {
    const item = list.find((i) => i.value === code);
    if (item) return item.label;
  }
  return undefined;
}

/** The row codes an answer to a matrix rates (a value given), in its own order. */
export function ratedRows(value: AnswerValue | undefined): string[] {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).filter((row) => value[row] !== undefined && value[row] !== '');
}

/** What the device knows of the campaign an interview counts towards, for one respondent group. */
export interface CampaignStrata {
  /** The questionnaire version the campaign surveys the group with. */
  version: number;
  /** Its planned strata for the group, in the plan's order, with the campaign's labels (empty: none planned). */
  strata: readonly ListItem[];
}

/** The rows one interview of `group` rates before its own answers: see the module's comment. */
export function plannedRows(def: Definition, group: string, campaign: CampaignStrata | undefined): readonly ListItem[] {
  const list = stratumListRows(def, group);
  if (!campaign || campaign.strata.length === 0) return list;
  if (campaign.version === def.version) return campaign.strata;
  const known = new Set(list.map((i) => i.value));
  return campaign.strata.some((s) => known.has(s.value)) ? campaign.strata : list;
}

/**
 * `def` with every matrix rating strata given the rows of one interview of `group`: the
 * campaign's planned strata (else the group's list), then the rows `answers` already rate that are
 * not among them (labelled by the lists, else by their code). The same object when `def` has no
 * such matrix, so definitions without one cost nothing.
 */
export function bindStrataRows(def: Definition, group: string, campaign: CampaignStrata | undefined, answers: Answers = {}): Definition {
  if (strataMatrices(def).length === 0) return def;
  const planned = plannedRows(def, group, campaign);
  return {
    ...def,
    sections: def.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => {
        if (!ratesStrata(q)) return q;
        const known = new Set(planned.map((r) => r.value));
        const kept = ratedRows(answers[q.id])
          .filter((code) => !known.has(code))
          .map((value): ListItem => ({ value, label: listLabel(def, value) ?? { vi: value, en: value } }));
        return { ...q, rows: [...planned, ...kept] };
      }),
    })),
  };
}

/**
 * `def` as one interview's form shows it: its stratum offered under the campaign's label when the
 * list lacks it (`bindStratumOption`), and its matrices rating strata given that interview's rows
 * (`bindStrataRows`). The tablet's form and a respondent's page bind their definitions here.
 */
export function bindInterview(def: Definition, interview: LabelledStratum, campaign: CampaignStrata | undefined, answers: Answers = {}): Definition {
  return bindStrataRows(bindStratumOption(def, interview), interview.respondentGroup, campaign, answers);
}

/**
 * The rows of a matrix rating strata over many interviews (an export's columns, a report's
 * criteria): `planned` in order, then each code of `found` not among them — the questionnaire's
 * list order first, then by code — labelled by `label`, else the questionnaire's lists, else the
 * code. Without either, the stratum lists' items (nothing planned, nothing answered yet).
 */
export function strataRowsOver(
  def: Definition,
  planned: readonly ListItem[],
  found: Iterable<string>,
  label: (code: string) => Text | undefined = () => undefined,
): ListItem[] {
  const rows: ListItem[] = [];
  const seen = new Set<string>();
  for (const r of planned)
    if (!seen.has(r.value)) {
      seen.add(r.value);
      rows.push(r);
    }
  const order = new Map(stratumListRows(def).map((item, i) => [item.value, i]));
  const extra = [...new Set(found)].filter((code) => code !== '' && !seen.has(code));
  extra.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  for (const value of extra) rows.push({ value, label: label(value) ?? listLabel(def, value) ?? { vi: value, en: value } });
  return rows.length > 0 ? rows : [...stratumListRows(def)];
}
