// @vitest-environment node
/**
 * The form runtime updates one answer at a time without resolving the whole questionnaire when no
 * condition reads that answer. These tests drive random sequences of changes, the way the form
 * does (a change, then clearing whatever became hidden), and compare every step with a runtime
 * built from scratch on the same values.
 */
import { afterPaint } from '../../src/app/form/taps';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormRuntime } from '../../src/app/form/runtime';
import type { Answers, AnswerValue, Definition } from '../../src/survey';
import { def, matrix, multiple, scale, section, single, text, when } from '../survey/fixtures';

const fixture: Definition = def({
  scales: { sat: scale(['1', '2', '3']) },
  sections: [
    section('a', [
      single('used', ['yes', 'no']),
      single('field', ['land', 'tax', { value: 'other', label: { vi: 'Khác', en: 'Other' }, other: true }]),
      single('plain', ['x', 'y']),
      multiple('channels', ['web', 'desk', { value: 'other', label: { vi: 'Khác', en: 'Other' }, other: true }]),
    ]),
    section('b', [
      matrix('grid', 'sat', ['r1', 'r2', 'r3']),
      // Reads one row of the matrix: a change to another row cannot show or hide it.
      text('rowWhy', { visibleIf: when('grid', { row: 'r2', equals: '3' }) }),
      single('afterUse', ['1', '2'], { visibleIf: when('used', { equals: 'yes' }) })], {
      visibleIf: when('used', { answered: true }),
    }),
    section('c', [single('rated', ['1', '2']), text('why', { visibleIf: when('rated', { equals: '1' }) }), text('free')]),
  ],
});

type Change = { name: string; value: AnswerValue | undefined };

const to = (name: string, ...values: (AnswerValue | undefined)[]): fc.Arbitrary<Change> =>
  fc.constantFrom(...values).map((value) => ({ name, value }));

const change: fc.Arbitrary<Change> = fc.oneof(
  to('used', 'yes', 'no', undefined),
  to('field', 'land', 'other', undefined),
  to('field__other', 'ghi rõ', '', undefined),
  to('plain', 'x', 'y', undefined),
  to('channels', ['web'], ['web', 'other'], [], undefined),
  to('channels__other', 'Zalo', undefined),
  to('grid', { r1: '1' }, { r1: '2', r2: '3' }, { r1: '3', r2: '3' }, { r2: '1' }, {}, undefined),
  to('rowWhy', 'xa', undefined),
  to('afterUse', '1', '2', undefined),
  to('rated', '1', '2', undefined),
  to('why', 'chậm', '', undefined),
  to('free', 'tốt', undefined),
);

function snapshot(rt: FormRuntime, d: Definition) {
  return {
    kept: rt.kept,
    sections: rt.visibleSections(),
    progress: rt.progress(),
    perSection: d.sections.map((s) => rt.sectionProgress(s.id)),
    visible: d.sections.flatMap((s) => s.questions.map((q) => rt.isQuestionVisible(q.id))),
  };
}

/** What the form does on a change: update, then clear each answer that became hidden (each clear is a change too). */
function apply(rt: FormRuntime, values: Answers, c: Change, withName: boolean): void {
  if (c.value === undefined) delete values[c.name];
  else values[c.name] = c.value;
  const queue = rt.update({ ...values }, withName ? c.name : undefined);
  while (queue.length > 0) {
    const name = queue.shift()!;
    delete values[name];
    queue.push(...rt.update({ ...values }, withName ? name : undefined));
  }
}

describe('form runtime', () => {
  it('gives, after every change, exactly the state of a runtime built from the same answers', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 40 }), (changes) => {
        const values: Answers = {};
        const incremental = new FormRuntime(fixture, {});
        for (const c of changes) {
          apply(incremental, values, c, true);
          expect(snapshot(incremental, fixture)).toEqual(snapshot(new FormRuntime(fixture, values), fixture));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same answers and counts whether or not the changed field is named', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 40 }), (changes) => {
        const a: Answers = {};
        const b: Answers = {};
        const named = new FormRuntime(fixture, {});
        const full = new FormRuntime(fixture, {});
        for (const c of changes) {
          apply(named, a, c, true);
          apply(full, b, c, false);
        }
        expect(a).toEqual(b);
        expect(snapshot(named, fixture)).toEqual(snapshot(full, fixture));
      }),
      { numRuns: 300 },
    );
  });

  it('tells counts after the paint, once per frame, and only when they change; visibility at once', async () => {
    const rt = new FormRuntime(fixture, {});
    let counts = 0;
    let shown = 0;
    rt.subscribeProgress(() => (counts += 1));
    rt.subscribe(() => (shown += 1));
    rt.update({ plain: 'x' }, 'plain');
    rt.update({ plain: 'x', field: 'land' }, 'field');
    expect(rt.sectionProgress('a')).toEqual({ answered: 2, total: 4 });
    expect(counts).toBe(0);
    await new Promise<void>((r) => afterPaint(r)); // after the frame the runtime waits for
    expect(counts).toBe(1);
    rt.update({ plain: 'y', field: 'land' }, 'plain');
    await new Promise<void>((r) => afterPaint(r)); // after the frame the runtime waits for
    expect(counts).toBe(1);
    expect(rt.kept).toEqual({ plain: 'y', field: 'land' });
    expect(shown).toBe(0);
    // Section b appears: the page and its counts are told in the same turn.
    rt.update({ plain: 'y', field: 'land', used: 'yes' }, 'used');
    expect([shown, counts]).toEqual([1, 2]);
    expect(rt.visibleSections()).toEqual(['a', 'b', 'c']);
  });

  it('reports an answer to a hidden question as hidden, so the form clears it', () => {
    const rt = new FormRuntime(fixture, { rated: '2' });
    expect(rt.isQuestionVisible('why')).toBe(false);
    expect(rt.update({ rated: '2', why: 'chậm' }, 'why')).toEqual(['why']);
    expect(rt.kept).toEqual({ rated: '2' });
  });
});
