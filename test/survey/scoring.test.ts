import { describe, expect, it } from 'vitest';
import { addTotals, combineScores, scoreContributions, scoreLeaves, totalsOf } from '../../src/survey';
import type { Answers, Definition, ScoreTotal, Scoring } from '../../src/survey';
import { FILE, def, errorsOf, load, matrix, multiple, note, opt, scale, section, single, text, when } from './fixtures';

/**
 * Scale sat5: 1–5 plus "9" (don't know, missing); weights 1,2 → 0, 3 → 0.5, 4,5 → 1.
 * Scale rating4: very-good 1, good 0.6, not-good 0, dk missing.
 * B2 is shown only when use = yes.
 */
const WEIGHTS: Scoring['weights'] = {
  sat5: { '1': 0, '2': 0, '3': 0.5, '4': 1, '5': 1 },
  rating4: { 'very-good': 1, good: 0.6, 'not-good': 0 },
};

const survey = (scoring: Scoring | undefined): Definition =>
  def({
    scales: {
      sat5: scale(['1', '2', '3', '4', '5', opt('9', { missing: true })]),
      rating4: scale(['very-good', 'good', 'not-good', opt('dk', { missing: true })]),
      agree: scale(['yes', 'no']),
    },
    sections: [
      section('a', [
        single('use', ['yes', 'no']),
        single('B1', [], { scale: 'sat5' }),
        single('B2', [], { scale: 'sat5', visibleIf: when('use', { equals: 'yes' }) }),
        matrix('M', 'rating4', ['r1', 'r2', 'r3']),
        single('B3', [], { scale: 'sat5' }),
        single('B4', [], { scale: 'sat5' }),
        single('A1', [], { scale: 'agree' }),
        matrix('MA', 'agree', ['x']),
        multiple('pick', ['a', 'b']),
        text('later'),
        note('n'),
      ]),
    ],
    ...(scoring ? { scoring } : {}),
  });

const component = <T extends object>(id: string, extra: T) => ({ id, label: { vi: `${id} (vi)`, en: id }, ...extra });
const part = (id: string, items: string[]) => ({ id, label: { vi: `${id} (vi)`, en: id }, items });

// These cases show how answers are weighted and combined; they pool answers (aggregation
// "pooled"). The aggregations and bases are in scoring-methods.test.ts.
const share: Scoring = {
  method: 'share',
  aggregation: 'pooled',
  weights: WEIGHTS,
  components: [component('access', { items: ['B1', 'B2'] }), component('depts', { items: ['M'] }), component('other', { items: ['B3'] })],
};
const points: Scoring = {
  method: 'points',
  aggregation: 'pooled',
  weights: WEIGHTS,
  components: [
    component('access', { items: ['B1', 'B2'], points: 2.5 }),
    component('depts', { items: ['M'], points: 3 }),
    component('other', { items: ['B3'], points: 1.5 }),
  ],
};
const papi: Scoring = {
  method: 'papi',
  aggregation: 'pooled',
  weights: WEIGHTS,
  components: [component('d1', { parts: [part('p1', ['B1', 'B2']), part('p2', ['M'])] }), component('d2', { parts: [part('p3', ['B3'])] })],
};

/**
 * Interview 1: B2 is answered but hidden (use = no), so it does not count; row r3 is "don't know".
 * Interview 2: B1 is "don't know"; B2 is shown and counts.
 */
const first: Answers = { use: 'no', B1: '4', B2: '5', M: { r1: 'very-good', r2: 'good', r3: 'dk' } };
const second: Answers = { use: 'yes', B1: '9', B2: '3', M: { r1: 'not-good' }, B3: '2' };

function pooled(d: Definition, interviews: Answers[]): Record<string, ScoreTotal> {
  const totals: Record<string, ScoreTotal> = {};
  for (const a of interviews) addTotals(totals, totalsOf(scoreContributions(d, a)));
  return totals;
}

/** The contributions to the scored leaves (components, papi parts) alone. */
const leafContributions = (d: Definition, a: Answers) => {
  const keys = new Set(scoreLeaves(d.scoring!).map((l) => l.key));
  return scoreContributions(d, a).filter((c) => keys.has(c.key));
};

