/**
 * The campaign file format (survey-definitions/campaigns/*.json) in zod, and its checks against
 * the loaded questionnaires: which groups a campaign (đợt khảo sát) surveys with which
 * questionnaire, and the targets, one number or one per stratum. Errors name file, path, problem.
 * Like ./schema and ./load, only code that loads files imports this module's values.
 */
import { z } from 'zod';
import { formatPath } from './check';
import type { Path } from './check';
import { DefinitionLoadError, describeIssue } from './load';
import type { DefinitionError } from './load';
import { BilingualText as Text, Id, ID_PATTERN } from './schema';
import type { Definition } from './types';

const IsoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
const Target = z
  .int({ error: 'a target is a whole number' })
  .min(1, 'a target is a whole number from 1 up');

export const Stratum = z
  .strictObject({
    /**
     * What the device sends as the interview's stratum: a value of the group's stratum list, or a
     * code of the campaign's own (a unit or commune the list lacks, e.g. new since the merger).
     */
    value: z.string().min(1, 'a stratum needs a value (what the device sends as its stratum)'),
    label: Text,
    target: Target,
    /** The stratum this one belongs to (a unit's department): a value of the group's parentList. */
    parent: z.optional(z.string().min(1)),
  })
  .meta({ id: 'Stratum' });

export const CampaignGroup = z
  .strictObject({
    /** A respondent group id of the questionnaire. */
    id: Id,
    label: Text,
    description: z.optional(Text),
    questionnaire: z.strictObject({ id: Id, version: z.int().min(1, 'version is a whole number from 1 up') }),
    /** stop: devices start no new interview in a full stratum; continue: overage is allowed. */
    policy: z.enum(['stop', 'continue']),
    /** One target for the whole group (no strata). */
    target: z.optional(Target),
    /** Targets per stratum; the group's target is their sum. */
    strata: z.optional(z.array(Stratum).min(1, 'name at least one stratum, or give "target" instead')),
    /** The questionnaire list the strata's `parent` values come from (e.g. "departments"). */
    parentList: z.optional(z.string()),
    /** The group's total as the plan states it; a different sum of strata is reported. */
    declaredTarget: z.optional(Target),
  })
  .superRefine((g, ctx) => {
    if ((g.target === undefined) === (g.strata === undefined))
      ctx.addIssue({ code: 'custom', message: 'a group needs exactly one of "target" (one number) or "strata" (a target per stratum)' });
  })
  .meta({ id: 'CampaignGroup' });

export const DeclaredTotal = z.strictObject({
  /** The total the plan states (the Quảng Bình plan: 169). */
  value: Target,
  /** The groups the stated total covers (default: every group). */
  groups: z.optional(z.array(Id).min(1)),
  /** Where the number comes from, shown with the discrepancy. */
  source: z.optional(Text),
});

/**
 * A score the plan sets out to reach ("SIPAS index > 82 %"): the overall score of a questionnaire,
 * or one component, in the whole campaign, one group or one stratum.
 */
export const ScoreTarget = z
  .strictObject({
    questionnaire: Id,
    /** A component id of the questionnaire's scoring; absent: the overall score. */
    component: z.optional(Id),
    /** A group of this campaign; absent: every group using the questionnaire. */
    group: z.optional(Id),
    /** A stratum of that group; absent: the whole group. */
    stratum: z.optional(z.string().min(1)),
    op: z.enum(['>', '>=', '<', '<='], { error: 'op is one of ">", ">=", "<", "<="' }),
    /** On the score's own scale: percent for shares, points, 1–10 for papi. */
    value: z.number({ error: 'a target value is a number' }),
    /** How the plan words it. */
    label: z.optional(Text),
    /** Where the target comes from (the plan, its section). */
    source: z.optional(Text),
  })
  .meta({ id: 'ScoreTarget' });

