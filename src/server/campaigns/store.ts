/**
 * Campaigns in the database (migration 0009): the files of survey-definitions/campaigns/ are
 * copied in when their id is missing (and follow their file while nobody has edited them from the
 * pages); administrators create, edit and copy campaigns from the coordinators' pages. Every
 * server process reads them from the database, so a change reaches all of them (and, through the
 * quota snapshot, the devices on their next sync). Counts live in quota_counts under the campaign,
 * group and stratum, so changing a target, adding a stratum or moving a group to a new
 * questionnaire version leaves every count already made as it was.
 */
import type { Kysely } from 'kysely';
import type { CampaignCheck, CampaignDetail, CampaignListEntry, CampaignProblem, UncountedInterviews } from '../../contract';
import { campaignDiscrepancies, groupTarget } from '../../survey';
import { Campaign, checkCampaignInput } from '../../survey/campaign';
import type { CampaignProblem as EngineProblem, LoadedCampaignFile } from '../../survey/campaign';
import { formatPath } from '../../survey/check';
import { jsonChanges, recordAudit } from '../audit';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { vietnamToday } from './day';
import type { CampaignEntry } from './registry';

type Db = Kysely<DatabaseSchema>;

/** Where a campaign of the database came from, for messages. */
const FROM_DATABASE = 'database';

/** The JSON a campaign is stored as: without `$schema`, which only helps editors of files. */
function stored(campaign: Campaign): string {
  const { $schema: _schema, ...rest } = campaign;
  return JSON.stringify(rest);
}

/**
 * Copies the campaigns of the definitions folder into the database: a missing id is inserted; a
 * row that came from a file and was never edited from the pages follows its file (a deployment's
 * correction). Campaigns edited or created from the pages are never touched. Safe to run from
 * several processes at once (insert … on conflict do nothing; updates conditional on the revision).
 */
