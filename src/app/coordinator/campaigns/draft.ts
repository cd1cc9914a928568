/**
 * The campaign editor's working copy: the campaign file format (src/survey/campaign.ts) as the
 * form holds it (numbers as typed, both target modes kept while the user switches), back to the
 * format for the server, the same with every number made safe for the browser's own totals, the
 * problems the page finds itself, and where on the form a problem's path (`groups[1].strata[3].value`)
 * is shown. Pure: no React, no zod.
 */
import type { Campaign, CampaignGroup, CampaignStratum, ListItem, QuotaPolicy, ScoreTarget, Text } from '../../../survey';

export interface DraftStratum {
  /** React's key for the row: stays with the row when rows above it are removed. */
  key: number;
  value: string;
  labelVi: string;
  labelEn: string;
  parent: string;
  target: string;
}

export interface DraftGroup {
  key: number;
  /** The questionnaire's respondent group ('' until chosen). */
  id: string;
  labelVi: string;
  labelEn: string;
  /** Not edited on the page: kept as it was. */
  description?: Text | undefined;
  questionnaireId: string;
  /** '' until chosen. */
  version: string;
  policy: QuotaPolicy;
  mode: 'one' | 'strata';
  /** The one target (mode 'one'); kept while the strata are edited, and the other way round. */
  target: string;
  strata: DraftStratum[];
  parentList: string;
  declaredTarget: string;
}

/** A score target as the form holds it (the value as typed). */
export interface DraftTarget {
  key: number;
  questionnaire: string;
  /** '' for the overall score. */
  component: string;
  /** '' for every group using the questionnaire. */
  group: string;
  /** '' for the whole group. */
  stratum: string;
  op: ScoreTarget['op'];
  value: string;
  labelVi: string;
  labelEn: string;
  /** Not edited on the page: kept as it was. */
  source?: Text | undefined;
}

export interface Draft {
  id: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  start: string;
  end: string;
  declaredValue: string;
  /** The declared total covers every group (the format's default), or `declaredGroups` only. */
  declaredAll: boolean;
  declaredGroups: string[];
  declaredSourceVi: string;
  declaredSourceEn: string;
  /** Fields the page does not edit (organiser, purpose), kept as they were. */
  kept: Record<string, unknown>;
  groups: DraftGroup[];
  /** The minimum cell size as typed ('' for the default, 5). */
  minCell: string;
  targets: DraftTarget[];
}

let nextKey = 1;
export const newKey = (): number => nextKey++;

/** Whether `value` is a campaign enough to edit (the server stores only campaigns that passed its check). */
export function isCampaign(value: unknown): value is Campaign {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Campaign>;
  return typeof c.id === 'string' && typeof c.title === 'object' && Array.isArray(c.groups) && typeof c.start === 'string' && typeof c.end === 'string';
}

const numberText = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function draftStratum(s: Partial<CampaignStratum> & { value: string }): DraftStratum {
  return {
    key: newKey(),
    value: s.value,
    labelVi: s.label?.vi ?? '',
    labelEn: s.label?.en ?? '',
    parent: s.parent ?? '',
    target: numberText(s.target),
  };
}

function draftGroup(g: CampaignGroup): DraftGroup {
  return {
    key: newKey(),
    id: g.id,
    labelVi: g.label.vi,
    labelEn: g.label.en,
    description: g.description,
    questionnaireId: g.questionnaire.id,
    version: String(g.questionnaire.version),
    policy: g.policy,
    mode: g.strata ? 'strata' : 'one',
    target: numberText(g.target),
    strata: (g.strata ?? []).map(draftStratum),
    parentList: g.parentList ?? '',
    declaredTarget: numberText(g.declaredTarget),
  };
}

export function draftTarget(t: Partial<ScoreTarget> = {}): DraftTarget {
  return {
    key: newKey(),
    questionnaire: t.questionnaire ?? '',
    component: t.component ?? '',
    group: t.group ?? '',
    stratum: t.stratum ?? '',
    op: t.op ?? '>=',
    value: t.value === undefined ? '' : String(t.value),
    labelVi: t.label?.vi ?? '',
    labelEn: t.label?.en ?? '',
    source: t.source,
  };
}

export function draftOf(campaign: Campaign): Draft {
  const { $schema: _schema, id, title, description, start, end, declaredTotal, groups, minCellSize, scoreTargets, ...kept } = campaign;
  return {
    id,
    titleVi: title.vi,
    titleEn: title.en,
    descriptionVi: description?.vi ?? '',
    descriptionEn: description?.en ?? '',
    start,
    end,
    declaredValue: numberText(declaredTotal?.value),
    declaredAll: declaredTotal?.groups === undefined,
    declaredGroups: declaredTotal?.groups ?? [],
    declaredSourceVi: declaredTotal?.source?.vi ?? '',
    declaredSourceEn: declaredTotal?.source?.en ?? '',
    kept,
    groups: groups.map(draftGroup),
    minCell: numberText(minCellSize),
    targets: (scoreTargets ?? []).map(draftTarget),
  };
}

