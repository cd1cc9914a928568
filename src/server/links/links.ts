/**
 * Respondent links in the database: creating them (tokens returned once, hashes stored), listing
 * and revoking them for coordinators, and what a respondent's opening and starting record.
 */
import { DEFAULT_MIN_CELL } from '../../survey/suppression';
import { strataMatrices } from '../../survey';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RESPONDENT_PAGE } from '../../contract';
import type { IssuedLink, LinkCreateRequest, LinkInfo, LinkStarted, LinkSummary } from '../../contract';
import { vietnamToday } from '../campaigns/day';
import type { DatabaseSchema, RespondentLinkRow } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { ServerRefusal } from '../errors';
import { groupLabel, linkSummary, stratumLabel } from './describe';
import type { LinkWithStarts } from './describe';
import { linkQuota, lockedLinkQuota, refusesNewInterview } from './quota';
import { linkTokenHash, newLinkToken } from './tokens';

type Db = Kysely<DatabaseSchema>;

const invalid = (path: string, message: string): ServerRefusal => new ServerRefusal('invalid_request', `${path}: ${message}.`, [{ path, message }]);

/** Checks a creation request against the campaign and its questionnaire; returns the link's fixed fields. */
function linkTarget(catalog: Catalog, request: LinkCreateRequest, now: Date) {
  const entry = request.campaign !== undefined ? catalog.campaigns.get(request.campaign) : catalog.campaigns.current(vietnamToday(now));
  if (!entry)
    throw new ServerRefusal('not_found',
      request.campaign !== undefined ? `There is no campaign "${request.campaign}" on this server.` : 'This server has no campaign (survey-definitions/campaigns/).',
    );
  const group = entry.campaign.groups.find((g) => g.id === request.group);
  if (!group) throw new ServerRefusal('unknown_group', `The campaign "${entry.campaign.id}" has no respondent group "${request.group}".`);
  const { id: surveyId, version } = group.questionnaire;
  const def = catalog.get(surveyId, version)?.definition;
  if (!def) throw new ServerRefusal('unknown_version', `The questionnaire "${surveyId}" version ${version} of the group "${group.id}" is not on this server.`);
  const stratumList = def.respondentGroups.find((g) => g.id === group.id)?.stratumList;
  // A stratum of the group's list, or one the campaign plans for the group (its own units, which
  // the list may lack).
  if (stratumList !== undefined) {
    if (request.stratum === undefined)
      throw new ServerRefusal('unknown_stratum', `The respondent group "${group.id}" needs a stratum (a value of the list "${stratumList}", or one the campaign plans).`);
    const planned = (group.strata ?? []).some((s) => s.value === request.stratum);
    if (!planned && !(def.lists?.[stratumList] ?? []).some((s) => s.value === request.stratum))
      throw new ServerRefusal(
        'unknown_stratum',
        `"${request.stratum}" is neither in the list "${stratumList}" of the respondent group "${group.id}" nor among the strata the campaign "${entry.campaign.id}" plans for it.`,
      );
  } else if (request.stratum !== undefined) {
    throw new ServerRefusal('unknown_stratum', `The respondent group "${group.id}" has no strata, but "${request.stratum}" was given.`);
  }
  return { campaignId: entry.campaign.id, surveyId, version, groupId: group.id, stratum: request.stratum ?? null };
}

