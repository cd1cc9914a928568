/**
 * The fingerprint of an interview's content: sha256 of a canonical JSON (keys sorted at every
 * level). A resend of the same interview has the same fingerprint whatever order its keys
 * arrived in; any change to an answer, time or label gives a different one.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../contract';
import type { Submission } from '../../contract';

/** Everything the device sent about the interview; the id is normalised to lower case. */
export function contentHash(item: Submission): string {
  return createHash('sha256')
    .update(canonicalJson({ ...item, id: item.id.toLowerCase() }), 'utf8')
    .digest('hex');
}
