/**
 * Storing an interview sent through a respondent link. The interview is checked by the same engine
 * code as a device's (check-item), then one transaction consumes one use of the link with a
 * conditional update (`uses < max_uses`, not revoked), inserts the interview and counts it towards
 * its quota. The database settles races: two interviews racing for the last use of a link cannot
 * both pass the conditional update, a resend racing its own first copy meets the primary key, and
 * new interviews racing for a stratum's last places under policy "stop" queue on its counter row
 * (./quota lockedLinkQuota), so no more are stored than the target, across server processes too.
 * Nothing is stored and the link stays unused when anything refuses the interview.
 */
import type { Kysely, Transaction } from 'kysely';
import type { LinkSubmission, LinkSubmitAck } from '../../contract';
import type { DatabaseSchema, RespondentLinkRow } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { LINK_DEVICE_ID } from '../auth/devices';
import { ServerRefusal } from '../errors';
import { checkItem } from '../ingest/check-item';
import { contentHash } from '../ingest/content-hash';
import { rowOf } from '../ingest/store';
import { ingestTransaction } from '../ingest/transaction';
import type { ValidItem } from '../ingest/store';
import { closedLink, quotaFull } from './links';
import { lockedLinkQuota, refusesNewInterview } from './quota';

/** A refusal of the engine's checks, with its errors per question for invalid_answers. */
export class LinkItemRefusal extends ServerRefusal {
  constructor(
    code: ConstructorParameters<typeof ServerRefusal>[0],
    message: string,
    readonly errors: Record<string, { code: string; message: { vi: string; en: string } }> | undefined,
  ) {
    super(code, message);
  }
}

/** Thrown inside the transaction to roll it back when the interview's id was taken meanwhile. */
class TakenMeanwhile extends Error {}

type Trx = Transaction<DatabaseSchema>;

function mismatch(link: RespondentLinkRow, item: LinkSubmission): string | undefined {
  if (item.surveyId !== link.survey_id || item.surveyVersion !== Number(link.survey_version))
    return `This link is for the questionnaire "${link.survey_id}" version ${link.survey_version}, not "${item.surveyId}" version ${item.surveyVersion}.`;
  if (item.respondentGroup !== link.respondent_group) return `This link is for the respondent group "${link.respondent_group}", not "${item.respondentGroup}".`;
  if ((item.stratum ?? null) !== link.stratum)
    return link.stratum === null ? `This link's group has no stratum, but "${item.stratum ?? ''}" was sent.` : `This link is for the stratum "${link.stratum}", not "${item.stratum ?? '(none)'}".`;
  return undefined;
}

/** The answer for an id already stored: the same interview through this link is acknowledged. */
async function alreadyStored(trx: Trx | Kysely<DatabaseSchema>, link: RespondentLinkRow, id: string, hash: string): Promise<LinkSubmitAck | undefined> {
  const existing = await trx.selectFrom('submissions').select(['content_hash', 'link_id', 'received_at']).where('id', '=', id).executeTakeFirst();
  if (!existing) return undefined;
  if (existing.link_id === link.id && existing.content_hash === hash) return { id, status: 'duplicate', receivedAt: existing.received_at };
  throw new ServerRefusal('conflict', 'An interview with this id is already stored with different content.');
}