export const Campaign = z.strictObject({
  $schema: z.optional(z.string()),
  id: Id,
  title: Text,
  description: z.optional(Text),
  /** Who runs the survey, as respondents should read it (e.g. the provincial People's Committee). */
  organiser: z.optional(Text),
  /** Why, in a sentence for respondents: what the answers are for. */
  purpose: z.optional(Text),
  /** First and last day of fieldwork (inclusive, dates in Vietnam). */
  start: IsoDate,
  end: IsoDate,
  declaredTotal: z.optional(DeclaredTotal),
  groups: z.array(CampaignGroup).min(1, 'a campaign needs at least one respondent group'),
  /** Scores and breakdowns on fewer respondents than this are withheld everywhere (default 5). */
  minCellSize: z.optional(z.int({ error: 'the minimum cell size is a whole number' }).min(1, 'the minimum cell size is at least 1').max(100, 'the minimum cell size is at most 100')),
  /** Scores the plan sets out to reach. */
  scoreTargets: z.optional(z.array(ScoreTarget)),
  /** An earlier campaign the report compares with (default: the latest earlier one using the same questionnaire). */
  compareWith: z.optional(Id),
});

export type Campaign = z.infer<typeof Campaign>;
export type CampaignGroup = z.infer<typeof CampaignGroup>;
export type CampaignStratum = z.infer<typeof Stratum>;
export type QuotaPolicy = CampaignGroup['policy'];
export type ScoreTarget = z.infer<typeof ScoreTarget>;

export interface CampaignProblem {
  path: Path;
  message: string;
  /** The same in Vietnamese, for the coordinators' pages. */
  messageVi: string;
}
type Problem = CampaignProblem;

/** What a stratum's own code (one the questionnaire's list lacks) may be, as the device sends it. */
export const CODE_RULE = {
  en: 'a code starts with a letter and has only letters without accents, digits and single "_" or "-" between them (e.g. phuong-dong-hoi)',
  vi: 'mã bắt đầu bằng chữ cái, chỉ gồm chữ cái không dấu, chữ số và một dấu “_” hoặc “-” giữa chúng (ví dụ phuong-dong-hoi)',
} as const;

const versionsOf = (definitions: readonly Definition[], id: string): number[] =>
  definitions.filter((d) => d.id === id).map((d) => d.version).sort((a, b) => a - b);

type Add = (p: Path, message: string, messageVi: string) => void;

function duplicates(values: readonly string[], path: (i: number) => Path, what: string, whatVi: string, add: Add): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first !== undefined) add(path(i), `duplicate ${what} "${v}" (first used at position ${first + 1})`, `${whatVi} “${v}” bị trùng (đã dùng ở vị trí ${first + 1})`);
    else seen.set(v, i);
  });
}