describe('scoreContributions', () => {
  it('sums weights per component, leaving out hidden answers and "don\'t know"', () => {
    const d = survey(share);
    expect(load(d)).toMatchObject({ ok: true });
    expect(leafContributions(d, first)).toEqual([
      { key: 'access', sum: 1, count: 1 },
      { key: 'depts', sum: 1.6, count: 2 },
    ]);
    const two = leafContributions(d, second);
    expect(two).toEqual([
      { key: 'access', sum: 0.5, count: 1 },
      { key: 'depts', sum: 0, count: 1 },
      { key: 'other', sum: 0, count: 1 },
    ]);
  });

  it('counts each answered matrix row; unknown rows and values are ignored', () => {
    const d = survey(share);
    expect(leafContributions(d, { M: { r1: 'good', r2: 'good', r3: 'very-good', zz: 'very-good' } })).toEqual([{ key: 'depts', sum: 2.2, count: 3 }]);
    expect(scoreContributions(d, { B1: 'nope', M: 'good' })).toEqual([]);
  });

  it('gives papi contributions per part, keyed "<component>.<part>"', () => {
    const d = survey(papi);
    expect(load(d)).toMatchObject({ ok: true });
    expect(leafContributions(d, second)).toEqual([
      { key: 'd1.p1', sum: 0.5, count: 1 },
      { key: 'd1.p2', sum: 0, count: 1 },
      { key: 'd2.p3', sum: 0, count: 1 },
    ]);
  });

  it('gives nothing without scoring or without weighted answers', () => {
    expect(scoreContributions(survey(undefined), first)).toEqual([]);
    expect(scoreContributions(survey(share), {})).toEqual([]);
    expect(scoreContributions(survey(share), { B1: '9', M: { r1: 'dk' } })).toEqual([]);
  });
});

describe('combineScores', () => {
  it('"share": percent per component, the index is the mean of components with data', () => {
    const d = survey(share);
    const report = combineScores(d, pooled(d, [first, second]), 2);
    // access: (1 + 0.5) / 2; depts: (1 + 0.6 + 0) / 3; other: 0 / 1.
    expect(report).toMatchObject({ method: 'share', interviews: 2, max: 100, withData: 3 });
    expect(report.components.map((c) => [c.id, c.count, c.max])).toEqual([
      ['access', 2, 100],
      ['depts', 3, 100],
      ['other', 1, 100],
    ]);
    expect(report.components[0]!.score).toBeCloseTo(75, 10);
    expect(report.components[1]!.score).toBeCloseTo(160 / 3, 10);
    expect(report.components[1]!.value).toBeCloseTo(1.6 / 3, 10);
    expect(report.components[2]!.score).toBe(0);
    expect(report.score).toBeCloseTo((75 + 160 / 3 + 0) / 3, 10);
  });

  it('"share": a component without data has no score and is left out of the index', () => {
    const d = survey(share);
    const report = combineScores(d, pooled(d, [first]), 1);
    expect(report.components[2]).toEqual({ id: 'other', count: 0, n: 0, value: null, score: null, max: 100 });
    expect(report.withData).toBe(2);
    expect(report.score).toBeCloseTo((100 + 80) / 2, 10);
  });

  it('"points": points × mean weight, the total is the sum (out of the sum of points)', () => {
    const d = survey(points);
    const report = combineScores(d, pooled(d, [first, second]), 2);
    expect(report.max).toBe(7);
    expect(report.components.map((c) => c.max)).toEqual([2.5, 3, 1.5]);
    expect(report.components[0]!.score).toBeCloseTo(1.875, 10);
    expect(report.components[1]!.score).toBeCloseTo(1.6, 10);
    expect(report.components[2]!.score).toBe(0);
    expect(report.score).toBeCloseTo(3.475, 10);
    const one = combineScores(d, pooled(d, [first]), 1);
    expect(one.components[2]!.score).toBeNull();
    expect(one.withData).toBe(2);
    expect(one.score).toBeCloseTo(2.5 + 3 * 0.8, 10);
  });

  it('"papi": 1 + 9 × mean of part values per dimension, the total is their sum', () => {
    const d = survey(papi);
    const report = combineScores(d, pooled(d, [first, second]), 2);
    // d1: parts 0.75 and 1.6/3 → 1 + 9 × mean; d2: part 0 → 1.
    const d1 = 1 + 9 * ((0.75 + 1.6 / 3) / 2);
    expect(report).toMatchObject({ method: 'papi', interviews: 2, max: 20, withData: 2 });
    expect(report.components[0]!.score).toBeCloseTo(d1, 10);
    expect(report.components[0]!.count).toBe(5);
    expect(report.components[0]!.parts).toEqual([
      { id: 'p1', key: 'd1.p1', count: 2, n: 2, value: 0.75 },
      { id: 'p2', key: 'd1.p2', count: 3, n: 2, value: expect.closeTo(1.6 / 3, 10) as number },
    ]);
    expect(report.components[1]!.score).toBe(1);
    expect(report.score).toBeCloseTo(d1 + 1, 10);
  });

  it('"papi": parts without data are left out of their dimension; a dimension without data has no score', () => {
    const d = survey(papi);
    const report = combineScores(d, pooled(d, [{ use: 'no', B1: '4' }]), 1);
    expect(report.components[0]!.parts!.map((p) => p.value)).toEqual([1, null]);
    expect(report.components[0]!.score).toBe(10);
    expect(report.components[1]).toMatchObject({ score: null, value: null, count: 0 });
    expect(report.score).toBe(10);
    expect(report.withData).toBe(1);
  });

  it('carries the number of interviews, also when none has data', () => {
    const d = survey(share);
    const empty = combineScores(d, {}, 4);
    expect(empty).toMatchObject({ interviews: 4, score: null, withData: 0 });
    expect(empty.components.every((c) => c.score === null && c.count === 0)).toBe(true);
    expect(combineScores(d, {}, 0).interviews).toBe(0);
  });

  it('refuses a definition without scoring', () => {
    expect(() => combineScores(survey(undefined), {}, 0)).toThrow('has no scoring');
  });
});

