/**
 * Respondent links on this device: what the server said about each link opened here (so the page
 * reopens offline) and this device's one interview through it, self-administered, created with
 * its definition cached in one transaction.
 */
import type { LinkInfo } from '../contract';
import type { Definition, TextLang } from '../survey';
import { getDb, type SurveyDb } from './db';
import { cachedEntry } from './definitions';
import { buildDraft } from './drafts';
import { InvalidInputError } from './errors';
import { restored } from './records';
import { withDb } from './reopen';
import type { InterviewRecord, LinkRefusalNote, RespondentLink } from './types';

async function allLinks(db: SurveyDb): Promise<Record<string, RespondentLink>> {
  const row = await db.meta.get('links');
  return row?.key === 'links' ? row.value : {};
}

async function putLink(db: SurveyDb, link: RespondentLink): Promise<void> {
  await db.meta.put({ key: 'links', value: { ...(await allLinks(db)), [link.token]: link } });
}

/** A link opened on this device before, if any. */
export async function getRespondentLink(token: string, db: SurveyDb = getDb()): Promise<RespondentLink | undefined> {
  return withDb(async () => (await allLinks(db))[token]);
}

/** Keeps the server's description of a link (clearing an earlier refusal); this device's interview stays linked. */
export async function saveLinkInfo(token: string, info: LinkInfo, db: SurveyDb = getDb()): Promise<RespondentLink> {
  return withDb(() =>
    db.transaction('rw', db.meta, async () => {
      const { refusal: _cleared, ...known } = (await allLinks(db))[token] ?? { token };
      const link: RespondentLink = { ...known, token, info, infoAt: new Date().toISOString() };
      await putLink(db, link);
      return link;
    }),
  );
}

/** The server refused the link for good (revoked, used…): remembered, so an offline reopen says so too. */
export async function noteLinkRefusal(token: string, refusal: Omit<LinkRefusalNote, 'at'>, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.meta, async () => {
      const link = (await allLinks(db))[token];
      if (link) await putLink(db, { ...link, refusal: { ...refusal, at: new Date().toISOString() } });
    }),
  );
}

/** The server acknowledged that this device's interview through the link started. */
export async function noteLinkStarted(token: string, at: string, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.meta, async () => {
      const link = (await allLinks(db))[token];
      if (link && link.startedReportedAt === undefined) await putLink(db, { ...link, startedReportedAt: at });
    }),
  );
}

/** Links whose interview started here and the server has not heard of yet, with that interview's id. */
export async function unreportedLinkStarts(db: SurveyDb = getDb()): Promise<{ token: string; recordId: string }[]> {
  return withDb(async () =>
    Object.values(await allLinks(db)).flatMap((l) =>
      l.recordId !== undefined && l.startedReportedAt === undefined && l.refusal === undefined ? [{ token: l.token, recordId: l.recordId }] : [],
    ),
  );
}

export interface OpenLinkInput {
  token: string;
  definition: Definition;
  lang: TextLang;
}

/**
 * This device's interview through the link: the one already here (a draft, or completed), or a new
 * draft with the link's group and stratum, marked self-administered, its definition cached, all
 * in one transaction (two tabs opening the link at once still make one draft). The link must have
 * been described by the server first (saveLinkInfo).
 */
export async function openLinkInterview(input: OpenLinkInput, db: SurveyDb = getDb()): Promise<InterviewRecord> {
  const { token, definition, lang } = input;
  return withDb(() =>
    db.transaction('rw', db.meta, db.records, db.definitions, async () => {
      const link = (await allLinks(db))[token];
      if (!link) throw new InvalidInputError(`The link ${token.slice(0, 4)}… was never opened on this device`);
      const existing = link.recordId !== undefined ? await db.records.get(link.recordId) : undefined;
      if (existing) return restored(existing);
      const { info } = link;
      if (info.survey.id !== definition.id || info.survey.version !== definition.version)
        throw new InvalidInputError(`The link is for ${info.survey.id} v${info.survey.version}, not ${definition.id} v${definition.version}`);
      const now = new Date().toISOString();
      const record: InterviewRecord = {
        ...buildDraft({ definition, respondentGroup: info.group.id, stratum: info.stratum?.value, stratumLabel: info.stratum?.label, lang }, now),
        mode: 'self',
        linkToken: token,
      };
      await db.definitions.put(cachedEntry(definition, now));
      await db.records.add(record);
      await putLink(db, { ...link, recordId: record.id });
      return record;
    }),
  );
}
