// @vitest-environment node
/**
 * Section times from the form's timer to the stored row: what the wire format takes (a bounded
 * record, counted before it is read), what the server keeps (the questionnaire's sections, times
 * from 0 to MAX_SECTION_MS), and that every shipped questionnaire's device-made times pass both
 * untouched. Also the clock rule of ingest (clockProblem).
 */
import { describe, expect, it } from 'vitest';
import { SectionTimer } from '../../src/app/form/timer';
import { MAX_SECTION_MS, MAX_SECTION_TIMES, Submission, submissionCandidate } from '../../src/contract';
import { clockProblem } from '../../src/server/ingest/clock';
import { keptSectionTimes } from '../../src/server/ingest/section-times';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { MAX_SECTIONS } from '../../src/survey';
import { parseDefinition } from '../../src/survey/load';
import { def, section, text } from '../survey/fixtures';
import { validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR } from './harness';

const times = (n: number, value = 1) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, value]));

describe('section times on the wire', () => {
  it('take one per section of the largest questionnaire the format allows, and refuse one more where they are', () => {
    expect(MAX_SECTION_TIMES).toBe(MAX_SECTIONS);
    expect(Submission.safeParse(validSipasSubmission({ sectionTimes: times(MAX_SECTION_TIMES) })).success).toBe(true);
    const parsed = Submission.safeParse(validSipasSubmission({ sectionTimes: times(MAX_SECTION_TIMES + 1) }));
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['sectionTimes'], message: expect.stringContaining(`at most ${MAX_SECTION_TIMES}`) })]);
  });

  it('count the entries before reading any: a huge record of bad values is one problem, not one per entry', () => {
    const parsed = Submission.safeParse(validSipasSubmission({ sectionTimes: times(100_000, 'x' as unknown as number) }));
    expect(parsed.error?.issues).toHaveLength(1);
  });

  it('take any finite number (the server drops those out of range), never another kind of value', () => {
    expect(Submission.safeParse(validSipasSubmission({ sectionTimes: { a: -1, b: 1e300, c: 0.5 } })).success).toBe(true);
    for (const bad of [{ a: '1' }, { a: null }, [1, 2], 'all'])
      expect(Submission.safeParse(validSipasSubmission({ sectionTimes: bad as unknown as Record<string, number> })).success).toBe(false);
  });
});

describe('the questionnaire format', () => {
  it(`refuses a questionnaire of more than ${MAX_SECTIONS} sections, so no device makes more section times than the wire takes`, () => {
    const of = (n: number) => def({ sections: Array.from({ length: n }, (_, i) => section(`s${i}`, [text(`q${i}`)])) });
    expect(parseDefinition(JSON.stringify(of(MAX_SECTIONS)), 'x.json').ok).toBe(true);
    const refused = parseDefinition(JSON.stringify(of(MAX_SECTIONS + 1)), 'x.json');
    expect(refused.ok ? [] : refused.errors).toEqual([expect.objectContaining({ path: 'sections', message: expect.stringContaining(`at most ${MAX_SECTIONS} sections`) })]);
  });
});

describe('keptSectionTimes', () => {
  const definition = loadCatalog(DEFINITIONS_DIR).get('sipas-citizen', 1)!.definition;

  it('keeps the questionnaire’s sections with times from 0 to MAX_SECTION_MS, in its order, and drops the rest', () => {
    // As JSON.parse makes it (so "__proto__" is a key of its own).
    const sent = JSON.parse(
      `{"d-priorities": 0, "a-respondent": ${MAX_SECTION_MS}, "b-procedure": ${MAX_SECTION_MS + 1}, "c1-access": -1, "c2-procedure": 2.5, "nope": 1, "__proto__": 5, "hasOwnProperty": 1}`,
    ) as Record<string, number>;
    const kept = keptSectionTimes(definition, sent);
    expect(kept).toEqual({ 'a-respondent': MAX_SECTION_MS, 'c2-procedure': 2.5, 'd-priorities': 0 });
    expect(Object.keys(kept)).toEqual(['a-respondent', 'c2-procedure', 'd-priorities']);
  });
});

describe('the device’s own section times', () => {
  it.each(loadCatalog(DEFINITIONS_DIR).list().map((e) => ({ name: `${e.definition.id} v${e.definition.version}`, definition: e.definition })))(
    '$name: the form’s timer makes a valid submission whose times the server keeps whole',
    ({ definition }) => {
      let clock = 0;
      const timer = new SectionTimer({}, () => clock);
      for (const s of definition.sections) {
        timer.enter(s.id);
        clock += 61_000;
      }
      timer.pause();
      const sectionTimes = timer.snapshot();
      expect(Object.keys(sectionTimes)).toEqual(definition.sections.map((s) => s.id));
      const record = { ...validSipasSubmission(), surveyId: definition.id, surveyVersion: definition.version, updatedAt: '2024-11-05T09:17:30.000+07:00', sectionTimes };
      const parsed = Submission.safeParse(submissionCandidate(record));
      expect(parsed.success).toBe(true);
      expect(keptSectionTimes(definition, parsed.data!.sectionTimes)).toEqual(sectionTimes);
    },
  );
});

describe('clockProblem', () => {
  const received = '2026-12-06T09:00:00.000Z';
  it.each([
    ['plausible', '2026-12-01T09:00:00.000+07:00', '2026-12-01T09:30:00.000+07:00', undefined],
    ['completed the moment it started', '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z', undefined],
    ['a day ahead of the server, no more', '2026-12-07T08:00:00.000Z', '2026-12-07T09:00:00.000Z', undefined],
    ['completed more than a day ahead', '2026-12-06T09:00:00.000Z', '2026-12-07T09:00:00.001Z', 'future'],
    ['started more than a day ahead', '2026-12-07T09:00:00.001Z', '2026-12-06T09:00:00.000Z', 'future'],
    ['the year 9999', '2026-12-06T08:00:00.000Z', '9999-12-31T23:59:59.000-12:00', 'future'],
    ['the first instant of 2020', '2020-01-01T00:00:00.000Z', '2020-01-01T00:10:00.000Z', undefined],
    ['before 2020', '2019-12-31T23:59:59.999Z', '2026-12-06T08:00:00.000Z', 'too_early'],
    ['a factory reset clock', '1970-01-01T00:00:00.000Z', '1970-01-01T00:30:00.000Z', 'too_early'],
    ['completed before it started', '2026-12-01T09:30:00.000+07:00', '2026-12-01T09:29:59.999+07:00', 'before_start'],
    ['the same instant written in two time zones', '2026-12-01T09:00:00.000+07:00', '2026-12-01T02:00:00.000Z', undefined],
  ])('%s', (_, startedAt, completedAt, problem) => {
    expect(clockProblem(startedAt, completedAt, received)).toBe(problem);
  });
});
