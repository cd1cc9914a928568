/**
 * Walks every questionnaire in survey-definitions/ with the engine: every skip condition can be
 * met and missed by answers built from the questionnaire's own options and ranges, every choice a
 * respondent makes still leads to a questionnaire they can complete, and every respondent group
 * has a complete answer set the server would accept.
 */
import { describe, expect, it } from 'vitest';
import { isAnswerable, optionsOf, resolve } from '../../src/survey';
import type { Definition } from '../../src/survey';
import { completeAnswers, conditionals, problemsOf, reach, shippedDefinitions, UNANSWERED } from './answer-sets';
import { def, integer, section, single } from './fixtures';

const shipped = shippedDefinitions();

describe('the search for answers that meet a skip condition', () => {
  it('finds a complete accepted set that shows a conditional question and one that hides it', () => {
    const d = def({
      sections: [
        section('a', [single('used', ['yes', 'no'], { required: true }), integer('times', { min: 0, max: 9, required: true })]),
        section('b', [single('rate', ['good', 'bad'], { required: true, visibleIf: { all: [{ q: 'used', equals: 'yes' }, { q: 'times', gte: 3 }] } })]),
      ],
    });
    const found = reach(d, { kind: 'question', id: 'rate', condition: { all: [{ q: 'used', equals: 'yes' }, { q: 'times', gte: 3 }] } });
    expect(found.shown).toMatchObject({ used: 'yes', rate: 'good' });
    expect(found.shown?.times).toBeGreaterThanOrEqual(3);
    expect(found.hiddenValid).toBe(true);
    expect(resolve(d, found.hidden!).questions.has('rate')).toBe(false);
  });

  it('finds nothing for a condition no answer can meet, so the walk below fails on such a file', () => {
    const never = { all: [{ q: 'used', equals: 'yes' }, { q: 'used', equals: 'no' }] };
    const d = def({ sections: [section('a', [single('used', ['yes', 'no'], { required: true }), single('rate', ['good', 'bad'], { visibleIf: never })])] });
    const found = reach(d, { kind: 'question', id: 'rate', condition: never });
    expect(found.shown).toBeUndefined();
    expect(found.tried).toBeGreaterThan(1);
  });

  it('finds no accepted set when showing the question makes the interview impossible to complete', () => {
    const d = def({
      sections: [
        section('a', [single('used', ['yes', 'no'], { required: true })]),
        section('b', [integer('times', { min: 5, max: 1, required: true, visibleIf: { q: 'used', equals: 'yes' } })]),
      ],
    });
    expect(reach(d, { kind: 'question', id: 'times', condition: { q: 'used', equals: 'yes' } }).shown).toBeUndefined();
  });
});

describe.each(shipped.map((s) => [s.file, s.definition] as const))('%s', (_file, definition: Definition) => {
  const targets = conditionals(definition);

  if (targets.length > 0) {
    it.each(targets.map((t) => [`${t.kind} ${t.id}`, t] as const))('%s can be shown and hidden', (_name, target) => {
      const found = reach(definition, target);
      expect(found.shown, `no accepted answer set shows ${target.kind} ${target.id} (${found.tried} tried)`).toBeDefined();
      expect(found.hidden, `no answers hide ${target.kind} ${target.id} (${found.tried} tried)`).toBeDefined();
      expect(found.hiddenValid, `hiding ${target.id} leaves an interview the engine refuses`).toBe(true);
    });
  }

  it.each(definition.respondentGroups.map((g) => [g.id] as const))('respondent group %s has a complete answer set the server accepts', (groupId) => {
    const group = definition.respondentGroups.find((g) => g.id === groupId)!;
    if (group.stratumList !== undefined) expect(definition.lists?.[group.stratumList]?.length).toBeGreaterThan(0);
    const answers = completeAnswers(definition);
    expect(problemsOf(definition, answers)).toEqual({});
    const state = resolve(definition, answers);
    // Every shown question that takes an answer got one: the set is complete, not just valid.
    const unanswered = [...state.questions].filter((id) => {
      const q = definition.sections.flatMap((s) => s.questions).find((x) => x.id === id)!;
      return isAnswerable(q) && answers[id] === undefined;
    });
    expect(unanswered).toEqual([]);
  });

  it('every option of every choice leaves a questionnaire the respondent can complete', () => {
    const dead: string[] = [];
    for (const q of definition.sections.flatMap((s) => s.questions)) {
      if (q.type !== 'single' && q.type !== 'multiple') continue;
      const options = optionsOf(definition, q);
      for (const o of options) {
        // A multiple choice gets this option plus as many others as it needs to reach its minimum.
        const others = options.filter((x) => x !== o && !x.exclusive && !x.other).map((x) => x.value);
        const least = q.type === 'multiple' && !o.exclusive ? Math.max(1, q.minSelected ?? 1) : 1;
        const value = q.type === 'single' ? o.value : [o.value, ...others.slice(0, least - 1)];
        const answers = completeAnswers(definition, new Map([[q.id, value]]));
        if (answers[q.id] === undefined) continue; // hidden on the default path: covered by the search above
        const problems = problemsOf(definition, answers);
        if (Object.keys(problems).length > 0) dead.push(`${q.id}=${o.value}: ${Object.entries(problems).map(([id, e]) => `${id} ${e.code}`).join(', ')}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('an optional question left unanswered still completes', () => {
    const optional = definition.sections.flatMap((s) => s.questions).filter((q) => isAnswerable(q) && !q.required);
    const answers = completeAnswers(definition, new Map(optional.map((q) => [q.id, UNANSWERED] as const)));
    expect(problemsOf(definition, answers)).toEqual({});
  });
});
