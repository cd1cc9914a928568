/** The figures: a printed table and bench/results.json. Figures are reported, never asserted. */
import { writeFileSync } from 'node:fs';

export type Unit = 'bytes' | 'ms';

export interface Figure {
  key: string;
  value: number;
  unit: Unit;
  /** Upper bound the figure should stay under; informational figures have none. */
  target?: number;
}

export const TARGETS: Record<string, number> = {
  firstLoadJsGzipBytes: 150 * 1024,
  firstSectionInteractiveMs: 350,
  clickToPaintP50Ms: 16,
  clickToPaintMaxMs: 50,
  heapAfterAnswersBytes: 6 * 1024 * 1024,
  answerWriteP95Ms: 50,
  dashboardMs200k: 100,
  dashboardMs200kPostgres: 100,
};

export function figure(key: string, value: number, unit: Unit): Figure {
  const target = TARGETS[key];
  return target === undefined ? { key, value, unit } : { key, value, unit, target };
}

const formatValue = (f: { value: number; unit: Unit }) =>
  f.unit === 'bytes' ? `${f.value} (${(f.value / 1024).toFixed(1)} KB)` : f.value.toFixed(1);

function formatTarget(f: Figure): string {
  if (f.target === undefined) return '';
  return f.unit === 'bytes' ? `≤ ${(f.target / 1024).toFixed(0)} KB` : `≤ ${f.target}`;
}

export const missed = (f: Figure): boolean => f.target !== undefined && !(f.value <= f.target);

export function printTable(figures: readonly Figure[]): void {
  const rows = [
    ['figure', 'value', 'unit', 'target', ''],
    ...figures.map((f) => [f.key, formatValue(f), f.unit, formatTarget(f), missed(f) ? 'MISSED' : f.target !== undefined ? 'ok' : '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

export function writeResults(path: string, figures: readonly Figure[], machine: string): void {
  const out: Record<string, unknown> = {};
  for (const f of figures) out[f.key] = { value: f.value, unit: f.unit };
  out.measuredAt = new Date().toISOString();
  out.machine = machine;
  writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
}
