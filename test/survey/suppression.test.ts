// @vitest-environment node
/**
 * Cell suppression: the hand-made cases of the issue (a unit leader among department strata,
 * strata of one person, a group of small strata, respondents without a stratum), and attackers
 * that try to recover every suppressed cell of thousands of random tables from the figures shown.
 */
import { describe, expect, it } from 'vitest';
import { cellAt, DEFAULT_MIN_CELL, suppressCells } from '../../src/survey/suppression';
import type { CellInput, CellPath, SuppressedCell } from '../../src/survey/suppression';
import { seeded } from '../../bench/answers';

const cell = (id: string, n: number, ...breakdowns: [string, CellInput[]][]): CellInput => ({
  id,
  n,
  ...(breakdowns.length ? { breakdowns: breakdowns.map(([bid, cells]) => ({ id: bid, cells })) } : {}),
});

/** A total of `n` respondents split by one breakdown "stratum" into cells of the given sizes. */
const strata = (n: number, sizes: number[]) => cell('all', n, ['stratum', sizes.map((s, i) => cell(`s${i + 1}`, s))]);

/** The statuses of a breakdown's cells, in order. */
const statuses = (table: SuppressedCell, breakdown = 0) => table.breakdowns[breakdown]?.cells.map((c) => c.status);

function* cellsOf(table: SuppressedCell): Generator<SuppressedCell> {
  yield table;
  for (const b of table.breakdowns) for (const c of b.cells) yield* cellsOf(c);
}

describe('the minimum cell size', () => {
  it('is 5 unless a campaign sets another', () => {
    expect(DEFAULT_MIN_CELL).toBe(5);
    expect(statuses(suppressCells(strata(14, [4, 5, 5])))).toEqual(['primary', 'complementary', 'shown']);
    expect(statuses(suppressCells(strata(14, [4, 5, 5]), 4))).toEqual(['shown', 'shown', 'shown']);
    expect(statuses(suppressCells(strata(14, [4, 5, 5]), 1))).toEqual(['shown', 'shown', 'shown']);
    for (const min of [0, 2.5, Number.NaN]) expect(() => suppressCells(strata(5, [5]), min)).toThrow(RangeError);
  });
});