/** Creates the links of a request; the tokens are in the result and nowhere else. */
export async function createLinks(db: Db, catalog: Catalog, request: LinkCreateRequest, createdBy: string | null, now = new Date()): Promise<IssuedLink[]> {
  if (request.kind === 'single' && request.maxUses !== undefined) throw invalid('maxUses', 'only a shared link has maxUses (a single link is used once)');
  if (request.kind === 'shared' && request.maxUses === undefined) throw invalid('maxUses', 'a shared link needs maxUses (how many interviews it takes)');
  if (request.kind === 'shared' && request.count !== undefined && request.count !== 1) throw invalid('count', 'a request makes one shared link');
  const target = linkTarget(catalog, request, now);
  const count = request.kind === 'single' ? (request.count ?? 1) : 1;
  const maxUses = request.kind === 'single' ? 1 : (request.maxUses ?? 1);
  const label = request.label?.trim() || null;
  const createdAt = now.toISOString();
  const made = Array.from({ length: count }, () => {
    const token = newLinkToken();
    const row: RespondentLinkRow = {
      id: randomUUID(),
      token_hash: linkTokenHash(token) ?? '',
      campaign_id: target.campaignId,
      survey_id: target.surveyId,
      survey_version: target.version,
      respondent_group: target.groupId,
      stratum: target.stratum,
      kind: request.kind,
      max_uses: maxUses,
      uses: 0,
      label,
      created_by: createdBy,
      created_at: createdAt,
      opened_at: null,
      started_at: null,
      last_used_at: null,
      revoked_at: null,
    };
    return { token, row };
  });
  await db.transaction().execute(async (trx) => {
    // A few hundred rows at most (MAX_LINKS_PER_REQUEST), in chunks well under SQLite's variable limit.
    for (let i = 0; i < made.length; i += 50)
      await trx
        .insertInto('respondent_links')
        .values(made.slice(i, i + 50).map((m) => m.row))
        .execute();
  });
  return made.map(({ token, row }) => ({ link: linkSummary(catalog, { ...row, starts: 0 }), token, path: `${RESPONDENT_PAGE}${token}` }));
}

function withStarts(db: Db) {
  const starts = db
    .selectFrom('link_starts')
    .select(({ fn }) => ['link_id', fn.countAll<string | number>().as('starts')])
    .groupBy('link_id')
    .as('starts');
  return db.selectFrom('respondent_links').leftJoin(starts, 'starts.link_id', 'respondent_links.id').selectAll('respondent_links').select('starts.starts');
}

const counted = (r: RespondentLinkRow & { starts: string | number | null }): LinkWithStarts => ({ ...r, starts: Number(r.starts ?? 0) });

/** Links, newest first, optionally of one campaign and group. */
export async function listLinks(db: Db, catalog: Catalog, filter: { campaign?: string | undefined; group?: string | undefined }): Promise<LinkSummary[]> {
  let query = withStarts(db);
  if (filter.campaign !== undefined) query = query.where('respondent_links.campaign_id', '=', filter.campaign);
  if (filter.group !== undefined) query = query.where('respondent_links.respondent_group', '=', filter.group);
  const rows = await query.orderBy('respondent_links.created_at', 'desc').orderBy('respondent_links.id').execute();
  return rows.map((r) => linkSummary(catalog, counted(r)));
}

export async function linkById(db: Db, catalog: Catalog, id: string): Promise<LinkSummary | undefined> {
  const row = await withStarts(db).where('respondent_links.id', '=', id).executeTakeFirst();
  return row ? linkSummary(catalog, counted(row)) : undefined;
}

/** Revokes a link (keeping the first revocation's time); false for an unknown id. */
export async function revokeLink(db: Db, id: string, now = new Date()): Promise<boolean> {
  const found = await db.selectFrom('respondent_links').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('respondent_links').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return true;
}

