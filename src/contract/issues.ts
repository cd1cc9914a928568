/** Turns zod issues into short English phrases with their JSON path, for error details. */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(body)';
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `too short (at least ${String(issue.minimum)})`
        : `too small (at least ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `too long (at most ${String(issue.maximum)})`
        : `too large (at most ${String(issue.maximum)})`;
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'not an accepted kind of value';
    default:
      return issue.message || 'invalid';
  }
}

export function describeIssues(issues: readonly Issue[], limit = 20): { path: string; message: string }[] {
  return issues.slice(0, limit).map((i) => ({ path: pathOf(i.path), message: describe(i) }));
}