describe('primary and complementary suppression, by hand', () => {
  it('hides a stratum of one person, and the 6 beside it, not the 7', () => {
    const t = suppressCells(strata(14, [1, 6, 7]));
    expect(t.status).toBe('shown');
    expect(t.breakdowns[0]?.cells.map(({ status, n }) => [n, status])).toEqual([
      [1, 'primary'],
      [6, 'complementary'],
      [7, 'shown'],
    ]);
    expect(cellAt(t, ['stratum', 's1'])).toMatchObject({ status: 'primary', reason: 'fewRespondents', path: ['stratum', 's1'] });
    expect(cellAt(t, ['stratum', 's2'])).toMatchObject({ status: 'complementary', reason: 'protectsSibling', protects: { kind: 'cell', path: ['stratum', 's1'] } });
  });

  it('hides the first of equally small partners', () => {
    expect(statuses(suppressCells(strata(14, [2, 6, 6])))).toEqual(['primary', 'complementary', 'shown']);
    expect(statuses(suppressCells(strata(21, [7, 6, 2, 6])))).toEqual(['shown', 'complementary', 'primary', 'shown']);
  });

  it('hides unit strata of one person each, and needs nothing more', () => {
    // Unit leaders: one person per unit; the group's total rests on 6 people and is shown.
    const t = suppressCells(strata(6, [1, 1, 1, 1, 1, 1]));
    expect(t.status).toBe('shown');
    expect(statuses(t)).toEqual(Array(6).fill('primary'));
  });

  it('hides a group whose strata are all small, but shows the group', () => {
    const t = suppressCells(strata(12, [3, 3, 3, 3]));
    expect(t.status).toBe('shown');
    expect(statuses(t)).toEqual(['primary', 'primary', 'primary', 'primary']);
    // Two small strata beside a large one: two unknowns already, the large one stays.
    expect(statuses(suppressCells(strata(30, [3, 2, 25])))).toEqual(['primary', 'primary', 'shown']);
  });

  it('shows empty cells as "no data", never counts or picks them', () => {
    const t = suppressCells(strata(10, [2, 0, 8, 0]));
    expect(statuses(t)).toEqual(['primary', 'shown', 'complementary', 'shown']);
    expect(statuses(suppressCells(strata(0, [0, 0])))).toEqual(['shown', 'shown']);
  });

  it('hides everything under a small total', () => {
    const t = suppressCells(cell('all', 4, ['sex', [cell('f', 4), cell('m', 0)]], ['age', [cell('young', 2), cell('old', 2)]]));
    expect(t.status).toBe('primary');
    expect([...cellsOf(t)].map((c) => [c.path.join('/'), c.status, 'reason' in c ? c.reason : null])).toEqual([
      ['', 'primary', 'fewRespondents'],
      ['sex/f', 'primary', 'fewRespondents'],
      ['sex/m', 'complementary', 'parentHidden'],
      ['age/young', 'primary', 'fewRespondents'],
      ['age/old', 'primary', 'fewRespondents'],
    ]);
  });

  it('treats each breakdown of a total on its own', () => {
    const t = suppressCells(cell('all', 40, ['sex', [cell('f', 22), cell('m', 18)]], ['ethnicity', [cell('kinh', 36), cell('khmer', 3), cell('hoa', 1)]]));
    expect(statuses(t, 0)).toEqual(['shown', 'shown']);
    expect(statuses(t, 1)).toEqual(['shown', 'primary', 'primary']);
    const t2 = suppressCells(cell('all', 40, ['sex', [cell('f', 22), cell('m', 18)]], ['ethnicity', [cell('kinh', 37), cell('khmer', 3)]]));
    expect(statuses(t2, 1)).toEqual(['complementary', 'primary']);
  });

  it('hides a small group with its strata, its smallest sibling group with its strata, and shows the rest', () => {
    // The PAR INDEX plan: unit leaders (3 people in 3 strata of one), department heads (20 in 4
    // strata of 5), district leaders (30 in 5 strata of 6).
    const t = suppressCells(
      cell('all', 53, [
        'group',
        [
          cell('leaders', 3, ['stratum', [cell('u1', 1), cell('u2', 1), cell('u3', 1)]]),
          cell('departments', 20, ['stratum', [cell('d1', 5), cell('d2', 5), cell('d3', 5), cell('d4', 5)]]),
          cell('districts', 30, ['stratum', [cell('h1', 6), cell('h2', 6), cell('h3', 6), cell('h4', 6), cell('h5', 6)]]),
        ],
      ]),
    );
    expect(cellAt(t, ['group', 'leaders'])?.status).toBe('primary');
    expect(cellAt(t, ['group', 'departments'])).toMatchObject({ status: 'complementary', reason: 'protectsSibling', protects: { kind: 'cell', path: ['group', 'leaders'] } });
    expect(cellAt(t, ['group', 'districts'])?.status).toBe('shown');
    expect(cellAt(t, ['group', 'departments', 'stratum', 'd2'])).toMatchObject({ status: 'complementary', reason: 'parentHidden', parent: ['group', 'departments'] });
    expect(cellAt(t, ['group', 'leaders', 'stratum', 'u1'])?.status).toBe('primary');
    expect(statuses(cellAt(t, ['group', 'districts']) as SuppressedCell)).toEqual(Array(5).fill('shown'));
    expect(cellAt(t, ['group', 'nobody'])).toBeUndefined();
  });
});

