/**
 * Withholding figures of one questionnaire's reports (./disclosure): every figure (the overall
 * score, each component, each papi part) is checked on its own, over the tree of cells that show
 * it: the whole set; its groups, each with its strata; each breakdown's cells (sex, age band…).
 * The rule is the suppression module's (../../survey/suppression).
 */
import type { ScoreReportWire } from '../../contract';
import { suppressCells } from '../../survey/suppression';
import type { CellTree } from '../../survey/suppression';
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
    const at = (m: Map<string, FigureRef>): FigureRef | undefined => m.get(key);
    const refs: FigureRef[] = [];
    const node = (f: FigureRef | undefined, children: CellTree['children'] = []): CellTree => {
      refs.push(f ?? { n: 0, withhold: () => undefined });
      return { id: refs.length - 1, n: f?.n ?? 0, children };
    };
    const tree = node(figure, [
      groups.map((g) => node(at(g.whole), [g.strata.map((s) => node(at(s)))])),
      ...breakdowns.map((cells) => cells.map((c) => node(at(c)))),
    ]);
    for (const [id, why] of suppressCells(tree, minCell)) refs[id]!.withhold(why);
  }
}