/** Checks a campaign that has the right shape against the questionnaires the server loads. */
export function checkCampaign(campaign: Campaign, definitions: readonly Definition[]): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (path, message, messageVi) => problems.push({ path, message, messageVi });
  if (campaign.end < campaign.start)
    add(['end'], `the campaign ends (${campaign.end}) before it starts (${campaign.start})`, `ngày kết thúc (${campaign.end}) trước ngày bắt đầu (${campaign.start})`);
  duplicates(campaign.groups.map((g) => g.id), (i) => ['groups', i, 'id'], 'group id', 'Mã nhóm', add);

  campaign.groups.forEach((g, gi) => {
    const at = (...rest: Path): Path => ['groups', gi, ...rest];
    const { id, version } = g.questionnaire;
    const def = definitions.find((d) => d.id === id && d.version === version);
    if (!def) {
      const versions = versionsOf(definitions, id);
      if (versions.length === 0) add(at('questionnaire', 'id'), `unknown questionnaire "${id}"`, `không có bảng hỏi “${id}”`);
      else
        add(
          at('questionnaire', 'version'),
          `questionnaire "${id}" has no version ${version} (loaded: ${versions.join(', ')})`,
          `bảng hỏi “${id}” không có phiên bản ${version} (có: ${versions.join(', ')})`,
        );
      return;
    }
    const group = def.respondentGroups.find((r) => r.id === g.id);
    if (!group) {
      const groups = def.respondentGroups.map((r) => r.id).join(', ');
      add(at('id'), `questionnaire "${id}" has no respondent group "${g.id}" (its groups: ${groups})`, `bảng hỏi “${id}” không có nhóm đối tượng “${g.id}” (các nhóm của nó: ${groups})`);
      return;
    }
    if (g.parentList !== undefined && !def.lists?.[g.parentList])
      add(at('parentList'), `questionnaire "${id}" has no list "${g.parentList}"`, `bảng hỏi “${id}” không có danh sách “${g.parentList}”`);
    if (!g.strata) return;
    if (group.stratumList === undefined) {
      add(
        at('strata'),
        `the respondent group "${g.id}" of "${id}" has no stratumList, so its interviews carry no stratum: give "target" instead`,
        `nhóm “${g.id}” của bảng hỏi “${id}” không chia tầng (địa bàn, đơn vị): hãy đặt một chỉ tiêu chung cho cả nhóm`,
      );
      return;
    }
    duplicates(g.strata.map((s) => s.value), (i) => at('strata', i, 'value'), 'stratum value', 'Mã tầng', add);
    const list = def.lists?.[group.stratumList] ?? [];
    const parents = g.parentList !== undefined ? def.lists?.[g.parentList] : undefined;
    g.strata.forEach((s, si) => {
      // A stratum the list lacks is the campaign's own (labelled by it): no new questionnaire
      // version for next year's units. Its value is what devices send, so it must be a code.
      if (!list.some((item) => item.value === s.value) && !ID_PATTERN.test(s.value))
        add(
          at('strata', si, 'value'),
          `"${s.value}" is not in the list "${group.stratumList}" of ${id}@${version}, and is not a code a stratum outside the list can have: ${CODE_RULE.en}`,
          `“${s.value}” không có trong danh sách “${group.stratumList}” của bảng hỏi ${id} phiên bản ${version}, và không dùng được làm mã cho tầng ngoài danh sách: ${CODE_RULE.vi}`,
        );
      if (s.parent === undefined) return;
      if (g.parentList === undefined)
        add(at('strata', si, 'parent'), 'a stratum with a parent needs "parentList" on its group', 'tầng có đơn vị cấp trên thì nhóm phải chọn danh sách cấp trên');
      else if (parents && !parents.some((item) => item.value === s.parent))
        add(
          at('strata', si, 'parent'),
          `"${s.parent}" is not in the list "${g.parentList}" of ${id}@${version}`,
          `“${s.parent}” không có trong danh sách “${g.parentList}” của bảng hỏi ${id} phiên bản ${version}`,
        );
    });
  });

  const declared = campaign.declaredTotal?.groups ?? [];
  duplicates(declared, (i) => ['declaredTotal', 'groups', i], 'group', 'Nhóm', add);
  declared.forEach((id, i) => {
    if (!campaign.groups.some((g) => g.id === id)) add(['declaredTotal', 'groups', i], `the campaign has no group "${id}"`, `đợt khảo sát không có nhóm “${id}”`);
  });
  (campaign.scoreTargets ?? []).forEach((t, ti) => checkTarget(campaign, definitions, t, ['scoreTargets', ti], add));
  return problems;
}