describe('respondents without a stratum (the remainder)', () => {
  it('protects a small remainder like a hidden cell', () => {
    // 14 respondents, 13 with a stratum: the one without would be 14 − 6 − 7.
    const t = suppressCells(strata(14, [6, 7]));
    expect(t.breakdowns[0]).toMatchObject({ remainder: 1, remainderProtected: true });
    expect(statuses(t)).toEqual(['complementary', 'shown']);
    expect(cellAt(t, ['stratum', 's1'])).toMatchObject({ reason: 'protectsSibling', protects: { kind: 'remainder', parent: [], breakdown: 'stratum' } });
  });

  it('counts a remainder as an unknown that protects a hidden cell', () => {
    // A stratum of 3 and 10 respondents without a stratum: two unknowns, nothing more to hide.
    expect(statuses(suppressCells(strata(20, [3, 7])))).toEqual(['primary', 'shown']);
    // Even a remainder of 2: two unknowns, both protected.
    expect(statuses(suppressCells(strata(12, [3, 7])))).toEqual(['primary', 'shown']);
  });

  it('leaves a large remainder alone: recovering the mean of 5 or more discloses nobody', () => {
    const t = suppressCells(strata(17, [6, 6]));
    expect(t.breakdowns[0]).toMatchObject({ remainder: 5, remainderProtected: false });
    expect(statuses(t)).toEqual(['shown', 'shown']);
    expect(statuses(suppressCells(strata(10, [0, 0])))).toEqual(['shown', 'shown']);
  });

  it('refuses cells counting more respondents than their parent', () => {
    expect(() => suppressCells(strata(10, [6, 5]))).toThrow(/1 more respondents than it has \(10\)/);
    expect(() => suppressCells(strata(10, [-1, 5]))).toThrow(RangeError);
    expect(() => suppressCells(strata(10, [1.5, 5]))).toThrow(RangeError);
    expect(() => suppressCells(cell('all', 10, ['s', [cell('a', 1), cell('a', 2)]]))).toThrow(/two cells "a"/);
    expect(() => suppressCells(cell('all', 10, ['s', []], ['s', []]))).toThrow(/two breakdowns "s"/);
  });
});

// ————— The attackers —————

