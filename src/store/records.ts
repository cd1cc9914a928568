/**
 * Records restored on read: every read of the records table goes through restoreRecord, which
 * checks the record's format version and upgrades an older format to this app's. A record of a
 * format this app does not know (written by a newer version of the app) is left exactly as it is
 * stored: lists leave it out, commands on it refuse with RecordFormatError, and nothing changes,
 * sends or deletes it; the backup of unsent data carries it as it is.
 */
import { RecordFormatError } from './errors';
import { RECORD_FORMAT_VERSION, type InterviewRecord, type StoredRecord } from './types';

/** A record of an older format, field by field, as an upgrade reads and returns it. */
type OlderRecord = Readonly<Record<string, unknown>>;

/**
 * How a record of each older format becomes the next format, by the version it upgrades from.
 * None yet: version 1 is the first format. An upgrade runs on read; the record is written in the
 * new format by the next command that saves it.
 */
const UPGRADES: ReadonlyMap<number, (older: OlderRecord) => OlderRecord> = new Map();

export type Restored = { ok: true; record: InterviewRecord } | { ok: false; id: string; formatVersion: unknown };

/** The record as this app's InterviewRecord, upgraded if it is older; not ok if its format is unknown here. */
export function restoreRecord(stored: StoredRecord): Restored {
  // Written by this app's typed commands: the format version vouches for the shape.
  if (stored.formatVersion === RECORD_FORMAT_VERSION) return { ok: true, record: stored as InterviewRecord };
  let record: OlderRecord = { ...stored };
  for (;;) {
    const version = record.formatVersion;
    if (version === RECORD_FORMAT_VERSION) return { ok: true, record: record as unknown as InterviewRecord };
    const upgrade = typeof version === 'number' && version < RECORD_FORMAT_VERSION ? UPGRADES.get(version) : undefined;
    if (!upgrade) return { ok: false, id: stored.id, formatVersion: stored.formatVersion };
    record = upgrade(record);
  }
}

/** The stored record as this app's InterviewRecord; throws RecordFormatError for one it cannot read. */
export function restored(stored: StoredRecord): InterviewRecord {
  const r = restoreRecord(stored);
  if (!r.ok) throw new RecordFormatError(r.id, r.formatVersion);
  return r.record;
}

/** The records this app can read, in order; missing ones and those of an unknown format are left out. */
export function readable(stored: readonly (StoredRecord | undefined)[]): InterviewRecord[] {
  const out: InterviewRecord[] = [];
  for (const s of stored) {
    const r = s && restoreRecord(s);
    if (r?.ok) out.push(r.record);
  }
  return out;
}