type Case = [name: string, data: unknown, path: string, fragment: string];

/** `scoring` with the value at `path` replaced (deleted when undefined), as plain JSON, in the survey. */
function broken(scoring: Scoring, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(scoring)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return survey(copy as unknown as Scoring);
}

const cases: Case[] = [
  ['weights of an unknown scale', broken(share, ['weights', 'sat7'], { '1': 0 }), 'scoring.weights.sat7', 'unknown scale "sat7"'],
  ['a weight above 1', broken(share, ['weights', 'sat5', '4'], 1.5), 'scoring.weights.sat5["4"]', 'a weight is a number from 0 to 1'],
  ['a negative weight', broken(share, ['weights', 'sat5', '1'], -0.1), 'scoring.weights.sat5["1"]', 'a weight is a number from 0 to 1'],
  ['a weight that is text', broken(share, ['weights', 'sat5', '1'], '0'), 'scoring.weights.sat5["1"]', 'a weight is a number from 0 to 1'],
  ['an option without a weight', broken(share, ['weights', 'sat5', '3'], undefined), 'scoring.weights.sat5', 'option "3" of scale "sat5" has no weight'],
  ['a weight for a "missing" option', broken(share, ['weights', 'rating4', 'dk'], 0), 'scoring.weights.rating4.dk', 'marked "missing"'],
  ['a weight for an unknown option', broken(share, ['weights', 'sat5', '6'], 1), 'scoring.weights.sat5["6"]', 'scale "sat5" has no option "6"'],
  ['an unknown question', broken(share, ['components', 2, 'items'], ['ghost']), 'scoring.components[2].items[0]', 'unknown question "ghost"'],
  ['a text question', broken(share, ['components', 2, 'items'], ['B3', 'later']), 'scoring.components[2].items[1]', '"later" is a text question'],
  ['a note', broken(share, ['components', 2, 'items'], ['B3', 'n']), 'scoring.components[2].items[1]', '"n" is a note'],
  ['a multiple choice', broken(share, ['components', 2, 'items'], ['B3', 'pick']), 'scoring.components[2].items[1]', '"pick" is a multiple choice'],
  ['a single choice with its own options', broken(share, ['components', 2, 'items'], ['B3', 'use']), 'scoring.components[2].items[1]', 'single choice "use" has its own options'],
  ['a single choice on a scale without weights', broken(share, ['components', 2, 'items'], ['B3', 'A1']), 'scoring.components[2].items[1]', 'uses scale "agree", which has no weights'],
  ['a matrix on a scale without weights', broken(share, ['components', 2, 'items'], ['B3', 'MA']), 'scoring.components[2].items[1]', 'matrix "MA" uses scale "agree", which has no weights'],
  ['a question in two components', broken(share, ['components', 2, 'items'], ['B3', 'B1']), 'scoring.components[2].items[1]', 'question "B1" is already scored at scoring.components[0].items[0]'],
  ['a question twice in one component', broken(share, ['components', 1, 'items'], ['M', 'M']), 'scoring.components[1].items[1]', 'question "M" is already scored at scoring.components[1].items[0]'],
  ['a question in two papi parts', broken(papi, ['components', 1, 'parts', 0, 'items'], ['B3', 'M']), 'scoring.components[1].parts[0].items[1]', 'already scored at scoring.components[0].parts[1].items[0]'],
  ['an empty item list', broken(share, ['components', 0, 'items'], []), 'scoring.components[0].items', 'name at least one question'],
  ['duplicate component id', broken(share, ['components', 1, 'id'], 'access'), 'scoring.components[1].id', 'duplicate component id "access"'],
  ['duplicate part id', broken(papi, ['components', 0, 'parts', 1, 'id'], 'p1'), 'scoring.components[0].parts[1].id', 'duplicate part id "p1" in component "d1"'],
  ['a component id that is not an id', broken(share, ['components', 0, 'id'], 'a b'), 'scoring.components[0].id', 'must start with a letter'],
  ['"points" without points', broken(points, ['components', 1, 'points'], undefined), 'scoring.components[1].points', 'method "points" needs "points"'],
  ['points of 0', broken(points, ['components', 0, 'points'], 0), 'scoring.components[0].points', 'points must be more than 0'],
  ['negative points', broken(points, ['components', 0, 'points'], -1), 'scoring.components[0].points', 'points must be more than 0'],
  ['points with "share"', broken(share, ['components', 0, 'points'], 2), 'scoring.components[0].points', '"points" applies to method "points" only'],
  ['"papi" with items', broken(papi, ['components', 1, 'items'], ['B4']), 'scoring.components[1].items', 'method "papi" scores "parts", not "items"'],
  ['"papi" without parts', broken(papi, ['components', 1, 'parts'], undefined), 'scoring.components[1].parts', 'method "papi" needs "parts"'],
  ['"share" with parts', broken(share, ['components', 2, 'parts'], [part('p', ['B4'])]), 'scoring.components[2].parts', '"parts" apply to method "papi" only'],
  ['"points" without items', broken(points, ['components', 2, 'items'], undefined), 'scoring.components[2].items', 'method "points" needs "items"'],
  ['an empty part list', broken(papi, ['components', 1, 'parts'], []), 'scoring.components[1].parts', 'name at least one part'],
  ['no components', broken(share, ['components'], []), 'scoring.components', 'name at least one component'],
  ['an unknown method', broken(share, ['method'], 'mean'), 'scoring.method', ''],
  ['a component without a label', broken(share, ['components', 0, 'label'], undefined), 'scoring.components[0].label', ''],
  ['an unknown field in a component', broken(share, ['components', 0, 'weight'], 2), 'scoring.components[0]', 'unknown field(s): weight'],
  ['no weights', broken(share, ['weights'], undefined), 'scoring.weights', ''],
];

