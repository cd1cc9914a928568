/**
 * The audit trail: every change a person makes (questionnaires, campaigns, links, devices,
 * accounts, exports) is one row of audit_log with who, when, what, and for edits each change
 * before and after (written in the change's transaction where it has one, else right after it).
 * Read by administrators, filtered, a page at a time or as CSV.
 */
import type { Kysely, Transaction } from 'kysely';
import { AUDIT_ACTIONS } from '../contract';
import type { AuditAction, AuditChange, AuditEntry, AuditPage } from '../contract';
import type { DatabaseSchema } from './db/schema';
import { ServerRefusal } from './errors';
import { field } from './exports/csv';

const csvLine = (cells: readonly string[]): string => cells.map(field).join(',') + '\r\n';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** The actor of changes made with the server's commands (npm run coordinator, enrol, revoke). */
export const COMMAND_LINE = '(command line)';

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  target: string;
  changes?: readonly AuditChange[] | undefined;
  detail?: Record<string, unknown> | undefined;
}

export async function recordAudit(db: Db, entry: AuditRecord, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      changes: entry.changes && entry.changes.length > 0 ? JSON.stringify(entry.changes) : null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What differs between two JSON values, as paths (`groups[1].strata[3].target`) with the value
 * before and after. Arrays of objects with an `id` or `value` are matched by it, so adding a
 * stratum is one change, not a shift of every later one.
 */
export function jsonChanges(before: unknown, after: unknown, path = ''): AuditChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyOf = (v: unknown): string | undefined => (isObject(v) ? (typeof v.id === 'string' ? v.id : typeof v.value === 'string' ? v.value : undefined) : undefined);
    const keyed = [...before, ...after].every((v) => keyOf(v) !== undefined);
    if (keyed) {
      const b = new Map(before.map((v) => [keyOf(v)!, v]));
      const a = new Map(after.map((v) => [keyOf(v)!, v]));
      const keys = [...new Set([...b.keys(), ...a.keys()])];
      return keys.flatMap((k) => jsonChanges(b.get(k), a.get(k), `${path}[${k}]`));
    }
  }
  return [{ path: path === '' ? '(all)' : path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  /** Inclusive: a day in Vietnam (YYYY-MM-DD), or a timestamp with its offset. */
  from?: string | undefined;
  to?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A bound of the filter as the stored UTC timestamps compare: a day is a day in Vietnam (UTC+7). */
function bound(value: string, end: boolean): string {
  const at = DAY.test(value) ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00` : value;
  return new Date(at).toISOString();
}

/** The filter of a query string, checked: unknown actions and malformed dates are refused (400). */
export function auditFilter(query: Record<string, unknown>): AuditFilter {
  const text = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || v.length > 200) throw new ServerRefusal('invalid_request', `"${name}" is one value of at most 200 characters.`);
    return v;
  };
  const action = text('action');
  if (action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(action) && !AUDIT_ACTIONS.some((a) => a.startsWith(`${action}.`)))
    throw new ServerRefusal('invalid_request', `"action" is one of ${AUDIT_ACTIONS.join(', ')}, or their first part (e.g. "campaign").`);
  const date = (name: string): string | undefined => {
    const v = text(name);
    if (v !== undefined && ((!DAY.test(v) && !STAMP.test(v)) || Number.isNaN(Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v))))
      throw new ServerRefusal('invalid_request', `"${name}" is a day written YYYY-MM-DD (in Vietnam), or a timestamp with its offset.`);
    return v;
  };
  return { action, actor: text('actor'), from: date('from'), to: date('to') };
}

function filtered(db: Db, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.action !== undefined)
    q = (AUDIT_ACTIONS as readonly string[]).includes(filter.action) ? q.where('action', '=', filter.action) : q.where('action', 'like', `${filter.action}.%`);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.from !== undefined) q = q.where('at', '>=', bound(filter.from, false));
  if (filter.to !== undefined) q = q.where('at', '<=', bound(filter.to, true));
  return q;
}

type Row = { id: number | string; at: string; actor: string; action: string; target: string; changes: string | null; detail: string | null };

function entryOf(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action as AuditAction,
    target: r.target,
    ...(r.changes !== null ? { changes: JSON.parse(r.changes) as AuditChange[] } : {}),
    ...(r.detail !== null ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
  };
}

/** The newest entries matching `filter`, older than `before` (an entry id), `limit` at most. */
export async function auditPage(db: Db, filter: AuditFilter, before: number | undefined, limit: number): Promise<AuditPage> {
  let q = filtered(db, filter);
  if (before !== undefined) q = q.where('id', '<', before);
  const rows = (await q.orderBy('id', 'desc').limit(limit + 1).execute()) as Row[];
  const entries = rows.slice(0, limit).map(entryOf);
  return rows.length > limit ? { entries, next: entries.at(-1)!.id } : { entries };
}

/** Every entry matching `filter` as CSV lines (header first), oldest first, read 1,000 at a time. */
export async function* auditCsv(db: Db, filter: AuditFilter): AsyncGenerator<string> {
  yield '\uFEFF' + csvLine(['id', 'at', 'actor', 'action', 'target', 'changes', 'detail']);
  let after = 0;
  for (;;) {
    const rows = (await filtered(db, filter).where('id', '>', after).orderBy('id').limit(1000).execute()) as Row[];
    if (rows.length === 0) return;
    after = Number(rows.at(-1)!.id);
    for (const r of rows) yield csvLine([String(r.id), r.at, r.actor, r.action, r.target, r.changes ?? '', r.detail ?? '']);
  }
}