export async function seedCampaigns(db: Db, files: readonly CampaignEntry[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  for (const { campaign } of files) {
    const json = stored(campaign);
    await db
      .insertInto('campaigns')
      .values({ id: campaign.id, definition: json, revision: 1, source: 'file', created_at: at, updated_at: at, updated_by: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const row = await db.selectFrom('campaigns').select(['definition', 'revision', 'source', 'updated_by']).where('id', '=', campaign.id).executeTakeFirst();
    if (row && row.source === 'file' && row.updated_by === null && row.definition !== json)
      await db
        .updateTable('campaigns')
        .set({ definition: json, revision: row.revision + 1, updated_at: at })
        .where('id', '=', campaign.id)
        .where('revision', '=', row.revision)
        .execute();
  }
}

interface CampaignRow {
  id: string;
  definition: string;
  revision: number;
  source: 'file' | 'web';
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

function parsed(row: CampaignRow): Campaign | undefined {
  try {
    const result = Campaign.safeParse(JSON.parse(row.definition));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** The revisions this process last read, per catalog: a change anywhere shows as a different map. */
const known = new WeakMap<Catalog, string>();

/**
 * Reads the database's campaigns into the catalog when they changed since the last read (a save
 * here, or in another process): one small query when nothing changed.
 */
export async function syncCampaigns(db: Db, catalog: Catalog): Promise<void> {
  const revisions = await db.selectFrom('campaigns').select(['id', 'revision']).orderBy('id').execute();
  const key = revisions.map((r) => `${r.id}@${r.revision}`).join(',');
  if (known.get(catalog) === key) return;
  const rows = (await db.selectFrom('campaigns').selectAll().orderBy('id').execute()) as CampaignRow[];
  const files: LoadedCampaignFile[] = [];
  for (const row of rows) {
    const campaign = parsed(row);
    if (campaign) files.push({ file: FROM_DATABASE, campaign });
  }
  catalog.campaigns.replace(files);
  known.set(catalog, rows.map((r) => `${r.id}@${r.revision}`).join(','));
}

const definitionsOf = (catalog: Catalog) => catalog.list().map((e) => e.definition);

const located = (problems: readonly EngineProblem[]): CampaignProblem[] =>
  problems.map((p) => ({ path: formatPath(p.path), message: p.message, messageVi: p.messageVi }));

function totalsOf(campaign: Campaign | undefined): CampaignCheck['totals'] {
  if (!campaign) return { groups: [], total: 0 };
  const groups = campaign.groups.map((g) => ({ id: g.id, target: groupTarget(g), ...(g.declaredTarget !== undefined ? { declared: g.declaredTarget } : {}) }));
  return { groups, total: groups.reduce((n, g) => n + g.target, 0) };
}

/** Versions retired from the coordinators' pages: no group may be moved onto one. */
async function retiredVersions(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('questionnaire_versions').select(['survey_id', 'version']).where('retired_at', 'is not', null).execute();
  return new Set(rows.map((r) => `${r.survey_id}@${r.version}`));
}

/** Counts so far per group and stratum ('' for none). */
async function countsOf(db: Db, id: string): Promise<Record<string, Record<string, number>>> {
  const rows = await db.selectFrom('quota_counts').select(['group_id', 'stratum', 'count']).where('campaign_id', '=', id).execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) if (Number(r.count) > 0) (out[r.group_id] ??= {})[r.stratum] = Number(r.count);
  return out;
}

/**
 * Everything wrong with `json` as a campaign beside the others of the database (`replacing`: the
 * campaign it replaces, left out of that comparison), with the totals and the declared-vs-computed
 * discrepancies: the editor's live check.
 */
export async function checkCampaignJson(
  db: Db,
  catalog: Catalog,
  json: unknown,
  replacing?: string,
): Promise<{ check: CampaignCheck; campaign: Campaign | undefined }> {
  await syncCampaigns(db, catalog);
  const others = catalog.campaigns
    .list()
    .map((e) => e.campaign)
    .filter((c) => c.id !== replacing);
  const result = checkCampaignInput(json, definitionsOf(catalog), others);
  const campaign = result.campaign;
  const problems = result.ok ? [] : located(result.problems);
  if (campaign) {
    const retired = await retiredVersions(db);
    campaign.groups.forEach((g, i) => {
      if (!retired.has(`${g.questionnaire.id}@${g.questionnaire.version}`)) return;
      problems.push({
        path: formatPath(['groups', i, 'questionnaire', 'version']),
        message: `version ${g.questionnaire.version} of "${g.questionnaire.id}" is retired: choose a version still in use`,
        messageVi: `phiên bản ${g.questionnaire.version} của bảng hỏi “${g.questionnaire.id}” đã ngừng dùng: hãy chọn phiên bản đang dùng`,
      });
    });
  }
  // Editing a campaign: a group or stratum with interviews cannot go (said while editing, not only on save).
  if (campaign && replacing !== undefined) {
    const row = (await db.selectFrom('campaigns').selectAll().where('id', '=', replacing).executeTakeFirst()) as CampaignRow | undefined;
    const before = row && parsed(row);
    if (before) problems.push(...removedWithCounts(before, campaign, await countsOf(db, replacing)));
  }
  const discrepancies = campaign ? campaignDiscrepancies(campaign).map((d) => ({ scope: d.scope, declared: d.declared, computed: d.computed, message: d.message })) : [];
  return { check: { problems, totals: totalsOf(campaign), discrepancies }, campaign };
}

function refuse(problems: readonly CampaignProblem[]): never {
  throw new ServerRefusal(
    'invalid_campaign',
    `The campaign has ${problems.length} problem(s): ${problems
      .slice(0, 3)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ')}${problems.length > 3 ? '; …' : ''}`,
    problems.map((p) => ({ path: p.path, message: p.message, messageVi: p.messageVi })),
  );
}

async function rowOf(db: Db, id: string): Promise<CampaignRow> {
  const row = (await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()) as CampaignRow | undefined;
  if (!row) throw new ServerRefusal('not_found', `There is no campaign "${id}".`);
  return row;
}

async function detailOf(db: Db, catalog: Catalog, row: CampaignRow): Promise<CampaignDetail> {
  const campaign = parsed(row);
  const { check } = await checkCampaignJson(db, catalog, campaign ?? JSON.parse(row.definition), row.id);
  return {
    campaign: campaign ?? JSON.parse(row.definition),
    revision: row.revision,
    updatedAt: row.updated_at,
    ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
    counts: await countsOf(db, row.id),
    check,
  };
}

export async function campaignDetail(db: Db, catalog: Catalog, id: string): Promise<CampaignDetail> {
  return detailOf(db, catalog, await rowOf(db, id));
}

/** Every campaign with its totals, and the interviews no campaign counts (so they are seen somewhere). */
export async function listCampaigns(db: Db, catalog: Catalog, now = new Date()): Promise<{ campaigns: CampaignListEntry[]; uncounted: UncountedInterviews[] }> {
  await syncCampaigns(db, catalog);
  const rows = (await db.selectFrom('campaigns').selectAll().execute()) as CampaignRow[];
  const accepted = await db.selectFrom('quota_counts').select(['campaign_id']).select((eb) => eb.fn.sum<number | string>('count').as('n')).groupBy('campaign_id').execute();
  const acceptedOf = new Map(accepted.map((r) => [r.campaign_id, Number(r.n)]));
  const today = vietnamToday(now);
  const campaigns: CampaignListEntry[] = [];
  for (const row of rows) {
    const c = parsed(row);
    if (!c) continue;
    campaigns.push({
      id: c.id,
      title: c.title,
      start: c.start,
      end: c.end,
      status: today < c.start ? 'upcoming' : today > c.end ? 'ended' : 'running',
      revision: row.revision,
      updatedAt: row.updated_at,
      ...(row.updated_by !== null ? { updatedBy: row.updated_by } : {}),
      groups: c.groups.length,
      target: c.groups.reduce((n, g) => n + groupTarget(g), 0),
      accepted: acceptedOf.get(c.id) ?? 0,
    });
  }
  campaigns.sort((a, b) => (a.start === b.start ? a.id.localeCompare(b.id) : a.start < b.start ? 1 : -1));
  const uncounted = await db
    .selectFrom('submissions')
    .select(['survey_id', 'survey_version', 'respondent_group'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('campaign_id', '=', '')
    .groupBy(['survey_id', 'survey_version', 'respondent_group'])
    .orderBy('survey_id')
    .orderBy('survey_version')
    .orderBy('respondent_group')
    .execute();
  return {
    campaigns,
    uncounted: uncounted.map((r) => ({ surveyId: r.survey_id, version: r.survey_version, respondentGroup: r.respondent_group, interviews: Number(r.n) })),
  };
}

/** Groups and strata of `before` that hold interviews and are missing from `after`: removing them would hide counts. */
function removedWithCounts(before: Campaign, after: Campaign, counts: Record<string, Record<string, number>>): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  for (const g of before.groups) {
    const byStratum = counts[g.id] ?? {};
    const total = Object.values(byStratum).reduce((n, c) => n + c, 0);
    if (total === 0) continue;
    const next = after.groups.find((x) => x.id === g.id);
    if (!next) {
      problems.push({
        path: 'groups',
        message: `the group "${g.id}" has ${total} interview(s) counted: it cannot be removed (set its target lower instead)`,
        messageVi: `nhóm “${g.label.vi}” đã có ${total} phiếu được tính: không thể xoá nhóm (hãy giảm chỉ tiêu)`,
      });
      continue;
    }
    if (!g.strata || !next.strata) continue;
    const gi = after.groups.indexOf(next);
    for (const s of g.strata) {
      const n = byStratum[s.value] ?? 0;
      if (n > 0 && !next.strata.some((x) => x.value === s.value))
        problems.push({
          path: formatPath(['groups', gi, 'strata']),
          message: `the stratum "${s.value}" of "${g.id}" has ${n} interview(s) counted: it cannot be removed (set its target lower instead)`,
          messageVi: `tầng “${s.label.vi}” của nhóm “${g.label.vi}” đã có ${n} phiếu được tính: không thể xoá (hãy giảm chỉ tiêu)`,
        });
    }
  }
  return problems;
}

/** Creates a campaign (201); refuses a taken id (409) or any problem (422), storing nothing. */
export async function createCampaign(db: Db, catalog: Catalog, json: unknown, actor: string, now = new Date()): Promise<CampaignDetail> {
  const { check, campaign } = await checkCampaignJson(db, catalog, json);
  if (campaign && (await db.selectFrom('campaigns').select('id').where('id', '=', campaign.id).executeTakeFirst()))
    throw new ServerRefusal('conflict', `A campaign "${campaign.id}" exists already: choose another id.`);
  if (check.problems.length > 0 || !campaign) refuse(check.problems);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaigns')
      .values({ id: campaign.id, definition: stored(campaign), revision: 1, source: 'web', created_at: at, updated_at: at, updated_by: actor })
      .execute();
    await recordAudit(trx, { actor, action: 'campaign.created', target: `campaign:${campaign.id}`, detail: { title: campaign.title.vi, start: campaign.start, end: campaign.end } }, now);
  });
  await syncCampaigns(db, catalog);
  return campaignDetail(db, catalog, campaign.id);
}

/**
 * Saves an edit made from `revision`: 409 when someone saved since; 422 for any problem, a changed
 * id, or a group or stratum with interviews removed. The audit entry lists each change.
 */
export async function updateCampaign(db: Db, catalog: Catalog, id: string, json: unknown, revision: number, actor: string, now = new Date()): Promise<CampaignDetail> {
  const row = await rowOf(db, id);
  if (row.revision !== revision) {
    const by = row.updated_by ?? 'the server';
    const message = `The campaign was saved by ${by} since you opened it (revision ${row.revision}, yours ${revision}): reload it and make your change again.`;
    const messageVi = `${row.updated_by ?? 'Máy chủ'} đã lưu đợt khảo sát này (lần lưu thứ ${row.revision}) sau khi bạn mở nó (lần lưu thứ ${revision}): hãy tải lại rồi sửa lại.`;
    throw new ServerRefusal('conflict', message, [{ path: 'revision', message, messageVi }]);
  }
  const { check, campaign } = await checkCampaignJson(db, catalog, json, id);
  const problems = [...check.problems];
  if (campaign && campaign.id !== id)
    problems.push({
      path: 'id',
      message: `the id of a campaign cannot change (it is "${id}"; its counts are kept under it): copy the campaign instead`,
      messageVi: `không đổi được mã của đợt khảo sát (“${id}”, số phiếu đã đếm gắn với mã này): hãy sao chép đợt khảo sát`,
    });
  const before = parsed(row);
  if (problems.length > 0 || !campaign) refuse(problems);
  const changes = jsonChanges(before ? JSON.parse(stored(before)) : undefined, JSON.parse(stored(campaign)));
  const at = now.toISOString();
  const saved = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('campaigns')
      .set({ definition: stored(campaign), revision: revision + 1, updated_at: at, updated_by: actor })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return false;
    if (changes.length > 0) await recordAudit(trx, { actor, action: 'campaign.edited', target: `campaign:${id}`, changes, detail: { revision: revision + 1 } }, now);
    return true;
  });
  if (!saved) throw new ServerRefusal('conflict', 'The campaign was saved by someone else at the same moment: reload it and make your change again.');
  await syncCampaigns(db, catalog);
  return campaignDetail(db, catalog, id);
}

/** Next year's campaign from `id`: groups, strata and targets copied; a new id, title and dates. */
export async function copyCampaign(
  db: Db,
  catalog: Catalog,
  id: string,
  request: { id: string; title?: { vi: string; en: string } | undefined; start: string; end: string },
  actor: string,
  now = new Date(),
): Promise<CampaignDetail> {
  const source = parsed(await rowOf(db, id));
  if (!source) throw new ServerRefusal('not_found', `The campaign "${id}" cannot be read.`);
  const { $schema: _schema, ...rest } = source;
  const copy = { ...rest, id: request.id, title: request.title ?? source.title, start: request.start, end: request.end };
  const detail = await createCampaign(db, catalog, copy, actor, now);
  await recordAudit(db, { actor, action: 'campaign.copied', target: `campaign:${request.id}`, detail: { from: id } }, now);
  return detail;
}