/** The bench's seeded generator (mulberry32), so every run tries the same tables. */
function random(seed: number) {
  const next = seeded(seed);
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

/** A random table over actual respondents, each with a score, so that every figure is consistent. */
interface TrueCell {
  input: CellInput;
  /** The respondents' scores, summed: what n × mean reveals. */
  total: number;
  breakdowns: { id: string; cells: TrueCell[]; remainderTotal: number }[];
}

function randomTable(seed: number): { table: TrueCell; min: number } {
  const r = random(seed);
  const min = [DEFAULT_MIN_CELL, DEFAULT_MIN_CELL, DEFAULT_MIN_CELL, 3, 10][r.int(0, 4)] ?? DEFAULT_MIN_CELL;
  const make = (id: string, scores: number[], depth: number): TrueCell => {
    const breakdowns: TrueCell['breakdowns'] = [];
    const count = depth === 0 ? r.int(1, 3) : depth < 3 && scores.length > 0 ? r.int(0, 2) : 0;
    for (let b = 0; b < count; b++) {
      const k = r.int(1, 6);
      // Uneven weights make small cells common; a remainder in about a third of the breakdowns.
      const weights = Array.from({ length: k }, () => (r.next() < 0.3 ? r.next() * 0.1 : r.next()));
      const remainderWeight = r.next() < 0.35 ? r.next() * 0.3 : 0;
      const sum = weights.reduce((s, w) => s + w, remainderWeight);
      const members: number[][] = weights.map(() => []);
      const remainder: number[] = [];
      for (const score of scores) {
        let u = r.next() * sum;
        const i = weights.findIndex((w) => (u -= w) < 0);
        (i < 0 ? remainder : (members[i] ?? remainder)).push(score);
      }
      breakdowns.push({
        id: `b${b}`,
        cells: members.map((m, i) => make(`c${i}`, m, depth + 1)),
        remainderTotal: remainder.reduce((s, x) => s + x, 0),
      });
    }
    const input: CellInput = { id, n: scores.length, breakdowns: breakdowns.map((b) => ({ id: b.id, cells: b.cells.map((c) => c.input) })) };
    return { input, total: scores.reduce((s, x) => s + x, 0), breakdowns };
  };
  const n = r.next() < 0.5 ? r.int(0, 25) : r.int(0, 120);
  return { table: make('all', Array.from({ length: n }, () => r.int(0, 100)), 0), min };
}

/** An unknown of the attacker's equations: a hidden cell's total or a remainder's. */
interface Unknown {
  name: string;
  /** What the attacker must not learn: a hidden cell with respondents, a remainder of 0 < n < min. */
  secret: boolean;
  truth: number;
}

/**
 * The unknowns and equations an attacker knowing every count and every shown figure works with:
 * per breakdown, parent total − Σ cells' totals − remainder's total = 0, with the shown totals
 * (n × the shown mean) and the empty cells' (0) known.
 */
function equations(truth: TrueCell, shown: SuppressedCell, min: number) {
  const unknowns: Unknown[] = [];
  const rows: { terms: Map<number, number>; constant: number }[] = [];
  /** The index of an unknown, or the known value as a number term. */
  const term = (c: TrueCell, s: SuppressedCell): { unknown: number } | { value: number } => {
    if (s.n === 0) return { value: 0 };
    if (s.status === 'shown') return { value: c.total };
    const name = s.path.join('/');
    let i = unknowns.findIndex((u) => u.name === name);
    if (i < 0) i = unknowns.push({ name, secret: true, truth: c.total }) - 1;
    return { unknown: i };
  };
  const visit = (c: TrueCell, s: SuppressedCell) => {
    c.breakdowns.forEach((b, bi) => {
      const sb = s.breakdowns[bi];
      if (!sb) throw new Error('The result lost a breakdown');
      const row = { terms: new Map<number, number>(), constant: 0 };
      const add = (t: { unknown: number } | { value: number }, sign: number) => {
        if ('value' in t) row.constant += sign * t.value;
        else row.terms.set(t.unknown, (row.terms.get(t.unknown) ?? 0) + sign);
      };
      add(term(c, s), 1);
      b.cells.forEach((cc, ci) => {
        const sc = sb.cells[ci];
        if (!sc) throw new Error('The result lost a cell');
        add(term(cc, sc), -1);
        visit(cc, sc);
      });
      if (sb.remainder > 0) {
        const i = unknowns.push({ name: `${s.path.join('/')}|${b.id}|remainder`, secret: sb.remainder < min, truth: b.remainderTotal }) - 1;
        add({ unknown: i }, -1);
      }
      rows.push(row);
    });
  };
  visit(truth, shown);
  return { unknowns, rows };
}

/**
 * The attacker of the issue: repeatedly takes any equation with exactly one unknown left and
 * solves it, which may reveal a parent and so unlock its cells' equations, at every level.
 * Returns the unknowns it solved, checked against the truth.
 */
function peel(unknowns: Unknown[], rows: { terms: Map<number, number>; constant: number }[]): Set<number> {
  const solved = new Map<number, number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const row of rows) {
      const open = [...row.terms].filter(([i, coefficient]) => coefficient !== 0 && !solved.has(i));
      if (open.length !== 1) continue;
      const [i, coefficient] = open[0] as [number, number];
      let rest = row.constant;
      for (const [j, cj] of row.terms) if (j !== i) rest += cj * (solved.get(j) ?? 0);
      solved.set(i, -rest / coefficient);
      progress = true;
    }
  }
  for (const [i, value] of solved) expect(value, `the attacker's value of ${unknowns[i]?.name}`).toBeCloseTo(unknowns[i]?.truth ?? Number.NaN, 6);
  return new Set(solved.keys());
}

