/**
 * What the respondent's page shows for a link, decided from this device first (an interview
 * already completed here is shown as queued, sent or refused, whatever the link's state now) and
 * then from the server (or, offline, from what it said last time).
 */
import type { LinkInfo } from '../../contract';
import { getDb, getOutboxEntry, getRecord, type InterviewRecord, type RespondentLink } from '../../store';
import { getRespondentLink, noteLinkRefusal, openLinkInterview, saveLinkInfo } from '../../store/links';
import { ApiFailure, NetworkFailure, type FetchLike } from '../../sync';
import type { Definition, TextLang } from '../../survey';
import { loadDefinition } from '../definitions';

export type View =
  | { kind: 'loading' }
  /** Never opened on this device and no connection: nothing to show yet. */
  | { kind: 'needsConnection' }
  /** A server or network problem that is not the link's fault: try again. `code`: the server's, when it said one. */
  | { kind: 'failed'; code?: string | undefined; message: string }
  /** The server refused the link or the interview for good; `kept`: this device still holds answers. */
  | { kind: 'refused'; code: string; message: string; kept: boolean }
  /** Not started on this device: who asks, why, how long, what is kept, and a start button. No draft yet. */
  | { kind: 'welcome'; definition: Definition; info: LinkInfo }
  /** A draft of this link on this device: a short "continue" before the form. */
  | { kind: 'resume'; record: InterviewRecord; definition: Definition; info: LinkInfo }
  | { kind: 'form'; record: InterviewRecord; definition: Definition; info: LinkInfo }
  /** Completed here, waiting to be sent. */
  | { kind: 'queued'; record: InterviewRecord; info: LinkInfo | undefined }
  /** Sent during this visit. */
  | { kind: 'sent'; info: LinkInfo | undefined }
  /** Sent before: the link was reopened. */
  | { kind: 'answered'; at: string; info: LinkInfo | undefined };

export interface SessionEnv {
  /** The server's address; '' for the page's own origin. */
  serverUrl: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

/** Where a completed interview of this device stands: waiting, acknowledged, or refused. */
export async function settledView(record: InterviewRecord, info: LinkInfo | undefined): Promise<View> {
  const entry = await getOutboxEntry(record.id);
  if (entry?.state === 'rejected' && entry.rejection)
    return { kind: 'refused', code: entry.rejection.code, message: entry.rejection.message, kept: true };
  if (entry) return { kind: 'queued', record, info };
  return { kind: 'answered', at: record.syncedAt ?? record.completedAt ?? record.updatedAt, info };
}

async function definitionFor(info: LinkInfo, env: SessionEnv): Promise<Definition> {
  const here = await loadDefinition(info.survey.id, info.survey.version);
  if (here) return here;
  const { fetchDefinition } = await import('../../sync/definitions');
  return fetchDefinition({ db: getDb(), serverUrl: env.serverUrl, fetch: env.fetch, timeoutMs: env.timeoutMs }, info.survey.id, info.survey.version);
}

const refusedView = (code: string, message: string, kept: boolean): View => ({ kind: 'refused', code, message, kept });

/** A failure that is not the link's: with the server's code when the server gave one. */
export const failedView = (e: unknown): View => ({
  kind: 'failed',
  code: e instanceof ApiFailure ? e.code : undefined,
  message: e instanceof Error ? e.message : String(e),
});

/**
 * Opens the link: the page to show. A link not started on this device shows the welcome (no draft
 * is made and no start is reported until the respondent presses start: `beginInterview`); one with
 * a draft here offers to continue it; a completed one shows where its answers stand.
 */
export async function openLink(token: string, env: SessionEnv): Promise<View> {
  let link: RespondentLink | undefined = await getRespondentLink(token);
  const local = link?.recordId !== undefined ? await getRecord(link.recordId) : undefined;
  // Completed here: its fate is the outbox's, not the link's (a used link may be used by this very interview).
  if (local?.status === 'completed') return settledView(local, link?.info);

  const wire = await import('../../sync/links');
  try {
    link = await saveLinkInfo(token, await wire.fetchLinkInfo(token, env));
  } catch (e) {
    if (wire.isFinalRefusal(e)) {
      await noteLinkRefusal(token, { code: e.code, message: e.message });
      return refusedView(e.code, e.message, local !== undefined);
    }
    if (!link) return e instanceof NetworkFailure ? { kind: 'needsConnection' } : failedView(e);
    // Offline or the server is down: what the server said last time.
    if (link.refusal) return refusedView(link.refusal.code, link.refusal.message, local !== undefined);
  }
  const { info } = link;
  if (!local && !info.startAllowed) return refusedView('quota_full', '', false);

  let definition: Definition;
  try {
    definition = await definitionFor(info, env);
  } catch (e) {
    return e instanceof NetworkFailure ? { kind: 'needsConnection' } : failedView(e);
  }
  if (!local) return { kind: 'welcome', definition, info };
  return { kind: 'resume', record: local, definition, info };
}

/** The respondent pressed start (or continue): this device's draft for the link, made now if there is none, in the form. */
export async function beginInterview(token: string, view: Extract<View, { kind: 'welcome' | 'resume' }>, lang: TextLang): Promise<View> {
  const { definition, info } = view;
  const record = await openLinkInterview({ token, definition, lang });
  if (record.status === 'completed') return settledView(record, info);
  return { kind: 'form', record, definition, info };
}

/** After a send attempt: the page's new view, or the same one when nothing changed for it. */
export async function refreshView(token: string, view: View): Promise<View> {
  if (view.kind === 'queued') {
    const record = await getRecord(view.record.id);
    if (!record) return view;
    const next = await settledView(record, view.info);
    return next.kind === 'answered' ? { kind: 'sent', info: view.info } : next.kind === 'queued' ? view : next;
  }
  if (view.kind === 'form' || view.kind === 'resume') {
    // The server refused the start (revoked, used elsewhere, quota full): say so before more answers are given.
    const refusal = (await getRespondentLink(token))?.refusal;
    if (refusal) return refusedView(refusal.code, refusal.message, true);
  }
  return view;
}
