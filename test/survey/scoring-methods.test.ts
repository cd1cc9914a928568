/**
 * How answers become scores, worked by hand: the three aggregations (per respondent, per
 * criterion, pooled) and the two bases (those asked, everyone) on the cases that made them
 * necessary, from the shipped PAPI questionnaire too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addTotals, combineScores, scoreContributions, totalsOf } from '../../src/survey';
import { parseDefinition } from '../../src/survey/load';
import type { Answers, Definition, ScoreTotal, Scoring } from '../../src/survey';
import { wilsonInterval } from '../../src/survey/stats';
import { reportWire } from '../../src/server/scores/disclosure';
import { def, load, scale, section, single, when } from './fixtures';

function totals(d: Definition, interviews: readonly Answers[]): Record<string, ScoreTotal> {
  const out: Record<string, ScoreTotal> = {};
  for (const a of interviews) addTotals(out, totalsOf(scoreContributions(d, a)));
  return out;
}
const scoreOf = (d: Definition, interviews: readonly Answers[]) => combineScores(d, totals(d, interviews), interviews.length);
const withAggregation = (d: Definition, aggregation: Scoring['aggregation']): Definition => ({ ...d, scoring: { ...d.scoring!, aggregation } as Scoring });

describe('points: one respondent shown 4 procedure items, another 7', () => {
  // Scale "level": hi weighs 1, lo 0.2. P5–P7 are shown only when "more" is yes.
  const items = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
  const d = def({
    scales: { level: scale(['hi', 'lo']) },
    sections: [
      section('s', [
        single('more', ['yes', 'no']),
        ...items.map((id, i) => single(id, [], { scale: 'level', ...(i >= 4 ? { visibleIf: when('more', { equals: 'yes' }) } : {}) })),
      ]),
    ],
    scoring: { method: 'points', weights: { level: { hi: 1, lo: 0.2 } }, components: [{ id: 'procedures', label: { vi: 'Thủ tục', en: 'Procedures' }, items, points: 5 }] },
  });
  // A: 4 items shown, all weighted 1 (mean 1.0); B: 7 items, each 0.2 (mean 0.2).
  const a: Answers = { more: 'no', P1: 'hi', P2: 'hi', P3: 'hi', P4: 'hi', P5: 'hi' };
  const b: Answers = { more: 'yes', ...Object.fromEntries(items.map((id) => [id, 'lo'])) };

  it('is a valid questionnaire; the default for points is per respondent', () => {
    expect(load(d)).toMatchObject({ ok: true });
    expect(scoreOf(d, [a, b]).aggregation).toBe('respondent');
  });

  it('per respondent: (1.0 + 0.2) / 2 × 5 = 3.00 (A\'s hidden P5 does not count)', () => {
    expect(scoreOf(d, [a, b]).components[0]!.score).toBeCloseTo(3, 10);
  });

  it('per criterion: items 1–4 (1 + 0.2) / 2 = 0.6, items 5–7 0.2; (4 × 0.6 + 3 × 0.2) / 7 × 5 = 2.142857', () => {
    expect(scoreOf(withAggregation(d, 'criterion'), [a, b]).components[0]!.score).toBeCloseTo((15 / 7) * 1, 6);
  });

  it('pooled: (4 + 1.4) / 11 × 5 = 2.454545', () => {
    expect(scoreOf(withAggregation(d, 'pooled'), [a, b]).components[0]!.score).toBeCloseTo((5.4 / 11) * 5, 10);
  });

  it('the overall interval is Student\'s t on the respondents\' own totals (3 ± 12.706 × 2 / √2 clipped to 0–5)', () => {
    const wire = reportWire(scoreOf(d, [a, b]));
    // Own totals 5 and 1: mean 3, s = 2.828, t(0.975, 1) = 12.706 → far wider than the scale.
    expect(wire.interval).toEqual({ low: 0, high: 5 });
    expect(wire.n).toBe(2);
  });
});

describe('share: respondent A answers 18 criteria, satisfied with 12; B answers 15, satisfied with 8', () => {
  const criteria = Array.from({ length: 18 }, (_, i) => `C${i + 1}`);
  const d = def({
    scales: { sat: scale(['yes', 'no']) },
    sections: [section('s', criteria.map((id) => single(id, [], { scale: 'sat' })))],
    scoring: { method: 'share', weights: { sat: { yes: 1, no: 0 } }, components: [{ id: 'service', label: { vi: 'Phục vụ', en: 'Service' }, items: criteria }] },
  });
  // A: C1–C18, yes on C1–C12. B: C1–C15, yes on C1–C8.
  const a: Answers = Object.fromEntries(criteria.map((id, i) => [id, i < 12 ? 'yes' : 'no']));
  const b: Answers = Object.fromEntries(criteria.slice(0, 15).map((id, i) => [id, i < 8 ? 'yes' : 'no']));

  it('per criterion (the default for shares): C1–C8 100 %, C9–C12 50 %, C13–C18 0 % → 10 / 18 = 55.56 %', () => {
    const r = scoreOf(d, [a, b]);
    expect(r.aggregation).toBe('criterion');
    expect(r.components[0]!.score).toBeCloseTo((10 / 18) * 100, 10);
    expect(r.score).toBeCloseTo((10 / 18) * 100, 10);
  });

  it('per respondent: (12/18 + 8/15) / 2 = 60.00 %', () => {
    expect(scoreOf(withAggregation(d, 'respondent'), [a, b]).components[0]!.score).toBeCloseTo(60, 10);
  });

  it('pooled: 20 / 33 = 60.61 %', () => {
    expect(scoreOf(withAggregation(d, 'pooled'), [a, b]).components[0]!.score).toBeCloseTo((20 / 33) * 100, 10);
  });

  it('the interval of a percentage is Wilson\'s on the respondents behind it', () => {
    const r = scoreOf(d, [a, b]);
    const w = wilsonInterval(10 / 18, 2)!;
    const wire = reportWire(r);
    expect(wire.components[0]!.interval!.low).toBeCloseTo(100 * w.low, 10);
    expect(wire.components[0]!.interval!.high).toBeCloseTo(100 * w.high, 10);
    expect(wire.interval!.low).toBeCloseTo(100 * w.low, 10);
  });
});

describe('PAPI e-governance (the shipped questionnaire): 1 of 10 respondents uses the internet', () => {
  const text = readFileSync('survey-definitions/papi-citizen.json', 'utf8');
  const loaded = parseDefinition(text, 'papi-citizen.json');
  if (!loaded.ok) throw new Error('papi-citizen.json does not load');
  const papi = loaded.definition;
  const user: Answers = { g_internet: 'yes', g_portal: 'yes', g_onlineService: 'yes', g_onlineEasy: '1', g_infoOnline: '1' };
  const others: Answers[] = Array.from({ length: 9 }, () => ({ g_internet: 'no' }));
  const egov = (d: Definition) => scoreOf(d, [user, ...others]).components.find((c) => c.id === 'egovernance')!;

  it('its part "use" rests on everyone: access 1/10 = 0.1, use 1.0 / 10 = 0.1 → 1 + 9 × 0.1 = 1.90', () => {
    const c = egov(papi);
    expect(c.parts!.map((p) => [p.id, p.n, p.value])).toEqual([
      ['access', 10, 0.1],
      ['use', 10, expect.closeTo(0.1, 10) as number],
    ]);
    expect(c.score).toBeCloseTo(1.9, 10);
  });

  it('on those asked instead, the one user lifts it to 1 + 9 × (0.1 + 1.0) / 2 = 5.95', () => {
    const scoring = papi.scoring!;
    if (scoring.method !== 'papi') throw new Error('not papi');
    const asked: Definition = {
      ...papi,
      scoring: { ...scoring, components: scoring.components.map((c) => ({ ...c, parts: c.parts.map(({ base: _base, ...p }) => p) })) },
    };
    expect(egov(asked).score).toBeCloseTo(5.95, 10);
  });
});

describe('bases and the respondent\'s own scores', () => {
  const d = def({
    scales: { sat: scale(['yes', 'no']) },
    sections: [section('s', [single('A', [], { scale: 'sat' }), single('B', [], { scale: 'sat' })])],
    scoring: {
      method: 'points',
      weights: { sat: { yes: 1, no: 0 } },
      components: [
        { id: 'a', label: { vi: 'A', en: 'A' }, items: ['A'], points: 2 },
        { id: 'b', label: { vi: 'B', en: 'B' }, items: ['B'], points: 2, base: 'everyone' },
      ],
    },
  });

  it('"everyone" counts a respondent without an answer as 0; "asked" leaves them out', () => {
    const r = scoreOf(d, [{ A: 'yes', B: 'yes' }, { A: 'yes' }, { A: 'no' }, {}]);
    expect(r.components.map((c) => [c.id, c.n, c.score])).toEqual([
      ['a', 3, expect.closeTo((2 / 3) * 2, 10) as number],
      ['b', 4, 0.5],
    ]);
  });

  it('refuses base "everyone" with pooled answers, and a breakdown that is not a single choice', () => {
    const bad = { ...d, scoring: { ...d.scoring!, aggregation: 'pooled', breakdowns: ['A', 'nope'] } as Scoring };
    const result = load(bad);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('base "everyone" needs aggregation "respondent" or "criterion"'),
        expect.stringContaining('scoring.breakdowns[1]: unknown question "nope"'),
      ]),
    );
  });
});