/** A score target names a scored questionnaire the campaign uses, and a component, group and stratum of it. */
function checkTarget(campaign: Campaign, definitions: readonly Definition[], t: ScoreTarget, at: Path, add: Add): void {
  const groups = campaign.groups.filter((g) => g.questionnaire.id === t.questionnaire);
  if (groups.length === 0)
    return add([...at, 'questionnaire'], `no group of this campaign uses the questionnaire "${t.questionnaire}"`, `không nhóm nào của đợt khảo sát dùng bảng hỏi “${t.questionnaire}”`);
  const group = t.group === undefined ? undefined : groups.find((g) => g.id === t.group);
  if (t.group !== undefined && !group)
    return add([...at, 'group'], `the campaign has no group "${t.group}" using "${t.questionnaire}"`, `đợt khảo sát không có nhóm “${t.group}” dùng bảng hỏi “${t.questionnaire}”`);
  if (t.stratum !== undefined) {
    if (!group) return add([...at, 'stratum'], 'a target for a stratum names its group too', 'chỉ tiêu cho một tầng phải ghi cả nhóm');
    if (!(group.strata ?? []).some((s) => s.value === t.stratum))
      return add([...at, 'stratum'], `the group "${group.id}" has no stratum "${t.stratum}" in this campaign`, `nhóm “${group.id}” không có tầng “${t.stratum}” trong đợt khảo sát`);
  }
  const ref = (group ?? groups[0]!).questionnaire;
  const def = definitions.find((d) => d.id === ref.id && d.version === ref.version);
  if (!def) return;
  const scoring = def.scoring;
  if (!scoring) return add([...at, 'questionnaire'], `the questionnaire "${t.questionnaire}" has no scores`, `bảng hỏi “${t.questionnaire}” không tính điểm`);
  const component = t.component === undefined ? undefined : scoring.components.find((c) => c.id === t.component);
  if (t.component !== undefined && !component) {
    const known = scoring.components.map((c) => c.id).join(', ');
    return add([...at, 'component'], `the scoring of "${t.questionnaire}" has no component "${t.component}" (its components: ${known})`, `bảng hỏi “${t.questionnaire}” không có lĩnh vực “${t.component}” (các lĩnh vực: ${known})`);
  }
  const max =
    scoring.method === 'share'
      ? 100
      : scoring.method === 'papi'
        ? component
          ? 10
          : 10 * scoring.components.length
        : component
          ? (component.points ?? 0)
          : scoring.components.reduce((n, c) => n + (c.points ?? 0), 0);
  const min = scoring.method === 'papi' ? (component ? 1 : scoring.components.length) : 0;
  if (t.value < min || t.value > max)
    add([...at, 'value'], `the target ${t.value} is outside the score's range ${min}–${max}`, `chỉ tiêu ${t.value} nằm ngoài thang điểm ${min}–${max}`);
}

export interface LoadedCampaignFile {
  file: string;
  campaign: Campaign;
}

export type CampaignLoadResult = { ok: true; campaign: Campaign } | { ok: false; errors: DefinitionError[] };

/** Parses and checks the text of a campaign file. */
export function parseCampaign(text: string, file: string, definitions: readonly Definition[]): CampaignLoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ file, path: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const parsed = Campaign.safeParse(json);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: describeIssue(issue) })) };
  const problems = checkCampaign(parsed.data, definitions);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => ({ file, path: formatPath(p.path), message: p.message })) };
  return { ok: true, campaign: parsed.data };
}

/**
 * Checks campaigns against each other: ids are unique, and two campaigns whose periods overlap do
 * not survey the same respondent group with the same questionnaire (an interview would count twice).
 */
export function checkCampaignSet(files: readonly LoadedCampaignFile[]): DefinitionError[] {
  const errors: DefinitionError[] = [];
  files.forEach((a, ai) => {
    for (const b of files.slice(0, ai)) {
      if (a.campaign.id === b.campaign.id) {
        errors.push({ file: a.file, path: 'id', message: `campaign "${a.campaign.id}" is also defined in ${b.file}` });
        continue;
      }
      if (a.campaign.start > b.campaign.end || b.campaign.start > a.campaign.end) continue;
      a.campaign.groups.forEach((g, gi) => {
        const clash = b.campaign.groups.find((o) => o.id === g.id && o.questionnaire.id === g.questionnaire.id);
        if (clash)
          errors.push({
            file: a.file,
            path: formatPath(['groups', gi, 'id']),
            message: `campaign "${b.campaign.id}" (${b.file}) surveys "${g.id}" with "${g.questionnaire.id}" in an overlapping period (${b.campaign.start} – ${b.campaign.end})`,
          });
      });
    }
  });
  return errors;
}

export class CampaignLoadError extends DefinitionLoadError {
  constructor(errors: DefinitionError[]) {
    super(errors);
    this.name = 'CampaignLoadError';
    this.message = `Broken campaign file:\n${errors.map((e) => `  ${e.file}: ${e.path}: ${e.message}`).join('\n')}`;
  }
}