/** The link of a token as received in a URL; undefined for a token that is not (or cannot be) one. */
export async function linkForToken(db: Db, token: string): Promise<RespondentLinkRow | undefined> {
  const hash = linkTokenHash(token);
  if (hash === undefined) return undefined;
  return db.selectFrom('respondent_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export const unknownLink = (): ServerRefusal => new ServerRefusal('link_unknown', 'This link does not exist: check that it was copied or typed completely.');

/** The refusal for a link that takes no more interviews, or undefined when it still takes some. */
export function closedLink(link: Pick<RespondentLinkRow, 'revoked_at' | 'uses' | 'max_uses' | 'kind'>): ServerRefusal | undefined {
  if (link.revoked_at !== null) return new ServerRefusal('link_revoked', 'This link was withdrawn by the survey coordinators.');
  if (Number(link.uses) >= Number(link.max_uses))
    return link.kind === 'single'
      ? new ServerRefusal('link_used', 'This link has already been used to submit a questionnaire.')
      : new ServerRefusal('link_exhausted', 'This link has received all the questionnaires it was meant for.');
  return undefined;
}

/** GET /api/links/:token: what the respondent's page needs; records the first opening. */
export async function openLink(db: Db, catalog: Catalog, token: string, now = new Date()): Promise<LinkInfo> {
  const link = await linkForToken(db, token);
  if (!link) throw unknownLink();
  const closed = closedLink(link);
  if (closed) throw closed;
  // A link made by a server process with a newer questionnaire version than this one.
  await learnVersions(db, catalog, [{ surveyId: link.survey_id, version: Number(link.survey_version) }]);
  const def = catalog.get(link.survey_id, Number(link.survey_version))?.definition;
  if (!def)
    throw new ServerRefusal('unknown_version', `The questionnaire "${link.survey_id}" version ${link.survey_version} of this link is no longer on the server.`);
  if (link.opened_at === null)
    await db.updateTable('respondent_links').set({ opened_at: now.toISOString() }).where('id', '=', link.id).where('opened_at', 'is', null).execute();
  const quota = await linkQuota(db, catalog, link);
  const campaign = catalog.campaigns.get(link.campaign_id)?.campaign;
  const stratum = stratumLabel(catalog, link);
  // The rows of a matrix rating the campaign's strata, as a device takes them from its quota snapshot.
  const planned = strataMatrices(def).length > 0 ? campaign?.groups.find((g) => g.id === link.respondent_group) : undefined;
  return {
    kind: link.kind,
    state: link.started_at !== null || Number(link.uses) > 0 ? 'in_progress' : 'opened',
    survey: { id: def.id, version: def.version, title: def.title },
    campaign: campaign
      ? {
          id: campaign.id,
          title: campaign.title,
          start: campaign.start,
          end: campaign.end,
          ...(campaign.organiser ? { organiser: campaign.organiser } : {}),
          ...(campaign.purpose ? { purpose: campaign.purpose } : {}),
          minCell: campaign.minCellSize ?? DEFAULT_MIN_CELL,
        }
      : { id: link.campaign_id, title: { vi: link.campaign_id, en: link.campaign_id }, start: '', end: '' },
    group: { id: link.respondent_group, label: groupLabel(catalog, link) },
    stratum: link.stratum !== null && stratum ? { value: link.stratum, label: stratum } : null,
    ...(planned ? { plan: { version: planned.questionnaire.version, strata: (planned.strata ?? []).map((s) => ({ value: s.value, label: s.label })) } } : {}),
    remaining: Math.max(0, Number(link.max_uses) - Number(link.uses)),
    quota,
    startAllowed: !refusesNewInterview(quota),
    serverTime: now.toISOString(),
  };
}

export const quotaFull = (): ServerRefusal =>
  new ServerRefusal('quota_full', 'Enough questionnaires have been received for this group: no new one can be started. Thank you.');

/** POST /api/links/:token/started: records that an interview began (idempotent per interview). */
export async function startInterview(db: Db, catalog: Catalog, token: string, interviewId: string, now = new Date()): Promise<LinkStarted> {
  const link = await linkForToken(db, token);
  if (!link) throw unknownLink();
  await learnVersions(db, catalog, [{ surveyId: link.survey_id, version: Number(link.survey_version) }]);
  const id = interviewId.toLowerCase();
  const stored = await db
    .selectFrom('submissions')
    .select('started_at')
    .where('id', '=', id)
    .where('link_id', '=', link.id)
    .executeTakeFirst();
  const previous = () => db.selectFrom('link_starts').select('started_at').where('link_id', '=', link.id).where('interview_id', '=', id).executeTakeFirst();
  if (stored) return { interviewId, startedAt: (await previous())?.started_at ?? now.toISOString() };
  const closed = closedLink(link);
  if (closed) throw closed;
  const before = await previous();
  if (before) return { interviewId, startedAt: before.started_at };
  // A stratum never empties: refused at once when already full.
  if (refusesNewInterview(await linkQuota(db, catalog, link))) throw quotaFull();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Decided under the stratum's counter lock (./quota lockedLinkQuota), as new interviews are: a
    // start is admitted only while the stratum has room at its commit. It reserves no place.
    const quota = await lockedLinkQuota(trx, catalog, link);
    const meanwhile = await trx.selectFrom('link_starts').select('started_at').where('link_id', '=', link.id).where('interview_id', '=', id).executeTakeFirst();
    if (meanwhile) return;
    if (quota && refusesNewInterview(quota)) throw quotaFull();
    await trx
      .insertInto('link_starts')
      .values({ link_id: link.id, interview_id: id, started_at: at })
      .onConflict((oc) => oc.columns(['link_id', 'interview_id']).doNothing())
      .execute();
    await trx.updateTable('respondent_links').set({ started_at: at }).where('id', '=', link.id).where('started_at', 'is', null).execute();
  });
  return { interviewId, startedAt: (await previous())?.started_at ?? at };
}
