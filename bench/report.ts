/** The figures: a printed table and bench/results.json. Figures are reported, never asserted. */
import { writeFileSync } from 'node:fs';

export type Unit = 'bytes' | 'ms' | 'interviews/s' | 'ratio';

/** A bound the figure should stay within: at most (`max`) or at least (`min`). */
export type Target = { max: number } | { min: number };

export interface Figure {
  key: string;
  /** null: not measured here (the note says why). */
  value: number | null;
  unit: Unit;
  target?: Target;
  /** How it was measured, or why there is no value; written to results.json. */
  note?: string;
}

export const TARGETS: Record<string, Target> = {
  firstLoadJsGzipBytes: { max: 150 * 1024 },
  firstSectionInteractiveMs: { max: 350 },
  clickToPaintP50Ms: { max: 16 },
  clickToPaintMaxMs: { max: 50 },
  heapAfterAnswersBytes: { max: 6 * 1024 * 1024 },
  answerWriteP95Ms: { max: 50 },
  dashboardMs200k: { max: 100 },
  dashboardMs200kPostgres: { max: 100 },
  sync5000Ms: { max: 10_000 },
  ingestRawRatioSqlite: { min: 0.5 },
  ingestRawRatioPostgres: { min: 0.5 },
};

export function figure(key: string, value: number | null, unit: Unit, note?: string): Figure {
  const target = TARGETS[key];
  return { key, value, unit, ...(target !== undefined ? { target } : {}), ...(note !== undefined ? { note } : {}) };
}

function formatValue(f: Figure): string {
  if (f.value === null) return 'n/a';
  if (f.unit === 'bytes') return `${f.value} (${(f.value / 1024).toFixed(1)} KB)`;
  if (f.unit === 'ratio') return f.value.toFixed(2);
  if (f.unit === 'interviews/s') return f.value.toFixed(0);
  return f.value.toFixed(1);
}

function formatTarget(f: Figure): string {
  if (f.target === undefined) return '';
  const [sign, bound] = 'max' in f.target ? ['≤', f.target.max] : ['≥', f.target.min];
  return f.unit === 'bytes' ? `${sign} ${(bound / 1024).toFixed(0)} KB` : `${sign} ${bound}`;
}

/** A figure outside its target; a figure not measured has missed nothing. */
export function missed(f: Figure): boolean {
  if (f.target === undefined || f.value === null) return false;
  return 'max' in f.target ? !(f.value <= f.target.max) : !(f.value >= f.target.min);
}

export function printTable(figures: readonly Figure[]): void {
  const verdict = (f: Figure) => (f.target === undefined ? '' : f.value === null ? 'not measured' : missed(f) ? 'MISSED' : 'ok');
  const rows = [['figure', 'value', 'unit', 'target', ''], ...figures.map((f) => [f.key, formatValue(f), f.unit, formatTarget(f), verdict(f)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

export function writeResults(path: string, figures: readonly Figure[], extra: Record<string, unknown>): void {
  const out: Record<string, unknown> = {};
  for (const f of figures) out[f.key] = { value: f.value, unit: f.unit, ...(f.note !== undefined ? { note: f.note } : {}) };
  out.measuredAt = new Date().toISOString();
  Object.assign(out, extra);
  writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
}
