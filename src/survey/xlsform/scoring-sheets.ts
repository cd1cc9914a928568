/**
 * The scoring block as two sheets of its own, so staff can read and edit it in a spreadsheet:
 * `scoring` (one row per component, and per part of a "papi" component: its label, its maximum
 * points, its questions, its base) and `weights` (scale, option code, weight); the method is the
 * settings sheet's `scoring_method`, the aggregation its `scoring_aggregation`, the breakdown
 * questions its `scoring_breakdowns`. Other XLSForm tools ignore these sheets and columns.
 */
import type { Definition, Scoring, Text } from '../types';
import { findSheet, sheetRows, translatedHeaders, type Cell, type Rows, type SheetRow, type Workbook, type XlsformProblem } from './workbook';

type Problem = (p: XlsformProblem) => void;

const itemsOf = (text: string): string[] => text.split(/[\s,;]+/).filter((s) => s !== '');

export interface ScoringSettings {
  method: string;
  aggregation: string;
  breakdowns: string;
}

/** A row's text in a column, in every language of the form (the importer's own reader). */
export type TextReader = (sheet: string, r: SheetRow, column: string) => Text | undefined;

export function importScoring(book: Workbook, settings: ScoringSettings, readText: TextReader, problem: Problem): Scoring | undefined {
  const methodText = settings.method;
  const sheet = findSheet(book, 'scoring');
  const weightsSheet = findSheet(book, 'weights');
  const method = methodText.trim().toLowerCase();
  if (!sheet && method === '') return undefined;
  if (!sheet) {
    problem({ sheet: 'scoring', message: { vi: 'có "scoring_method" trong trang settings nhưng thiếu trang scoring', en: 'settings name a "scoring_method" but there is no scoring sheet' } });
    return undefined;
  }
  if (method !== 'share' && method !== 'points' && method !== 'papi') {
    problem({ sheet: 'settings', column: 'scoring_method', message: { vi: `"scoring_method" là share, points hoặc papi, không phải "${methodText}"`, en: `"scoring_method" is share, points or papi, not "${methodText}"` } });
    return undefined;
  }
  const weights: Record<string, Record<string, number>> = {};
  for (const r of weightsSheet ? sheetRows(weightsSheet.rows) : []) {
    const scale = r.get('scale');
    const value = r.get('value');
    const weight = Number(r.get('weight'));
    if (scale === '' || value === '' || r.get('weight') === '' || !Number.isFinite(weight)) {
      problem({ sheet: weightsSheet!.name, row: r.row, message: { vi: 'mỗi dòng cần scale, value và weight (một số từ 0 đến 1)', en: 'each row needs scale, value and weight (a number from 0 to 1)' } });
      continue;
    }
    (weights[scale] ??= {})[value] = weight;
  }
  type Part = { id: string; label: Text; items: string[]; base?: string };
  const components: { id: string; label: Text; items: string[]; points?: number; base?: string; parts: Part[] }[] = [];
  for (const r of sheetRows(sheet.rows)) {
    const id = r.get('component');
    const partId = r.get('part');
    const label = readText(sheet.name, r, 'label');
    if (id === '' || !label) {
      problem({ sheet: sheet.name, row: r.row, message: { vi: 'mỗi dòng cần mã thành phần (component) và nhãn (label)', en: 'each row needs a component id and a label' } });
      continue;
    }
    const items = itemsOf(r.get('items'));
    // Checked by the engine's schema with the rest ("asked" or "everyone").
    const baseText = r.get('base').trim().toLowerCase();
    const base = baseText === '' ? {} : { base: baseText };
    if (partId === '') {
      const pointsText = r.get('points');
      const points = pointsText === '' ? undefined : Number(pointsText);
      if (points !== undefined && !Number.isFinite(points)) {
        problem({ sheet: sheet.name, row: r.row, column: 'points', message: { vi: `"points" phải là số, không phải "${pointsText}"`, en: `"points" must be a number, not "${pointsText}"` } });
        continue;
      }
      components.push({ id, label, items, ...(points !== undefined ? { points } : {}), ...base, parts: [] });
      continue;
    }
    const owner = components.find((c) => c.id === id);
    if (!owner) {
      problem({ sheet: sheet.name, row: r.row, column: 'component', message: { vi: `phần "${partId}" thuộc thành phần "${id}" chưa được khai báo ở dòng trên`, en: `part "${partId}" belongs to component "${id}", which no earlier row declares` } });
      continue;
    }
    owner.parts.push({ id: partId, label, items, ...base });
  }
  // The engine's schema refuses a field of another method, where it is written (the result is checked after).
  const out = components.map(({ id, label, items, points, base, parts }) => ({
    id,
    label,
    ...(base !== undefined ? { base } : {}),
    ...(method === 'papi' ? { parts } : { items }),
    ...(points !== undefined ? { points } : {}),
    ...(method !== 'papi' && parts.length > 0 ? { parts } : {}),
    ...(method === 'papi' && items.length > 0 ? { items } : {}),
  }));
  // Checked with the whole definition by the engine's schema right after.
  const aggregation = settings.aggregation.trim().toLowerCase();
  const breakdowns = itemsOf(settings.breakdowns);
  return {
    method,
    ...(aggregation !== '' ? { aggregation } : {}),
    ...(breakdowns.length > 0 ? { breakdowns } : {}),
    weights,
    components: out,
  } as unknown as Scoring;
}

export function exportScoring(def: Definition, langs: readonly string[] = ['vi', 'en']): { settings: Record<string, Cell>; sheets: Record<string, Rows> } | undefined {
  const scoring = def.scoring;
  if (!scoring) return undefined;
  const label = (text: Text): Cell[] => langs.map((l) => text[l] ?? '');
  const rows: Rows = [['component', 'part', ...translatedHeaders('label', langs), 'points', 'items', 'base']];
  for (const c of scoring.components) {
    if (scoring.method === 'papi') {
      const papi = c as Extract<Scoring, { method: 'papi' }>['components'][number];
      rows.push([c.id, '', ...label(c.label), '', '', '']);
      for (const p of papi.parts) rows.push([c.id, p.id, ...label(p.label), '', p.items.join(' '), p.base ?? '']);
    } else {
      const withItems = c as { items: string[]; points?: number; base?: string };
      rows.push([c.id, '', ...label(c.label), withItems.points ?? '', withItems.items.join(' '), withItems.base ?? '']);
    }
  }
  const weights: Rows = [['scale', 'value', 'weight']];
  for (const [scale, values] of Object.entries(scoring.weights)) for (const [value, weight] of Object.entries(values)) weights.push([scale, value, weight]);
  return {
    settings: {
      scoring_method: scoring.method,
      ...(scoring.aggregation !== undefined ? { scoring_aggregation: scoring.aggregation } : {}),
      ...(scoring.breakdowns !== undefined ? { scoring_breakdowns: scoring.breakdowns.join(' ') } : {}),
    },
    sheets: { scoring: rows, weights },
  };
}