/**
 * A stronger attacker: Gaussian elimination over all the equations at once. An unknown is
 * determined by the shown figures exactly when a row of the reduced echelon form names it alone.
 */
function determined(unknowns: Unknown[], rows: { terms: Map<number, number> }[]): Set<number> {
  const m = rows.map((row) => Array.from({ length: unknowns.length }, (_, j) => row.terms.get(j) ?? 0));
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < m.length; col++) {
    let pivot = -1;
    for (let r = rank; r < m.length; r++) if (Math.abs(m[r]?.[col] ?? 0) > 1e-9 && (pivot < 0 || Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0))) pivot = r;
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot] as number[], m[rank] as number[]];
    const p = m[rank] as number[];
    const pv = p[col] ?? 1;
    for (let j = 0; j < p.length; j++) p[j] = (p[j] ?? 0) / pv;
    for (let r = 0; r < m.length; r++) {
      const row = m[r] as number[];
      const f = row[col] ?? 0;
      if (r !== rank && Math.abs(f) > 1e-12) for (let j = 0; j < row.length; j++) row[j] = (row[j] ?? 0) - f * (p[j] ?? 0);
    }
    rank++;
  }
  const out = new Set<number>();
  for (const row of m) {
    const nonzero = row.flatMap((v, j) => (Math.abs(v) > 1e-9 ? [j] : []));
    if (nonzero.length === 1) out.add(nonzero[0] as number);
  }
  return out;
}

/** A table with the cells `hide` picks hidden (as 'primary'; the attackers only look at shown or not). */
function decide(table: CellInput, hide: (c: CellInput, path: CellPath, parentHidden: boolean) => boolean, path: CellPath = [], parentHidden = false): SuppressedCell {
  const hidden = hide(table, path, parentHidden);
  return {
    ...(hidden ? { status: 'primary', reason: 'fewRespondents' } : { status: 'shown' }),
    id: table.id,
    path,
    n: table.n,
    breakdowns: (table.breakdowns ?? []).map((b) => ({
      id: b.id,
      cells: b.cells.map((c) => decide(c, hide, [...path, b.id, c.id], hidden)),
      remainder: table.n - b.cells.reduce((sum, c) => sum + c.n, 0),
      remainderProtected: false,
    })),
  };
}

/** Only primary suppression (and hiding under a hidden parent): what the attackers break. */
const primaryOnly = (table: CellInput, min: number) => decide(table, (c, _path, parentHidden) => parentHidden || (c.n > 0 && c.n < min));

/** The true totals of a hand-made table, by path ("group/a/stratum/x"; "" for the total). */
function truthOf(input: CellInput, totals: Record<string, number>): TrueCell {
  const walk = (c: CellInput, path: string[]): TrueCell => ({
    input: c,
    total: totals[path.join('/')] ?? 0,
    breakdowns: (c.breakdowns ?? []).map((b) => ({ id: b.id, cells: b.cells.map((x) => walk(x, [...path, b.id, x.id])), remainderTotal: 0 })),
  });
  return walk(input, []);
}

