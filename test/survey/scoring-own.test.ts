/**
 * A respondent's own scores (the papi components' values and the overall score each interview
 * contributes, under "<component>" and "*") are computed straight from the interview's
 * contributions, the server doing so for every interview it stores. They must be exactly what
 * `combineScores` gives for the interview alone, for every shipped questionnaire with scoring,
 * under every aggregation and both bases, on many answer sets (some questions left unanswered,
 * some answered "don't know").
 */
import { describe, expect, it } from 'vitest';
import { combineScores, isAnswerable, OVERALL_KEY, optionsOf, questionIndex, rowsOf, scoreKeptContributions, totalsOf } from '../../src/survey';
import type { Answers, Definition, Scoring, ScoringAggregation, ScoringBase } from '../../src/survey';
import { seeded } from '../../bench/answers';
import { shippedDefinitions } from './answer-sets';

/** Answers to the single choices and matrices, a fifth of them (and of the rows) left out. */
function randomAnswers(def: Definition, random: () => number): Answers {
  const answers: Answers = {};
  for (const [id, { question: q }] of questionIndex(def)) {
    if (!isAnswerable(q) || random() < 0.2) continue;
    const pick = () => {
      const options = optionsOf(def, q);
      return options[Math.floor(random() * options.length)]?.value;
    };
    if (q.type === 'single') {
      const v = pick();
      if (v !== undefined) answers[id] = v;
    } else if (q.type === 'matrix') {
      const rows: Record<string, string> = {};
      for (const r of rowsOf(def, q)) {
        const v = pick();
        if (v !== undefined && random() >= 0.2) rows[r.value] = v;
      }
      answers[id] = rows;
    }
  }
  return answers;
}

const withMethod = (def: Definition, aggregation: ScoringAggregation, base: ScoringBase): Definition => {
  const scoring = def.scoring!;
  const components =
    scoring.method === 'papi'
      ? scoring.components.map((c) => ({ ...c, parts: c.parts.map((p) => ({ ...p, base })) }))
      : scoring.components.map((c) => ({ ...c, base }));
  return { ...def, scoring: { ...scoring, aggregation, components } as Scoring };
};

const scored = shippedDefinitions().filter((s) => s.definition.scoring !== undefined);

describe('a respondent\'s own scores equal combineScores of the interview alone', () => {
  it('has shipped questionnaires of every method to try', () => {
    expect(new Set(scored.map((s) => s.definition.scoring!.method))).toEqual(new Set(['share', 'points', 'papi']));
  });

  for (const { file, definition } of scored)
    for (const aggregation of ['respondent', 'criterion', 'pooled'] as const)
      for (const base of ['asked', 'everyone'] as const)
        it(`${file}, ${aggregation}, base ${base}`, () => {
          const def = withMethod(definition, aggregation, base);
          const random = seeded(file.length * 31 + aggregation.length * 7 + base.length);
          const owned = new Set([OVERALL_KEY, ...(def.scoring!.method === 'papi' ? def.scoring!.components.map((c) => c.id) : [])]);
          let withScore = 0;
          for (let i = 0; i < 60; i++) {
            const parts = scoreKeptContributions(def, randomAnswers(def, random));
            const own = parts.filter((p) => owned.has(p.key));
            const answered = parts.filter((p) => !owned.has(p.key) && !p.key.endsWith('@'));
            const alone = combineScores(def, totalsOf(answered), 1);
            const expected = [
              ...(def.scoring!.method === 'papi' ? alone.components.flatMap((c) => (c.value === null ? [] : [{ key: c.id, sum: c.value, count: 1 }])) : []),
              ...(alone.score === null ? [] : [{ key: OVERALL_KEY, sum: alone.score, count: 1 }]),
            ];
            expect(own).toEqual(expected);
            if (alone.score !== null) withScore += 1;
          }
          expect(withScore).toBeGreaterThan(30);
        });
});
