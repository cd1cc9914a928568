/**
 * The canonical JSON of a value (keys sorted at every level, undefined fields dropped): two
 * copies of one interview compare equal whatever order their keys arrived in. The server hashes
 * it (stored fingerprints depend on this exact text, so it must never change); a device compares
 * with it when importing a backup.
 */
/** Keys written as JSON strings, by key: the same question ids recur in every interview. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 10_000;

function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, q);
  }
  return q;
}

export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  // Built by concatenation, without intermediate arrays: the server writes one per interview.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // As Array.prototype.join writes them: nothing for undefined (or a hole).
      const item = canonicalJson(value[i]) as string | undefined;
      if (item !== undefined) out += item;
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, exactly as `<` on strings does.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + quoted(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