describe('attackers on random tables', () => {
  const CASES = 1500;

  it(`recover nothing suppressed from the shown figures of ${CASES} random tables`, () => {
    let hiddenCells = 0;
    let complementary = 0;
    let largeRemaindersSolved = 0;
    let brokenWithoutComplements = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const { table, min } = randomTable(seed);
      const result = suppressCells(table.input, min);

      // The rule's own promises: small cells hidden, hidden parents hide their cells, at most one
      // complementary cell per breakdown.
      for (const c of cellsOf(result)) {
        if (c.n > 0 && c.n < min) expect(c.status, c.path.join('/')).toBe('primary');
        if (c.status !== 'shown') hiddenCells++;
        if (c.status === 'complementary') complementary++;
        for (const b of c.breakdowns) {
          if (c.status !== 'shown') expect(b.cells.every((x) => x.status !== 'shown' && (x.status === 'primary' || x.reason === 'parentHidden'))).toBe(true);
          const partners = b.cells.filter((x) => x.status === 'complementary' && x.reason === 'protectsSibling');
          expect(partners.length).toBeLessThanOrEqual(1);
          // The partner protects the other hidden cell of its breakdown, or its small remainder.
          for (const x of partners) {
            if (x.status !== 'complementary' || x.reason !== 'protectsSibling') continue;
            const p = x.protects;
            if (p.kind === 'cell') expect(b.cells.find((y) => y.path.join('/') === p.path.join('/'))?.status).toBe('primary');
            else expect([p.parent.join('/'), p.breakdown, b.remainderProtected]).toEqual([c.path.join('/'), b.id, true]);
          }
        }
      }

      const { unknowns, rows } = equations(table, result, min);
      const peeled = peel(unknowns, rows);
      const solvable = determined(unknowns, rows);
      for (const i of peeled) expect(solvable.has(i), 'whatever peeling finds, elimination finds').toBe(true);
      for (const i of solvable) {
        const u = unknowns[i] as Unknown;
        expect(u.secret, `seed ${seed}: ${u.name} is determined by the shown figures`).toBe(false);
        largeRemaindersSolved++;
      }

      // The same attackers break primary suppression alone: they are not toothless.
      const naive = equations(table, primaryOnly(table.input, min), min);
      if ([...determined(naive.unknowns, naive.rows)].some((i) => naive.unknowns[i]?.secret)) brokenWithoutComplements++;
    }
    // The random tables exercise the rule: many hidden cells, many complements, recoverable large
    // remainders, and primary suppression alone broken in a good share of them.
    expect(hiddenCells).toBeGreaterThan(CASES);
    expect(complementary).toBeGreaterThan(CASES / 2);
    expect(largeRemaindersSolved).toBeGreaterThan(10);
    expect(brokenWithoutComplements).toBeGreaterThan(CASES / 10);
  });

  it('the peeling attacker recovers a lone suppressed cell, and a parent unlocking its cells', () => {
    // Without complementary suppression: 14 respondents scoring 70 = 1 + 6 + 7 respondents scoring
    // 30 and 36 give the one person's 4 away.
    const lone = strata(14, [1, 6, 7]);
    const e1 = equations(truthOf(lone, { '': 70, 'stratum/s1': 4, 'stratum/s2': 30, 'stratum/s3': 36 }), primaryOnly(lone, 5), 5);
    expect([...peel(e1.unknowns, e1.rows)].map((i) => e1.unknowns[i]?.name)).toEqual(['stratum/s1']);
    // Across levels, on a leaky table hiding group a but showing its stratum y: a = total − b,
    // then x = a − y.
    const nested = cell('all', 30, ['group', [cell('a', 12, ['stratum', [cell('x', 3), cell('y', 9)]]), cell('b', 18)]]);
    const leaky = decide(nested, (_c, path) => ['group/a', 'group/a/stratum/x'].includes(path.join('/')));
    const e2 = equations(truthOf(nested, { '': 100, 'group/a': 40, 'group/a/stratum/x': 10, 'group/a/stratum/y': 30, 'group/b': 60 }), leaky, 5);
    expect([...peel(e2.unknowns, e2.rows)].map((i) => e2.unknowns[i]?.name)).toEqual(['group/a', 'group/a/stratum/x']);
    expect([...determined(e2.unknowns, e2.rows)].length).toBe(2);
    // suppressCells shows group a (12 people) and hides y beside x: two unknowns, nothing to solve.
    const safe = suppressCells(nested);
    expect([...cellsOf(safe)].map((c) => [c.path.join('/'), c.status])).toEqual([
      ['', 'shown'],
      ['group/a', 'shown'],
      ['group/a/stratum/x', 'primary'],
      ['group/a/stratum/y', 'complementary'],
      ['group/b', 'shown'],
    ]);
  });
});
