/**
 * Withholding figures of one questionnaire's reports (./disclosure): every figure (the overall
 * score, each component, each papi part) is checked on its own, over the tree of cells that show
 * it: the whole set; its groups, each with its strata; each breakdown's cells (sex, age band…).
 * The rule is the suppression module's (../../survey/suppression).
 */
import type { ScoreReportWire } from '../../contract';
import { suppressCells } from '../../survey/suppression';
import type { CellInput, SuppressedCell } from '../../survey/suppression';
import type { Shown } from './disclosure';

/** A figure of a report: its respondents, and how to withhold it. */
interface FigureRef {
  n: number;
  withhold(why: 'primary' | 'complementary'): void;
}

/** The figures of a report, by a key that is the same in every report of one questionnaire. */
function figuresOf(r: ScoreReportWire): Map<string, FigureRef> {
  const out = new Map<string, FigureRef>();
  out.set('*', {
    n: r.n,
    withhold(why) {
      r.score = null;
      r.interval = null;
      r.suppressed = why;
    },
  });
  for (const c of r.components) {
    out.set(c.id, {
      n: c.n,
      withhold(why) {
        c.value = null;
        c.score = null;
        c.interval = null;
        c.suppressed = why;
      },
    });
    for (const p of c.parts ?? [])
      out.set(p.key, {
        n: p.n,
        withhold(why) {
          p.value = null;
          p.suppressed = why;
        },
      });
  }
  return out;
}

/** Withholds, in place, every figure of `shown` that rests on fewer than `minCell` respondents or would give one away. */
export function suppressFigures(shown: Shown, minCell: number): void {
  const root = figuresOf(shown.overall);
  const groups = shown.groups.map((g) => ({ whole: figuresOf(g.report), strata: g.strata.map(figuresOf) }));
  const breakdowns = shown.breakdowns.map((b) => b.map(figuresOf));
  for (const [key, figure] of root) {
    const refs: FigureRef[] = [];
    const none: FigureRef = { n: 0, withhold: () => undefined };
    /** A cell of the table for this figure; its id is its place in `refs`. */
    const cell = (f: FigureRef | undefined, breakdownsOf: CellInput['breakdowns'] = []): CellInput => {
      refs.push(f ?? none);
      return { id: String(refs.length - 1), n: (f ?? none).n, breakdowns: breakdownsOf };
    };
    const at = (m: Map<string, FigureRef>): FigureRef | undefined => m.get(key);
    const table = cell(figure, [
      { id: 'groups', cells: groups.map((g) => cell(at(g.whole), [{ id: 'strata', cells: g.strata.map((st) => cell(at(st))) }])) },
      ...breakdowns.map((cells, i) => ({ id: `breakdown-${i}`, cells: cells.map((c) => cell(at(c))) })),
    ]);
    let decided: SuppressedCell;
    try {
      decided = suppressCells(table, minCell);
    } catch {
      // Counts that do not add up (never expected): nothing of this figure is shown.
      for (const r of refs) if (r.n > 0) r.withhold('primary');
      continue;
    }
    const walk = (c: SuppressedCell): void => {
      if (c.status !== 'shown') refs[Number(c.id)]!.withhold(c.status);
      for (const b of c.breakdowns) for (const k of b.cells) walk(k);
    };
    walk(decided);
  }
}
