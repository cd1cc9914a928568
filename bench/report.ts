/** The figures: a printed table and bench/results.json. Figures are reported, never asserted. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Unit = 'bytes' | 'ms' | 'interviews/s' | 'ratio' | 'CLS' | 'µs/interview';

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
  firstLoadJsGzipBytes: { max: 140 * 1024 },
  firstSectionInteractiveMs: { max: 350 },
  clickToPaintP50Ms: { max: 16 },
  clickToPaintMaxMs: { max: 50 },
  tapConsequencesP50Ms: { max: 32 },
  tapConsequencesMaxMs: { max: 50 },
  layoutShiftWhileAnswering: { max: 0 },
  heapAfterAnswersBytes: { max: 4.5 * 1024 * 1024 },
  pageTurnP50Ms: { max: 50 },
  pageTurnMaxMs: { max: 100 },
  answerWriteP95Ms: { max: 50 },
  dashboardMs200k: { max: 100 },
  dashboardMs200kPostgres: { max: 100 },
  sync5000Ms: { max: 10_000 },
  ingestRawRatioSqlite: { min: 0.5 },
  ingestRawRatioPostgres: { min: 0.5 },
  ingestRawRatioPostgres1proc: { min: 0.5 },
  ingestRawRatioPostgres2proc: { min: 0.5 },
  ingestRawRatioPostgres3proc: { min: 0.5 },
  listenMs1m: { max: 5000 },
  listenHealthMs1m: { max: 5000 },
  listenWarmMs1m: { max: 5000 },
  listenWarmHealthMs1m: { max: 5000 },
  listenMs1mPostgres: { max: 5000 },
  listenHealthMs1mPostgres: { max: 5000 },
  listenWarmMs1mPostgres: { max: 5000 },
  listenWarmHealthMs1mPostgres: { max: 5000 },
  exportCsvPeakRssBytes200k: { max: 300 * 1024 * 1024 },
  exportCsvHealthMaxMs200k: { max: 200 },
  exportXlsxPeakRssBytes200k: { max: 300 * 1024 * 1024 },
  exportXlsxHealthMaxMs200k: { max: 200 },
  exportCsvPeakRssBytes200kPostgres: { max: 300 * 1024 * 1024 },
  exportCsvHealthMaxMs200kPostgres: { max: 200 },
  exportXlsxPeakRssBytes200kPostgres: { max: 300 * 1024 * 1024 },
  exportXlsxHealthMaxMs200kPostgres: { max: 200 },
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

/**
 * Runs one part's figures when its file is run directly (`npx tsx bench/<part>.ts`), printing the
 * figures and notes. `moduleUrl`: the part's import.meta.url.
 */
export function runWhenMain(moduleUrl: string, figuresOf: (notes: string[]) => Promise<Figure[]>): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  const notes: string[] = [];
  figuresOf(notes).then(
    (figures) => {
      for (const f of figures) console.log(`${f.key}: ${f.value} ${f.unit}`);
      for (const n of notes) console.log(`- ${n}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
