/**
 * Statistical disclosure control for tables of figures computed from respondents: a cell on fewer
 * than `min` respondents is withheld (primary), and within every set of sibling cells whose parent
 * is shown, a lone withheld cell takes another with it (complementary), so no withheld figure can
 * be recovered from its parent and its siblings.
 */

/** Figures on fewer respondents than this are withheld unless a campaign says otherwise. */
export const DEFAULT_MIN_CELL = 5;

/**
 * A cell and the ways its respondents are broken down: each entry of `children` is one set of
 * sibling cells partitioning them (groups; sex; age band). Respondents a set does not cover (no
 * stratum) are a remainder that is never shown: a hidden sibling when there are any.
 */
export interface CellTree {
  id: number;
  n: number;
  children?: CellTree[][];
}

export type Withheld = 'primary' | 'complementary';

/** The cells to withhold, by id, and why. Cells with n = 0 have no figure to protect. */
export function suppressCells(tree: CellTree, min: number): Map<number, Withheld> {
  const out = new Map<number, Withheld>();
  const all: CellTree[] = [];
  const walk = (c: CellTree) => {
    all.push(c);
    for (const set of c.children ?? []) for (const k of set) walk(k);
  };
  walk(tree);
  for (const c of all) if (c.n > 0 && c.n < min) out.set(c.id, 'primary');
  const hidden = (c: CellTree) => out.has(c.id);
  const hideBelow = (c: CellTree, why: Withheld) => {
    for (const set of c.children ?? [])
      for (const k of set) {
        if (k.n > 0 && !out.has(k.id)) out.set(k.id, why);
        hideBelow(k, why);
      }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const parent of all) {
      if (parent.n === 0) continue;
      if (hidden(parent)) {
        const before = out.size;
        hideBelow(parent, 'complementary');
        if (out.size !== before) changed = true;
        continue;
      }
      for (const set of parent.children ?? []) {
        // No cells: no breakdown shown, nothing to recover.
        if (set.length === 0) continue;
        const covered = set.reduce((s, k) => s + k.n, 0);
        const remainder = parent.n - covered > 0 ? 1 : 0;
        const withheld = set.filter((k) => k.n > 0 && hidden(k)).length + remainder;
        if (withheld !== 1) continue;
        const candidates = set.filter((k) => k.n > 0 && !hidden(k)).sort((a, b) => a.n - b.n);
        const next = candidates[0];
        if (next) out.set(next.id, 'complementary');
        else out.set(parent.id, 'complementary');
        changed = true;
      }
    }
  }
  return out;
}
