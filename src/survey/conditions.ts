/** Evaluates skip-logic and constraint conditions. Pure data interpretation: no eval. */
import type { AnswerValue, Answers, Comparison, Condition } from './types';

export function isAnswered(value: AnswerValue | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value).some((v) => v !== undefined && v !== '');
}

function valueOf(c: Comparison, answers: Answers): AnswerValue | undefined {
  const v = answers[c.q];
  if (c.row === undefined) return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) return v[c.row];
  return undefined;
}

function same(a: AnswerValue | undefined, b: string | number | boolean): boolean {
  if (a === undefined || Array.isArray(a) || typeof a === 'object') return false;
  if (typeof b === 'boolean') return String(a) === String(b);
  return typeof a === typeof b ? a === b : String(a) === String(b);
}

function numeric(v: AnswerValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * Reached only when a kind of condition or an operator has no case where conditions are read: the
 * argument's type is `never` there, so the build refuses such a gap.
 */
export function unknownCondition(c: never): never {
  throw new Error(`Unknown condition: ${JSON.stringify(c)}`);
}

/** True when the condition holds for these answers. A comparison on an unanswered question is false. */
export function evaluate(c: Condition, answers: Answers): boolean {
  if (c.all !== undefined) return c.all.every((x) => evaluate(x, answers));
  if (c.any !== undefined) return c.any.some((x) => evaluate(x, answers));
  if (c.not !== undefined) return !evaluate(c.not, answers);
  return compare(c, valueOf(c, answers));
}

/** One case per operator; each test narrows `c` to that operator's shape. */
function compare(c: Comparison, v: AnswerValue | undefined): boolean {
  if (c.answered !== undefined) return isAnswered(v) === c.answered;
  if (!isAnswered(v)) return false;
  if (c.equals !== undefined) return same(v, c.equals);
  if (c.notEquals !== undefined) return !same(v, c.notEquals);
  if (c.oneOf !== undefined) {
    const oneOf = c.oneOf;
    if (Array.isArray(v)) return v.some((x) => oneOf.some((o) => same(x, o)));
    return oneOf.some((o) => same(v, o));
  }
  if (c.includes !== undefined) return Array.isArray(v) && v.includes(c.includes);
  const n = numeric(v);
  if (n === undefined) return false;
  if (c.gt !== undefined) return n > c.gt;
  if (c.gte !== undefined) return n >= c.gte;
  if (c.lt !== undefined) return n < c.lt;
  if (c.lte !== undefined) return n <= c.lte;
  return unknownCondition(c);
}

/** Every question id a condition reads, with the matrix row when it names one. */
export function* references(c: Condition): Generator<{ q: string; row?: string | undefined }> {
  if (c.all !== undefined) for (const x of c.all) yield* references(x);
  else if (c.any !== undefined) for (const x of c.any) yield* references(x);
  else if (c.not !== undefined) yield* references(c.not);
  else yield { q: c.q, row: c.row };
}
