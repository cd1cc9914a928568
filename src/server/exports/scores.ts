/**
 * The scores of one questionnaire version in an export: a long table (one line per scope and
 * score: overall, then per group, then per stratum; in each the overall score, every component and,
 * for papi, every part) for CSV and the XLSX sheet "scores", and a JSON document. Nothing here
 * reads the database (the XLSX export's thread loads it); the figures come from ../scores/report.
 */
import type { IntervalWire, QuestionnaireScores, ScoreReportWire } from '../../contract';
import type { Definition, Lang, Text } from '../../survey';
import type { Cell } from './columns';
import { field } from './csv';

export const SCORE_COLUMNS = [
  'scope',
  'group',
  'group_label',
  'stratum',
  'stratum_label',
  'interviews',
  'component',
  'component_label',
  'part',
  'part_label',
  'answers',
  'value',
  'score',
  'max',
  /** Respondents the figure rests on. */
  'respondents',
  /** Its 95 % confidence interval. */
  'ci_low',
  'ci_high',
  /** "primary" (fewer respondents than the minimum cell size) or "complementary": value and score withheld. */
  'withheld',
  /** How the scores are computed, with a worked example (first line only). */
  'method',
] as const;

/** Rounded enough to drop floating-point noise (0.1 + 0.2), never enough to change a reported figure. */
const round = (n: number | null, decimals: number): Cell => (n === null ? undefined : Number(n.toFixed(decimals)));

/** The table's lines (cells in SCORE_COLUMNS order), labels in `lang`. */
export function scoreLines(s: QuestionnaireScores, lang: Lang): Cell[][] {
  const lines: Cell[][] = [];
  const labelOf = (id: string): Text | undefined => s.components.find((c) => c.id === id)?.label;
  const partLabel = (cid: string, pid: string): Text | undefined =>
    s.components.find((c) => c.id === cid)?.parts?.find((p) => p.id === pid)?.label;
  const scope = (kind: string, group: { id: string; label: Text } | undefined, stratum: { value: string; label: Text } | undefined, r: ScoreReportWire) => {
    const head: Cell[] = [kind, group?.id, group?.label[lang], stratum?.value, stratum?.label[lang], r.interviews];
    const answers = r.components.reduce((n, c) => n + c.count, 0);
    const tail = (f: { n: number; interval?: IntervalWire; suppressed?: 'primary' | 'complementary' | undefined }): Cell[] => [
      f.n,
      round(f.interval?.low ?? null, 4),
      round(f.interval?.high ?? null, 4),
      f.suppressed,
    ];
    lines.push([...head, undefined, undefined, undefined, undefined, answers, undefined, round(r.score, 4), round(r.max, 4), ...tail(r)]);
    for (const c of r.components) {
      lines.push([...head, c.id, labelOf(c.id)?.[lang], undefined, undefined, c.count, round(c.value, 6), round(c.score, 4), round(c.max, 4), ...tail(c)]);
      for (const p of c.parts ?? [])
        lines.push([...head, c.id, labelOf(c.id)?.[lang], p.id, partLabel(c.id, p.id)?.[lang], p.count, round(p.value, 6), undefined, undefined, ...tail(p)]);
    }
  };
  scope('all', undefined, undefined, s.overall);
  // The method beside the figures: on the first line, in the last column.
  const pooled = s.versions.length > 1 ? (lang === 'vi' ? ` Gộp các phiên bản ${s.versions.join(', ')} (cùng cách tính điểm).` : ` Versions ${s.versions.join(', ')} pooled (same scoring).`) : '';
  lines[0]!.push(`${s.methodNote.text[lang]} ${s.methodNote.example[lang]}${pooled}`);
  for (const g of s.groups) scope('group', g, undefined, g.report);
  for (const g of s.groups) for (const st of g.strata) scope('stratum', g, st, st.report);
  return lines;
}

/** The JSON variant: the questionnaire, when, and its scores as the dashboard has them. */
export const scoresJson = (def: Definition, scores: QuestionnaireScores, exportedAt: string): string =>
  JSON.stringify({ survey: { id: def.id, version: def.version, title: def.title }, exportedAt, scores }) + '\n';

/** The CSV variant (UTF-8 with BOM, CRLF), text made safe and guarded against formulas like the data CSV. */
export function scoresCsv(scores: QuestionnaireScores, lang: Lang): string {
  const line = (cells: readonly Cell[]) => cells.map((c) => field(c)).join(',') + '\r\n';
  return '\uFEFF' + line(SCORE_COLUMNS) + scoreLines(scores, lang).map(line).join('');
}
