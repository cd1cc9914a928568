/**
 * A fingerprint of a definition's scoring block: stored with each interview's contributions, so a
 * changed block (or one added to a questionnaire already in use) is detected and re-scored at start.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../contract';
import type { Definition } from '../../survey';

/** Bump when the engine's way of computing contributions changes: every interview is re-scored. */
const ENGINE = 'scores-2';

const memo = new WeakMap<Definition, string>();

/** '' when the definition has no scoring. */
export function scoringHash(def: Definition): string {
  if (!def.scoring) return '';
  let hash = memo.get(def);
  if (hash === undefined) {
    hash = createHash('sha256').update(`${ENGINE}\n${canonicalJson(def.scoring)}`, 'utf8').digest('hex').slice(0, 32);
    memo.set(def, hash);
  }
  return hash;
}
