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
import { Id, Text } from './schema';
import type { Definition } from './types';

const IsoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
const Target = z
  .int({ error: 'a target is a whole number' })
  .min(1, 'a target is a whole number from 1 up');

export const Stratum = z
  .strictObject({
    /** What the device sends as the interview's stratum: a value of the group's stratum list. */
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
});

export type Campaign = z.infer<typeof Campaign>;
export type CampaignGroup = z.infer<typeof CampaignGroup>;
export type CampaignStratum = z.infer<typeof Stratum>;
export type QuotaPolicy = CampaignGroup['policy'];

interface Problem {
  path: Path;
  message: string;
}

const versionsOf = (definitions: readonly Definition[], id: string): number[] =>
  definitions.filter((d) => d.id === id).map((d) => d.version).sort((a, b) => a - b);

function duplicates(values: readonly string[], path: (i: number) => Path, what: string, add: (p: Path, m: string) => void): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first !== undefined) add(path(i), `duplicate ${what} "${v}" (first used at position ${first + 1})`);
    else seen.set(v, i);
  });
}

/** Checks a campaign that has the right shape against the questionnaires the server loads. */
export function checkCampaign(campaign: Campaign, definitions: readonly Definition[]): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });
  if (campaign.end < campaign.start) add(['end'], `the campaign ends (${campaign.end}) before it starts (${campaign.start})`);
  duplicates(campaign.groups.map((g) => g.id), (i) => ['groups', i, 'id'], 'group id', add);

  campaign.groups.forEach((g, gi) => {
    const at = (...rest: Path): Path => ['groups', gi, ...rest];
    const { id, version } = g.questionnaire;
    const def = definitions.find((d) => d.id === id && d.version === version);
    if (!def) {
      const versions = versionsOf(definitions, id);
      if (versions.length === 0) add(at('questionnaire', 'id'), `unknown questionnaire "${id}"`);
      else add(at('questionnaire', 'version'), `questionnaire "${id}" has no version ${version} (loaded: ${versions.join(', ')})`);
      return;
    }
    const group = def.respondentGroups.find((r) => r.id === g.id);
    if (!group) {
      add(at('id'), `questionnaire "${id}" has no respondent group "${g.id}" (its groups: ${def.respondentGroups.map((r) => r.id).join(', ')})`);
      return;
    }
    if (g.parentList !== undefined && !def.lists?.[g.parentList])
      add(at('parentList'), `questionnaire "${id}" has no list "${g.parentList}"`);
    if (!g.strata) return;
    if (group.stratumList === undefined) {
      add(at('strata'), `the respondent group "${g.id}" of "${id}" has no stratumList, so its interviews carry no stratum: give "target" instead`);
      return;
    }
    duplicates(g.strata.map((s) => s.value), (i) => at('strata', i, 'value'), 'stratum value', add);
    const list = def.lists?.[group.stratumList] ?? [];
    const parents = g.parentList !== undefined ? def.lists?.[g.parentList] : undefined;
    g.strata.forEach((s, si) => {
      if (!list.some((item) => item.value === s.value))
        add(at('strata', si, 'value'), `"${s.value}" is not in the list "${group.stratumList}" of ${id}@${version}`);
      if (s.parent === undefined) return;
      if (g.parentList === undefined) add(at('strata', si, 'parent'), 'a stratum with a parent needs "parentList" on its group');
      else if (parents && !parents.some((item) => item.value === s.parent))
        add(at('strata', si, 'parent'), `"${s.parent}" is not in the list "${g.parentList}" of ${id}@${version}`);
    });
  });

  const declared = campaign.declaredTotal?.groups ?? [];
  duplicates(declared, (i) => ['declaredTotal', 'groups', i], 'group', add);
  declared.forEach((id, i) => {
    if (!campaign.groups.some((g) => g.id === id)) add(['declaredTotal', 'groups', i], `the campaign has no group "${id}"`);
  });
  return problems;
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
