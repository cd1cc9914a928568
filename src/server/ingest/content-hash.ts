/**
 * The fingerprint of an interview's content: sha256 of a canonical JSON (keys sorted at every
 * level). A resend of the same interview has the same fingerprint whatever order its keys
 * arrived in; any change to an answer, time or label gives a different one.
 */
import { createHash } from 'node:crypto';
import type { Submission } from '../../contract';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Everything the device sent about the interview; the id is normalised to lower case. */
export function contentHash(item: Submission): string {
  return createHash('sha256')
    .update(canonicalJson({ ...item, id: item.id.toLowerCase() }), 'utf8')
    .digest('hex');
}