/** Components that do not fit their scoring's method: the type refuses them, and so does the loader, at the field. */
const misfits: Case[] = [
  // @ts-expect-error: a "share" component has no points
  ['"share" with points', survey({ ...share, components: [component('x', { items: ['B1'], points: 2 })] } satisfies Scoring), 'scoring.components[0].points', '"points" applies to method "points" only'],
  // @ts-expect-error: a "points" component needs its points
  ['"points" without points', survey({ ...points, components: [component('x', { items: ['B1'] })] } satisfies Scoring), 'scoring.components[0].points', 'method "points" needs "points"'],
  // @ts-expect-error: a "points" component scores items, not parts
  ['"points" with parts', survey({ ...points, components: [component('x', { items: ['B1'], points: 1, parts: [part('p', ['B2'])] })] } satisfies Scoring), 'scoring.components[0].parts', '"parts" apply to method "papi" only'],
  // @ts-expect-error: a "papi" component scores parts, not items
  ['"papi" with items beside its parts', survey({ ...papi, components: [component('x', { parts: [part('p', ['B1'])], items: ['B2'] })] } satisfies Scoring), 'scoring.components[0].items', 'method "papi" scores "parts", not "items"'],
  // @ts-expect-error: a "papi" component has no points
  ['"papi" with points', survey({ ...papi, components: [component('x', { parts: [part('p', ['B1'])], points: 3 })] } satisfies Scoring), 'scoring.components[0].points', '"points" applies to method "points" only'],
  // @ts-expect-error: a "share" component needs its items
  ['"share" with parts instead of items', survey({ ...share, components: [component('x', { parts: [part('p', ['B1'])] })] } satisfies Scoring), 'scoring.components[0].items', 'method "share" needs "items"'],
];

describe('components that do not fit the method', () => {
  it.each(misfits)('%s', (_name, data, path, fragment) => {
    expect(errorsOf(data)).toContainEqual({ file: FILE, path, message: expect.stringContaining(fragment) as string });
  });
});

describe('broken scoring blocks', () => {
  it.each(cases)('%s', (_name, data, path, fragment) => {
    expect(errorsOf(data)).toEqual([{ file: FILE, path, message: expect.stringContaining(fragment) as string }]);
  });

  it('accepts the three methods, weights for unused scales and a papi dimension of one part', () => {
    for (const s of [share, points, papi]) expect(load(survey(s))).toMatchObject({ ok: true });
    expect(load(broken(share, ['weights', 'agree'], { yes: 1, no: 0 }))).toMatchObject({ ok: true });
  });
});
