/**
 * One upload pass: sends the outbox's pending interviews in batches until none is left, and
 * applies the server's verdict per interview. Stops at the first whole-request failure, leaving
 * every unacknowledged interview in the outbox. Loaded lazily by the syncer: it carries the
 * contract's schemas (zod/mini), which the app's first screen does not need.
 *
 * One request at a time, but the device does its own work while the server answers: while a
 * batch is in flight, the next one is read and checked, and the previous reply's verdicts are
 * written, so the next request goes out as soon as the reply comes. An attempt is counted for an
 * interview a request carried that stays in the outbox (refused, left out of the reply, or the
 * request failed); an acknowledged one leaves the outbox with its count. The quota snapshot the
 * replies bring is stored once, at the end of the pass.
 */
import { API_PATHS, MAX_BATCH_ITEMS, SubmitResponse, type QuotaSnapshot, type Submission } from '../contract';
import { pendingSubmissions, settleUploads, type Enrolment, type InterviewRecord, type Rejection, type SurveyDb, type SyncError } from '../store';
import { ApiFailure, AUTH_ERROR_CODES, BadReplyFailure, refusalOf, syncErrorOf, type FetchLike } from './failures';
import { postJson } from './http';
import { keepReplySnapshot } from './quota';
import { toSubmission } from './submission';
import { endpoint } from './url';

export interface PassOptions {
  db: SurveyDb;
  enrolment: Enrolment;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  now: () => Date;
  /** Interviews per request; the server's maximum (MAX_BATCH_ITEMS) when not given. */
  batchSize?: number | undefined;
  /** Called after each batch's verdicts are stored, so the status can show the shrinking queue. */
  onProgress?: (() => Promise<unknown>) | undefined;
}

interface PassCounts {
  acknowledged: number;
  rejected: number;
  /** Whether the server answered a submission request during this pass. */
  contacted: boolean;
}

export type PassResult = PassCounts & ({ status: 'ok' } | { status: 'needsEnrolment' | 'failed'; error: SyncError });

type Refusal = { id: string; rejection: Omit<Rejection, 'at'> };

/** Interviews read from the outbox for one request. */
interface Batch {
  /** What is sent, checked against the wire format. */
  items: Submission[];
  /** The records as read, to be marked synced once acknowledged. */
  records: Map<string, InterviewRecord>;
  /** Interviews the wire format refuses: kept on the device with the reason, never sent. */
  refused: Refusal[];
  /** Read with nothing in flight or left to write: when empty, nothing is pending. */
  whole: boolean;
}

/** What a reply said, to be written while the next request is in flight. */
interface Verdicts {
  acknowledged: InterviewRecord[];
  serverTime: string;
  rejected: Refusal[];
  /** Sent and not acknowledged: refused, or left out of the reply. */
  attempted: string[];
}

const NONE: ReadonlySet<string> = new Set();

/** The request was refused as a whole for its size or shape: a smaller batch may pass. */
const splittable = (e: unknown): e is ApiFailure =>
  e instanceof ApiFailure && (e.status === 413 || e.code === 'body_too_large' || (e.status === 400 && e.code === 'invalid_request'));

async function readBatch(db: SurveyDb, size: number, inFlight: ReadonlySet<string>): Promise<Batch> {
  const batch: Batch = { items: [], records: new Map(), refused: [], whole: inFlight.size === 0 };
  for (const { record } of await pendingSubmissions(size, db, inFlight)) {
    const prepared = toSubmission(record);
    if (prepared.ok) {
      batch.items.push(prepared.submission);
      batch.records.set(record.id, record);
    } else batch.refused.push({ id: record.id, rejection: prepared.rejection });
  }
  return batch;
}

/** Sorts a reply's results; `missing` counts sent interviews the reply says nothing about. */
function verdictsOf(sent: Batch, reply: SubmitResponse): Verdicts & { missing: number } {
  const byId = new Map(reply.results.map((r) => [r.id, r]));
  const verdicts: Verdicts & { missing: number } = { acknowledged: [], serverTime: reply.serverTime, rejected: [], attempted: [], missing: 0 };
  for (const { id } of sent.items) {
    const result = byId.get(id);
    const record = sent.records.get(id);
    if (!result || !record) {
      verdicts.missing += 1;
      verdicts.attempted.push(id);
    } else if (result.status === 'stored' || result.status === 'duplicate') verdicts.acknowledged.push(record);
    else {
      verdicts.attempted.push(id);
      verdicts.rejected.push({
        id,
        rejection: {
          code: result.code ?? 'invalid_request',
          message: result.message ?? '',
          ...(result.errors ? { errors: result.errors } : {}),
        },
      });
    }
  }
  return verdicts;
}

const idsOf = (batch: Batch) => [...batch.records.keys()];