/** A new group: the first questionnaire offered, its respondent group to choose. */
export function blankGroup(questionnaireId = '', version = ''): DraftGroup {
  return {
    key: newKey(),
    id: '',
    labelVi: '',
    labelEn: '',
    questionnaireId,
    version,
    policy: 'stop',
    mode: 'one',
    target: '',
    strata: [],
    parentList: '',
    declaredTarget: '',
  };
}

/** A whole number as typed ("12", " 12 "), or undefined. */
export function wholeNumber(text: string): number | undefined {
  return /^\s*\d{1,9}\s*$/.test(text) ? Number(text.trim()) : undefined;
}

/** A number as the server should read it: a whole number, else the text as typed (the server locates what is wrong with it). */
const asNumber = (text: string): number | string => wholeNumber(text) ?? text;
const optionalNumber = (text: string): number | string | undefined => (text.trim() === '' ? undefined : asNumber(text));
const text = (vi: string, en: string): Text => ({ vi, en });
const optionalText = (vi: string, en: string): Text | undefined => (vi.trim() === '' && en.trim() === '' ? undefined : text(vi, en));

/** Drops the keys whose value is undefined (the format's optional fields are absent, never null). */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function groupJson(g: DraftGroup, numbers: (s: string) => number | string): Record<string, unknown> {
  return defined({
    id: g.id,
    label: text(g.labelVi, g.labelEn),
    description: g.description,
    questionnaire: { id: g.questionnaireId, version: g.version === '' ? '' : numbers(g.version) },
    policy: g.policy,
    target: g.mode === 'one' ? numbers(g.target) : undefined,
    strata: g.mode === 'strata' ? g.strata.map((s) => defined({ value: s.value, label: text(s.labelVi, s.labelEn), target: numbers(s.target), parent: s.parent === '' ? undefined : s.parent })) : undefined,
    parentList: g.mode === 'strata' && g.parentList !== '' ? g.parentList : undefined,
    declaredTarget: optionalNumber(g.declaredTarget),
  });
}