async function storeOnce(db: Kysely<DatabaseSchema>, catalog: Catalog, link: RespondentLinkRow, v: ValidItem, hash: string, now: Date): Promise<LinkSubmitAck> {
  const id = v.item.id.toLowerCase();
  const receivedAt = now.toISOString();
  return ingestTransaction(db, async (writes) => {
    const { trx } = writes;
    const stored = await alreadyStored(trx, link, id, hash);
    if (stored) return stored;
    // The link may close, or its stratum fill, by storing this very interview's first copy after
    // the check above (PostgreSQL reads committed rows statement by statement): before refusing,
    // look again, and acknowledge that copy.
    const refuse = async (refusal: Error): Promise<LinkSubmitAck> => {
      const meanwhile = await alreadyStored(trx, link, id, hash);
      if (meanwhile) return meanwhile;
      throw refusal;
    };
    // First the stratum's counter row, locked until the commit that counts this interview on it:
    // requests for the same stratum, in any server process, decide one after the other.
    const quota = await lockedLinkQuota(trx, catalog, link);
    const current = await trx.selectFrom('respondent_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    const closed = closedLink(current);
    if (closed) return refuse(closed);
    // Policy "stop": an interview the server let start is accepted; a new one is not, in a full stratum.
    const started = await trx.selectFrom('link_starts').select('started_at').where('link_id', '=', link.id).where('interview_id', '=', id).executeTakeFirst();
    if (!started && quota && refusesNewInterview(quota)) return refuse(quotaFull());
    const consumed = await trx
      .updateTable('respondent_links')
      .set((eb) => ({ uses: eb('uses', '+', 1), last_used_at: receivedAt }))
      .where('id', '=', link.id)
      .where('revoked_at', 'is', null)
      .whereRef('uses', '<', 'max_uses')
      .executeTakeFirst();
    if (consumed.numUpdatedRows !== 1n) {
      // The last use went to another request meanwhile: perhaps this very interview's first copy.
      const after = await trx.selectFrom('respondent_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
      return refuse(closedLink(after) ?? new Error(`link ${link.id} refused a use without being closed`));
    }
    const placed = rowOf(v, LINK_DEVICE_ID, receivedAt, catalog.campaigns, hash);
    // A link belongs to its campaign: its interview counts there (where its quota was checked),
    // whatever campaign runs on the day it arrives.
    const own = catalog.campaigns.get(link.campaign_id)?.campaign.groups.some((g) => g.id === placed.respondent_group && g.questionnaire.id === placed.survey_id);
    const row = { ...placed, ...(own ? { campaign_id: link.campaign_id } : {}), mode: 'self' as const, link_id: link.id };
    if (!(await writes.insert([{ v, row }])).has(row.id)) throw new TakenMeanwhile();
    if (!started)
      await trx
        .insertInto('link_starts')
        .values({ link_id: link.id, interview_id: id, started_at: receivedAt })
        .onConflict((oc) => oc.columns(['link_id', 'interview_id']).doNothing())
        .execute();
    await trx.updateTable('respondent_links').set({ started_at: started?.started_at ?? receivedAt }).where('id', '=', link.id).where('started_at', 'is', null).execute();
    await trx.updateTable('devices').set({ last_sync_at: receivedAt }).where('id', '=', LINK_DEVICE_ID).execute();
    // Counted at the end, last before the commit (../ingest/transaction), as device batches are.
    if (row.campaign_id != null && row.completed_day != null)
      writes.count({ campaignId: row.campaign_id, groupId: row.respondent_group, stratum: row.stratum ?? '', day: row.completed_day, deviceId: LINK_DEVICE_ID });
    return { id, status: 'stored', receivedAt };
  });
}

/** Stores one interview sent through `link` (found by its token), or throws the coded refusal. */
export async function submitThroughLink(
  db: Kysely<DatabaseSchema>,
  catalog: Catalog,
  link: RespondentLinkRow,
  item: LinkSubmission,
  now = new Date(),
): Promise<LinkSubmitAck> {
  const wrong = mismatch(link, item);
  if (wrong !== undefined) throw new ServerRefusal('link_mismatch', wrong);
  await learnVersions(db, catalog, [{ surveyId: link.survey_id, version: Number(link.survey_version) }]);
  const checked = checkItem(catalog, item, now);
  if (!checked.ok) {
    const { code, message, errors } = checked.result;
    throw new LinkItemRefusal(code ?? 'invalid_answers', message ?? 'The interview was refused.', errors);
  }
  const v: ValidItem = { item, answers: checked.answers, definition: checked.definition };
  const hash = contentHash(item);
  // A second attempt only when this interview's id was stored by a concurrent request between
  // our check and our insert: the next attempt sees it and answers duplicate or conflict.
  for (let attempt = 0; ; attempt++) {
    try {
      const ack = await storeOnce(db, catalog, link, v, hash, now);
      return { ...ack, id: item.id };
    } catch (e) {
      if (!(e instanceof TakenMeanwhile) || attempt >= 2) throw e;
    }
  }
}