export async function uploadPass(options: PassOptions): Promise<PassResult> {
  const { db, enrolment, now } = options;
  const url = endpoint(enrolment.serverUrl, API_PATHS.submissions);
  const counts: PassCounts = { acknowledged: 0, rejected: 0, contacted: false };
  const full = Math.min(MAX_BATCH_ITEMS, Math.max(1, options.batchSize ?? MAX_BATCH_ITEMS));
  let size = full;
  let snapshot: QuotaSnapshot | undefined;
  /** The last reply's verdicts, not yet handed to a write. */
  let unwritten: Verdicts | undefined;
  /** The writes, one after the other; a failed one fails the pass when next looked at. */
  let writing: Promise<void> = Promise.resolve();
  /** Interviews whose verdicts are being written: still in the outbox, not to be read again. */
  const writingIds = new Set<string>();

  /** Queues the last reply's verdicts with `more` (refusals, attempts) as one transaction, after the writes before it. */
  function write(more: { rejected?: Refusal[]; attempted?: string[] } = {}): void {
    const verdicts = unwritten;
    unwritten = undefined;
    const acknowledged = verdicts?.acknowledged ?? [];
    const rejected = [...(verdicts?.rejected ?? []), ...(more.rejected ?? [])];
    const attempted = [...(verdicts?.attempted ?? []), ...(more.attempted ?? [])];
    if (acknowledged.length + rejected.length + attempted.length === 0) return;
    const ids = [...acknowledged.map((r) => r.id), ...rejected.map((r) => r.id), ...attempted];
    for (const id of ids) writingIds.add(id);
    const settlement = {
      acknowledged: verdicts && acknowledged.length > 0 ? { records: acknowledged, serverTime: verdicts.serverTime } : undefined,
      rejected,
      attempted,
      at: now().toISOString(),
    };
    writing = writing.then(async () => {
      await settleUploads(settlement, db);
      for (const id of ids) writingIds.delete(id);
      counts.acknowledged += acknowledged.length;
      counts.rejected += rejected.length;
      if (acknowledged.length + rejected.length > 0) await options.onProgress?.();
    });
    writing.catch(() => undefined); // looked at later; not an unhandled rejection meanwhile
  }

  /** Queues `more` and waits for every write. */
  async function flush(more: { rejected?: Refusal[]; attempted?: string[] } = {}): Promise<void> {
    write(more);
    await writing;
  }

  async function end(outcome: { status: 'ok' } | { status: 'needsEnrolment' | 'failed'; error: unknown }, attempted: string[] = []): Promise<PassResult> {
    await flush({ attempted });
    if (snapshot) await keepReplySnapshot(snapshot, db);
    return outcome.status === 'ok' ? { ...counts, status: 'ok' } : { ...counts, status: outcome.status, error: syncErrorOf(outcome.error, now().toISOString()) };
  }

  let batch = await readBatch(db, size, NONE);
  for (;;) {
    if (batch.items.length === 0) {
      await flush({ rejected: batch.refused });
      if (batch.whole && batch.refused.length === 0) return end({ status: 'ok' });
      batch = await readBatch(db, size, NONE);
      continue;
    }
    const sent = batch;
    // Settled, never rejected: its outcome is looked at once the device's own work is done.
    const request = Promise.allSettled([postJson(url, { items: sent.items }, SubmitResponse, { fetch: options.fetch, timeoutMs: options.timeoutMs, token: enrolment.token })]);
    // While it is in flight: the previous reply's verdicts are written (committing in the
    // background, looked at one round later) and the next batch is read, leaving out what is
    // sent or still being written.
    const earlier = writing;
    write({ rejected: sent.refused });
    const [next] = await Promise.allSettled([readBatch(db, size, new Set([...idsOf(sent), ...writingIds]))]);
    // The request settles before anything else: none is ever left behind in flight (single flight).
    const [replied] = await request;
    await earlier;
    if (next.status === 'rejected') throw next.reason;
    if (replied.status === 'rejected') {
      const e: unknown = replied.reason;
      if (e instanceof ApiFailure && AUTH_ERROR_CODES.has(e.code)) return end({ status: 'needsEnrolment', error: e }, idsOf(sent));
      if (splittable(e) && sent.items.length > 1) {
        await flush({ attempted: idsOf(sent) });
        size = Math.ceil(sent.items.length / 2);
        batch = await readBatch(db, size, NONE);
        continue;
      }
      if (splittable(e)) {
        // One interview the server will never take in this form: keep it, refused, with the reason.
        const id = sent.items[0]!.id;
        await flush({ rejected: [{ id, rejection: refusalOf(e) }], attempted: [id] });
        size = full; // isolated: the rest may go in full batches again
        batch = await readBatch(db, size, NONE);
        continue;
      }
      return end({ status: 'failed', error: e }, idsOf(sent));
    }
    counts.contacted = true;
    snapshot = replied.value.quota ?? snapshot;
    const { missing, ...verdicts } = verdictsOf(sent, replied.value);
    unwritten = verdicts;
    if (missing > 0) return end({ status: 'failed', error: new BadReplyFailure(`The server's reply left out ${missing} of ${sent.items.length} interviews`, 200) });
    batch = next.value;
  }
}