/** A target's value as typed: a number (a decimal comma read as a point), else the text for the server to locate. */
function decimal(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function targetJson(t: DraftTarget): Record<string, unknown> {
  return defined({
    questionnaire: t.questionnaire,
    component: t.component === '' ? undefined : t.component,
    group: t.group === '' ? undefined : t.group,
    stratum: t.stratum === '' ? undefined : t.stratum,
    op: t.op,
    value: decimal(t.value),
    label: optionalText(t.labelVi, t.labelEn),
    source: t.source,
  });
}

/** The campaign in the file format, as the server checks and saves it (numbers not yet whole stay as typed). */
export function campaignJson(d: Draft): Record<string, unknown> {
  const declared = optionalNumber(d.declaredValue);
  return defined({
    id: d.id,
    title: text(d.titleVi, d.titleEn),
    description: optionalText(d.descriptionVi, d.descriptionEn),
    ...d.kept,
    start: d.start,
    end: d.end,
    declaredTotal:
      declared === undefined
        ? undefined
        : defined({ value: declared, groups: d.declaredAll ? undefined : d.declaredGroups, source: optionalText(d.declaredSourceVi, d.declaredSourceEn) }),
    groups: d.groups.map((g) => groupJson(g, asNumber)),
    minCellSize: optionalNumber(d.minCell),
    scoreTargets: d.targets.length > 0 ? d.targets.map(targetJson) : undefined,
  });
}

/**
 * The campaign with every number the browser can count with (a target not yet a whole number
 * counts 0; a declared figure not yet a number is left out): for groupTarget and
 * campaignDiscrepancies while the user types.
 */
export function countableCampaign(d: Draft): Campaign {
  const count = (s: string) => wholeNumber(s) ?? 0;
  const declared = wholeNumber(d.declaredValue);
  return {
    id: d.id,
    title: text(d.titleVi, d.titleEn),
    start: d.start,
    end: d.end,
    ...(declared !== undefined
      ? { declaredTotal: defined({ value: declared, groups: d.declaredAll ? undefined : d.declaredGroups, source: optionalText(d.declaredSourceVi, d.declaredSourceEn) }) }
      : {}),
    groups: d.groups.map((g): CampaignGroup => {
      const declaredTarget = wholeNumber(g.declaredTarget);
      return {
        id: g.id,
        label: text(g.labelVi, g.labelEn),
        questionnaire: { id: g.questionnaireId, version: count(g.version) },
        policy: g.policy,
        ...(g.mode === 'one'
          ? { target: count(g.target) }
          : { strata: g.strata.map((s) => ({ value: s.value, label: text(s.labelVi, s.labelEn), target: count(s.target) })) }),
        ...(declaredTarget !== undefined ? { declaredTarget } : {}),
      };
    }),
  };
}

/** A problem the page finds itself, before the server: located as the server locates its own. */
export interface LocalProblem {
  path: string;
  message: Text;
}

const NOT_WHOLE: Text = { vi: 'phải là số nguyên từ 1 trở lên', en: 'must be a whole number from 1 up' };

/** Numbers that are not whole numbers from 1 up, said next to their field at once (the server would say “wrong type”). */
export function localProblems(d: Draft): LocalProblem[] {
  const out: LocalProblem[] = [];
  const whole = (path: string, value: string, optional: boolean) => {
    if (optional && value.trim() === '') return;
    const n = wholeNumber(value);
    if (n === undefined || n < 1) out.push({ path, message: NOT_WHOLE });
  };
  whole('declaredTotal.value', d.declaredValue, true);
  whole('minCellSize', d.minCell, true);
  d.targets.forEach((t, ti) => {
    if (typeof decimal(t.value) !== 'number') out.push({ path: `scoreTargets[${ti}].value`, message: { vi: 'phải là một số', en: 'must be a number' } });
  });
  if (d.declaredValue.trim() === '' && (d.declaredSourceVi.trim() !== '' || d.declaredSourceEn.trim() !== ''))
    out.push({
      path: 'declaredTotal.value',
      message: { vi: 'hãy ghi tổng số phiếu mà nguồn này nêu, hoặc xoá nguồn', en: 'give the total this source states, or clear the source' },
    });
  d.groups.forEach((g, gi) => {
    whole(`groups[${gi}].declaredTarget`, g.declaredTarget, true);
    if (g.mode === 'one') whole(`groups[${gi}].target`, g.target, false);
    else g.strata.forEach((s, si) => whole(`groups[${gi}].strata[${si}].target`, s.target, false));
  });
  return out;
}

/** How many strata rows each group has: all that `placesOf` needs of the draft. */
export const rowCounts = (d: Draft): number[] => d.groups.map((g) => g.strata.length);

/** The campaign's fields that have a place on the form (and a name in the problem list: ./places). */
export const CAMPAIGN_FIELDS = [
  'id',
  'title.vi',
  'title.en',
  'description.vi',
  'description.en',
  'start',
  'end',
  'declaredTotal.value',
  'declaredTotal.groups',
  'declaredTotal.source.vi',
  'declaredTotal.source.en',
  'groups',
  'minCellSize',
  'scoreTargets',
] as const;
export const TARGET_FIELDS = ['questionnaire', 'component', 'group', 'stratum', 'op', 'value', 'label.vi', 'label.en'] as const;
export const GROUP_FIELDS = ['id', 'label.vi', 'label.en', 'questionnaire.id', 'questionnaire.version', 'policy', 'target', 'strata', 'parentList', 'declaredTarget'] as const;
export const STRATUM_FIELDS = ['value', 'label.vi', 'label.en', 'parent', 'target'] as const;

/** Where each part of the form shows its problems: every path the form has a place for (`rows`: each group's strata rows). */
export function placesOf(rows: readonly number[], targets = 0): string[] {
  const places: string[] = [...CAMPAIGN_FIELDS];
  for (let ti = 0; ti < targets; ti++) places.push(...TARGET_FIELDS.map((f) => `scoreTargets[${ti}].${f}`));
  rows.forEach((count, gi) => {
    const at = `groups[${gi}]`;
    places.push(at, ...GROUP_FIELDS.map((f) => `${at}.${f}`));
    for (let si = 0; si < count; si++) {
      const row = `${at}.strata[${si}]`;
      places.push(row, ...STRATUM_FIELDS.map((f) => `${row}.${f}`));
    }
  });
  return places;
}

/**
 * The place on the form for a problem's path: the longest place the path falls under
 * (`groups[0].strata[2].label` under `groups[0].strata[2]`), or '' for the list at the top only.
 */
export function placeOf(path: string, places: readonly string[]): string {
  let best = '';
  for (const p of places)
    if ((path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) && p.length > best.length) best = p;
  return best;
}

/** The draft's layout (groups, their modes and rows): problems located by index belong to one layout. */
export const layoutOf = (d: Draft): string => d.groups.map((g) => `${g.mode}:${g.mode === 'strata' ? g.strata.length : 0}`).join(',');

/** An element id for a place on the form (`groups[1].strata[3].value` → `cf-groups-1-strata-3-value`). */
export const fieldId = (place: string): string => `cf-${place.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;

/** The list items of `list` not yet among the rows, as new rows (the “fill from the list” convenience). */
export function missingRows(rows: readonly DraftStratum[], list: readonly ListItem[], target: string): DraftStratum[] {
  const taken = new Set(rows.map((r) => r.value));
  return list.filter((item) => !taken.has(item.value)).map((item) => ({ ...draftStratum({ value: item.value, label: item.label }), target }));
}

/** The same campaign id rules as the format's (src/survey/schema.ts Id). */
export const CAMPAIGN_ID = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
