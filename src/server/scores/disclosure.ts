/**
 * Scores as they may be shown: each figure with its 95 % interval, and withheld where it rests on
 * fewer respondents than the campaign's minimum cell size, or where it would give a withheld one
 * away (complementary suppression, ../../survey/suppression). Applied once, on the server, to
 * everything that leaves it: the dashboard, the report and the exports read the same figures.
 */
import type { ScoreReportWire } from '../../contract';
import { meanInterval, wilsonInterval } from '../../survey/stats';
import type { Interval } from '../../survey/stats';
import type { ComponentScore, ScoreReport, Spread } from '../../survey';
import { suppressFigures } from './suppress-figures';
export { DEFAULT_MIN_CELL } from '../../survey/suppression';


/** The interval of a figure on its own scale: Wilson for percentages, t (centred on the figure) for points. */
export function intervalOf(method: ScoreReport['method'], score: number | null, n: number, spread: Spread | undefined, min: number, max: number): Interval | null {
  if (score === null || n <= 0) return null;
  if (method === 'share') {
    const w = wilsonInterval(Math.min(1, Math.max(0, score / 100)), n);
    return w && { low: 100 * w.low, high: 100 * w.high };
  }
  const t = spread ? meanInterval(spread) : null;
  if (!t || t.low === null || t.high === null) return null;
  const half = (t.high - t.low) / 2;
  return { low: Math.max(min, score - half), high: Math.min(max, score + half) };
}

function componentWire(method: ScoreReport['method'], c: ComponentScore): ScoreReportWire['components'][number] {
  const { spread: _spread, parts, ...rest } = c;
  const min = method === 'papi' ? 1 : 0;
  return {
    ...rest,
    interval: intervalOf(method, c.score, c.n, c.spread, min, c.max),
    ...(parts ? { parts: parts.map((p) => ({ ...p })) } : {}),
  };
}

/** A report on the wire, with intervals, nothing withheld yet. */
export function reportWire(r: ScoreReport): ScoreReportWire {
  const { spread: _spread, components, ...rest } = r;
  const min = r.method === 'papi' ? components.length : 0;
  return {
    ...rest,
    interval: intervalOf(r.method, r.score, r.n, r.spread, min, r.max),
    components: components.map((c) => componentWire(r.method, c)),
  };
}

export interface Shown {
  overall: ScoreReportWire;
  groups: { report: ScoreReportWire; strata: ScoreReportWire[] }[];
  breakdowns: ScoreReportWire[][];
}

/**
 * The reports of one questionnaire as they may be shown: the whole set, each group with its strata,
 * and each breakdown's cells (each breakdown, like the groups, partitions the whole set).
 */
export function withhold(
  overall: ScoreReport,
  groups: readonly { whole: ScoreReport; strata: readonly { report: ScoreReport }[] }[],
  breakdowns: readonly { cells: readonly { report: ScoreReport }[] }[],
  minCell: number,
): Shown {
  const shown: Shown = {
    overall: reportWire(overall),
    groups: groups.map((g) => ({ report: reportWire(g.whole), strata: g.strata.map((s) => reportWire(s.report)) })),
    breakdowns: breakdowns.map((b) => b.cells.map((c) => reportWire(c.report))),
  };
  suppressFigures(shown, minCell);
  return shown;
}