/** Vietnamese for a zod issue of a campaign (the English is describeIssue's). */
function issueVi(issue: { code: string; message: string; keys?: string[]; input?: unknown; origin?: string; format?: string }): string {
  const known: Record<string, string> = {
    'must be a date written YYYY-MM-DD': 'phải là một ngày dạng NNNN-TT-NN',
    'a target is a whole number': 'chỉ tiêu phải là số nguyên',
    'a target is a whole number from 1 up': 'chỉ tiêu phải là số nguyên từ 1 trở lên',
    'a stratum needs a value (what the device sends as its stratum)': 'tầng phải có mã (giá trị máy tính bảng gửi lên)',
    'name at least one stratum, or give "target" instead': 'hãy nêu ít nhất một tầng, hoặc đặt một chỉ tiêu chung cho cả nhóm',
    'a group needs exactly one of "target" (one number) or "strata" (a target per stratum)': 'mỗi nhóm có đúng một cách đặt chỉ tiêu: một số chung, hoặc chỉ tiêu theo từng tầng',
    'a campaign needs at least one respondent group': 'đợt khảo sát phải có ít nhất một nhóm đối tượng',
    'version is a whole number from 1 up': 'phiên bản là số nguyên từ 1 trở lên',
  };
  if (known[issue.message] !== undefined) return known[issue.message]!;
  if (issue.code === 'unrecognized_keys' && issue.keys) return `có trường không dùng được: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'thiếu giá trị bắt buộc' : 'sai kiểu dữ liệu';
  if (issue.code === 'too_small') return issue.origin === 'string' ? 'không được để trống' : 'giá trị quá nhỏ';
  if (issue.code === 'too_big') return 'giá trị quá lớn';
  if (issue.code === 'invalid_value') return 'giá trị không nằm trong các lựa chọn cho phép';
  if (issue.code === 'invalid_format') return issue.format === 'regex' ? 'chỉ dùng chữ thường không dấu, chữ số, dấu gạch ngang hoặc gạch dưới' : 'sai định dạng';
  return 'giá trị không hợp lệ';
}

/**
 * Whether `campaign` can run beside `others` (the other campaigns of the database): their ids
 * differ, and no other campaign whose dates overlap surveys one of its groups with the same
 * questionnaire (an interview would count twice).
 */
export function checkAgainstOthers(campaign: Campaign, others: readonly Campaign[]): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  for (const other of others) {
    if (other.id === campaign.id) {
      problems.push({ path: ['id'], message: `a campaign "${campaign.id}" exists already`, messageVi: `đã có đợt khảo sát mã “${campaign.id}”` });
      continue;
    }
    if (campaign.start > other.end || other.start > campaign.end) continue;
    campaign.groups.forEach((g, gi) => {
      if (!other.groups.some((o) => o.id === g.id && o.questionnaire.id === g.questionnaire.id)) return;
      problems.push({
        path: ['groups', gi, 'id'],
        message: `campaign "${other.id}" surveys "${g.id}" with "${g.questionnaire.id}" in an overlapping period (${other.start} – ${other.end}): an interview would count twice`,
        messageVi: `đợt “${other.title.vi}” (${other.start} – ${other.end}) cũng khảo sát nhóm “${g.id}” bằng bảng hỏi “${g.questionnaire.id}” trong thời gian trùng nhau: một phiếu sẽ bị tính hai lần`,
      });
    });
  }
  return problems;
}

/**
 * A campaign as the editor sends it, checked: its shape, its questionnaires, lists and strata, and
 * against the other campaigns. Every problem located by path, in English and Vietnamese.
 */
export function checkCampaignInput(
  json: unknown,
  definitions: readonly Definition[],
  others: readonly Campaign[],
): { ok: true; campaign: Campaign } | { ok: false; problems: CampaignProblem[]; campaign?: Campaign } {
  const parsed = Campaign.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: describeIssue(issue), messageVi: issueVi(issue as never) })),
    };
  const problems = [...checkCampaign(parsed.data, definitions), ...checkAgainstOthers(parsed.data, others)];
  return problems.length > 0 ? { ok: false, problems, campaign: parsed.data } : { ok: true, campaign: parsed.data };
}
