/**
 * Statistical disclosure control for tables of figures computed from respondents: which cells of
 * a table may be shown so that no figure rests on fewer respondents than a campaign's minimum,
 * and none can be recovered by subtraction from a total and the other cells. Pure: the table is a
 * tree of respondent counts given by the caller, the answer the same tree with a decision per cell.
 *
 * A table is a cell (the total) with breakdowns: each breakdown (respondent group; sex; age band)
 * is a list of cells that split the parent's respondents, no respondent in two cells of the same
 * breakdown. Cells have breakdowns of their own (a group's strata). The parent's respondents in no
 * cell of a breakdown (those without a stratum, or who did not say their sex) are its remainder:
 * never shown, so an unknown to whoever reads the table, like a hidden cell.
 *
 * The rule, applied until nothing changes:
 * 1. Primary suppression: a cell with 0 < n < min is hidden. A cell with n = 0 has no figure to
 *    protect: it is shown as "no data".
 * 2. A hidden cell hides all its descendants.
 * 3. Complementary suppression, in every breakdown whose parent is shown: the figures of the
 *    parent and of the shown cells give one equation, parent total = Σ cells' totals + remainder's
 *    total, whose unknowns are the hidden cells with respondents and the remainder when it has
 *    respondents. When exactly one unknown is left and it needs protecting (a hidden cell, or a
 *    remainder with 0 < remainder < min), the shown cell with the fewest respondents (n > 0; the
 *    first of equals) is hidden too. When there is none, the parent is hidden instead, and the
 *    rule then applies to the parent's own breakdown. (With consistent counts this last case
 *    cannot arise: the lone unknown would hold all the parent's respondents, and so be hidden
 *    only if the parent had fewer than `min` and were hidden itself. It is kept as a safeguard.)
 * A remainder of at least `min` respondents is an unknown that protects the hidden cells beside
 * it, but needs no protection itself: recovering the mean of min or more respondents discloses
 * nobody.
 *
 * Every hidden cell then sits in a breakdown with at least two unknowns, or under a hidden
 * parent, so no linear combination of the shown figures (totals or means, with every count
 * known) determines it. Not covered: bounds (a share of 0 % or 100 % on a hidden cell's
 * complement), and cross-tabulations of two breakdowns of the same parent, which are not cells of
 * this tree.
 */

/** The minimum number of respondents behind a shown figure, unless a campaign sets another. */
export const DEFAULT_MIN_CELL = 5;

/** One cell of a table, as the caller builds it. */
export interface CellInput {
  /** The cell's id, unique among the cells of its breakdown (the root's id is free). */
  readonly id: string;
  /** The respondents behind the cell's figures: a whole number ≥ 0, 0 meaning "no data". */
  readonly n: number;
  /** Ways of splitting the cell's respondents, each independent of the others. */
  readonly breakdowns?: readonly BreakdownInput[] | undefined;
}

/** One way of splitting a cell's respondents. */
export interface BreakdownInput {
  /** The breakdown's id, unique among its parent's breakdowns ("group", "sex", "stratum"). */
  readonly id: string;
  /** Cells with no respondent in common; those of the parent in none of them form the remainder. */
  readonly cells: readonly CellInput[];
}

/**
 * Where a cell is in the table: breakdown and cell ids in turn from the root, e.g.
 * `['group', 'leaders', 'stratum', 'dept-3']`; the root's path is `[]`.
 */
export type CellPath = readonly string[];

/** A hidden unknown of a breakdown: one of its cells, or its remainder. */
export type HiddenPart = { kind: 'cell'; path: CellPath } | { kind: 'remainder'; parent: CellPath; breakdown: string };

/**
 * What is decided for a cell, and why (for the UI):
 * - `shown`: its figures are shown (with n = 0 as "no data");
 * - `primary`, reason `fewRespondents`: 0 < n < min;
 * - `complementary`, reason `parentHidden`: its parent (`parent`) is hidden, so are all its descendants;
 * - `complementary`, reason `protectsSibling`: hidden beside `protects`, the only other unknown of
 *   its breakdown, which would otherwise be the parent's total minus the shown cells;
 * - `complementary`, reason `protectsChild`: `protects` was the only unknown of one of the cell's
 *   breakdowns and no shown cell there had respondents, so the cell itself is hidden.
 */
export type CellDecision =
  | { status: 'shown' }
  | { status: 'primary'; reason: 'fewRespondents' }
  | { status: 'complementary'; reason: 'parentHidden'; parent: CellPath }
  | { status: 'complementary'; reason: 'protectsSibling'; protects: HiddenPart }
  | { status: 'complementary'; reason: 'protectsChild'; protects: HiddenPart };

/** A cell of the table with its decision. */
export type SuppressedCell = CellDecision & {
  id: string;
  path: CellPath;
  n: number;
  breakdowns: SuppressedBreakdown[];
};

/** A breakdown of the table with its cells' decisions. */
export interface SuppressedBreakdown {
  id: string;
  cells: SuppressedCell[];
  /** The parent's respondents in none of the cells: never shown. */
  remainder: number;
  /** Whether the remainder is protected like a hidden cell: 0 < remainder < min. */
  remainderProtected: boolean;
}

interface Node {
  id: string;
  path: CellPath;
  n: number;
  parent: Node | null;
  breakdowns: Part[];
  decision: CellDecision;
}

interface Part {
  id: string;
  parent: Node;
  cells: Node[];
  remainder: number;
}

function build(input: CellInput, path: CellPath, parent: Node | null): Node {
  const where = path.length ? path.join(' / ') : 'the total';
  if (!Number.isInteger(input.n) || input.n < 0) throw new RangeError(`The count of ${where} is a whole number ≥ 0: ${input.n}`);
  const node: Node = { id: input.id, path, n: input.n, parent, breakdowns: [], decision: { status: 'shown' } };
  const breakdownIds = new Set<string>();
  for (const b of input.breakdowns ?? []) {
    if (breakdownIds.has(b.id)) throw new RangeError(`${where} has two breakdowns "${b.id}"`);
    breakdownIds.add(b.id);
    const cellIds = new Set<string>();
    const part: Part = { id: b.id, parent: node, cells: [], remainder: 0 };
    for (const c of b.cells) {
      if (cellIds.has(c.id)) throw new RangeError(`Breakdown "${b.id}" of ${where} has two cells "${c.id}"`);
      cellIds.add(c.id);
      part.cells.push(build(c, [...path, b.id, c.id], node));
    }
    part.remainder = input.n - part.cells.reduce((sum, c) => sum + c.n, 0);
    if (part.remainder < 0) throw new RangeError(`The cells of breakdown "${b.id}" of ${where} count ${-part.remainder} more respondents than it has (${input.n})`);
    node.breakdowns.push(part);
  }
  return node;
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const b of node.breakdowns) for (const c of b.cells) yield* walk(c);
}

function output(node: Node, min: number): SuppressedCell {
  return {
    ...node.decision,
    id: node.id,
    path: node.path,
    n: node.n,
    breakdowns: node.breakdowns.map((b) => ({
      id: b.id,
      cells: b.cells.map((c) => output(c, min)),
      remainder: b.remainder,
      remainderProtected: b.remainder > 0 && b.remainder < min,
    })),
  };
}

/**
 * The decision for every cell of `table` (see the module's comment for the rule): the same tree,
 * each cell with its `path`, its `status` ('shown', 'primary' or 'complementary') and the reason,
 * each breakdown with its remainder. `min` is the campaign's minimum cell size, a whole number
 * ≥ 1 (1 suppresses nothing). Throws a RangeError for a count that is not a whole number ≥ 0,
 * cells counting more respondents than their parent, or two cells (or breakdowns) with one id.
 */
export function suppressCells(table: CellInput, min: number = DEFAULT_MIN_CELL): SuppressedCell {
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`The minimum cell size is a whole number ≥ 1: ${min}`);
  const root = build(table, [], null);
  const nodes = [...walk(root)];
  for (const node of nodes) if (node.n > 0 && node.n < min) node.decision = { status: 'primary', reason: 'fewRespondents' };
  const hidden = (node: Node) => node.decision.status !== 'shown';
  /** Hides the cells under `node` that are not hidden yet, all the way down. */
  const hideUnder = (node: Node) => {
    for (const part of node.breakdowns)
      for (const c of part.cells) {
        if (!hidden(c)) c.decision = { status: 'complementary', reason: 'parentHidden', parent: node.path };
        hideUnder(c);
      }
  };
  for (const node of nodes) if (hidden(node) && !(node.parent && hidden(node.parent))) hideUnder(node);
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of nodes) {
      if (hidden(node)) continue;
      for (const part of node.breakdowns) {
        const unknowns: HiddenPart[] = part.cells.filter((c) => c.n > 0 && hidden(c)).map((c) => ({ kind: 'cell', path: c.path }));
        if (part.remainder > 0) unknowns.push({ kind: 'remainder', parent: node.path, breakdown: part.id });
        const lone = unknowns.length === 1 ? unknowns[0] : undefined;
        if (!lone || (lone.kind === 'remainder' && part.remainder >= min)) continue;
        let partner: Node | undefined;
        for (const c of part.cells) if (c.n > 0 && !hidden(c) && (!partner || c.n < partner.n)) partner = c;
        const target = partner ?? node;
        target.decision = { status: 'complementary', reason: partner ? 'protectsSibling' : 'protectsChild', protects: lone };
        hideUnder(target);
        changed = true;
        if (hidden(node)) break;
      }
    }
  }
  return output(root, min);
}

/** The cell of a `suppressCells` result at `path`, if there is one. */
export function cellAt(table: SuppressedCell, path: CellPath): SuppressedCell | undefined {
  let cell: SuppressedCell | undefined = table;
  for (let i = 0; cell && i < path.length; i += 2) {
    const [breakdown, id] = [path[i], path[i + 1]];
    cell = cell.breakdowns.find((b) => b.id === breakdown)?.cells.find((c) => c.id === id);
  }
  return cell;
}
