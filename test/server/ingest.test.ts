// @vitest-environment node
/** POST /api/submissions: storing, idempotent resends, conflicts and the engine's verdicts per item. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmitResponse } from '../../src/contract';
import type { Submission, SubmitResult } from '../../src/contract';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { validSipasSubmission, validSipasV2Submission, withoutAnswers } from './fixtures';
import { post } from './http';
import { officialsSubmission } from './officials';

describeEachDatabase('ingest', (database) => {
  let server: TestServer;
  let token: string;
  let deviceId: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    ({ token, deviceId } = await server.enrolDevice('Trần Thị B'));
  });
  afterAll(() => server.close());

  async function submit(items: unknown[]): Promise<SubmitResult[]> {
    const r = await post(server, '/api/submissions', { items }, { token });
    expect(r.status).toBe(200);
    return SubmitResponse.parse(r.body).results;
  }

  it('stores a valid interview with its device and acknowledges it', async () => {
    const item = validSipasSubmission();
    const before = await server.countSubmissions();
    expect(await submit([item])).toEqual([{ id: item.id, status: 'stored' }]);
    expect(await server.countSubmissions()).toBe(before + 1);
    const stored = await server.getSubmission(item.id);
    expect(stored).toMatchObject({
      id: item.id,
      surveyId: 'sipas-citizen',
      surveyVersion: 1,
      respondentGroup: 'citizen',
      stratum: 'dong-hoi',
      lang: 'vi',
      answers: item.answers,
      sectionTimes: item.sectionTimes,
      startedAt: item.startedAt,
      completedAt: item.completedAt,
      deviceId,
    });
  });

  it('acknowledges a resend of the same content as duplicate and stores nothing more', async () => {
    const item = validSipasSubmission();
    await submit([item]);
    const count = await server.countSubmissions();
    // Same content, keys in another order: still the same interview.
    const reordered = Object.fromEntries(Object.entries(item).reverse()) as Submission;
    expect(await submit([reordered])).toEqual([{ id: item.id, status: 'duplicate' }]);
    expect(await submit([{ ...item, id: item.id.toUpperCase() }])).toEqual([{ id: item.id.toUpperCase(), status: 'duplicate' }]);
    expect(await server.countSubmissions()).toBe(count);
  });

  it('refuses different content under a stored id with conflict, keeping the first', async () => {
    const item = validSipasSubmission();
    await submit([item]);
    const changed = { ...item, answers: { ...item.answers, overallSat: '1' } };
    const [result] = await submit([changed]);
    expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'conflict' });
    expect((await server.getSubmission(item.id))?.answers.overallSat).toBe(item.answers.overallSat);
  });

  it('treats the same id twice in one batch as stored then duplicate', async () => {
    const item = validSipasSubmission();
    expect(await submit([item, item])).toEqual([
      { id: item.id, status: 'stored' },
      { id: item.id, status: 'duplicate' },
    ]);
  });

  it('stores the good items of a batch with a bad one, answering in the order sent', async () => {
    const good1 = validSipasSubmission();
    const bad = validSipasSubmission({ surveyId: 'no-such-survey' });
    const good2 = validSipasSubmission();
    const results = await submit([good1, bad, good2]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [good1.id, 'stored'],
      [bad.id, 'rejected'],
      [good2.id, 'stored'],
    ]);
    expect(await server.getSubmission(bad.id)).toBeUndefined();
    expect(await server.getSubmission(good2.id)).toBeDefined();
  });

  it('keeps only the answers the engine keeps (an empty answer to a hidden question is dropped)', async () => {
    const item = validSipasSubmission({ answers: { extraPapersWhat: '' } });
    expect((await submit([item]))[0]?.status).toBe('stored');
    expect((await server.getSubmission(item.id))?.answers).not.toHaveProperty('extraPapersWhat');
  });

  it('stores a missing district answer as the interview’s stratum (the question records it)', async () => {
    const item = withoutAnswers(validSipasV2Submission({ stratum: 'ba-don' }), 'district');
    const [result] = await submit([item]);
    expect(result?.status).toBe('stored');
    expect((await server.getSubmission(item.id))?.answers).toMatchObject({ district: 'ba-don' });
  });

  it('stores an interview in a stratum the group’s list lacks: a campaign planned it (or did, before the tablet’s last sync)', async () => {
    // A commune created by the merger, which no questionnaire version lists: the answer recording it is the stratum.
    const item = validSipasSubmission({ stratum: 'phuong-dong-son' });
    expect(await submit([item])).toEqual([{ id: item.id, status: 'stored' }]);
    expect(await server.getSubmission(item.id)).toMatchObject({ stratum: 'phuong-dong-son', answers: { district: 'phuong-dong-son' } });
    const filled = withoutAnswers(validSipasSubmission({ stratum: 'phuong-dong-son' }), 'district');
    expect(await submit([filled])).toEqual([{ id: filled.id, status: 'stored' }]);
    expect((await server.getSubmission(filled.id))?.answers).toMatchObject({ district: 'phuong-dong-son' });
    // Another answer (an older app's) becomes the stratum, as for a stratum of the list.
    const other = validSipasSubmission({ stratum: 'phuong-dong-son', answers: { district: 'xa-khac' } });
    expect(await submit([other])).toEqual([{ id: other.id, status: 'stored' }]);
    expect((await server.getSubmission(other.id))?.answers).toMatchObject({ district: 'phuong-dong-son' });
  });

  it('accepts a date question bounded by today answered with today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [result] = await submit([validSipasSubmission({ answers: { resultDate: today } })]);
    expect(result?.status).toBe('stored');
  });

  describe('refuses each item for its own reason, with a stable code', () => {
    const cases: [string, () => Submission, string][] = [
      ['an unknown survey', () => validSipasSubmission({ surveyId: 'papi-2030' }), 'unknown_survey'],
      ['an unknown version', () => validSipasSubmission({ surveyVersion: 7 }), 'unknown_version'],
      ['a group the survey does not serve', () => validSipasSubmission({ respondentGroup: 'officials' }), 'unknown_group'],
      ['a stratum for a group without strata', () => officialsSubmission('delegate', 'dong-hoi'), 'unknown_stratum'],
      ['a missing stratum', () => {
        const { stratum: _drop, ...rest } = validSipasSubmission();
        return rest;
      }, 'unknown_stratum'],
    ];
    it.each(cases)('%s', async (_what, make, code) => {
      const item = make();
      const [result] = await submit([item]);
      expect(result).toMatchObject({ id: item.id, status: 'rejected', code });
      expect(result?.message).toEqual(expect.any(String));
      expect(await server.getSubmission(item.id)).toBeUndefined();
    });
  });

  describe('refuses answers that break the questionnaire with invalid_answers and the engine codes', () => {
    const cases: [string, () => Submission, string, string][] = [
      ['a wrong type', () => validSipasSubmission({ answers: { trips: 'two' } }), 'trips', 'wrongType'],
      ['a hidden question answered', () => validSipasSubmission({ answers: { apologyLetter: 'yes' } }), 'apologyLetter', 'hiddenAnswered'],
      ['a required answer missing', () => withoutAnswers(validSipasSubmission(), 'sex'), 'sex', 'required'],
      ['an unknown question', () => validSipasSubmission({ answers: { favouriteColour: 'blue' } }), 'favouriteColour', 'unknownQuestion'],
      ['an option not offered', () => validSipasSubmission({ answers: { sex: 'ha-noi' } }), 'sex', 'notAnOption'],
      ['a broken constraint', () => validSipasSubmission({ answers: { trips: 0 } }), 'trips', 'constraint'],
      ['a hidden section answered', () => validSipasSubmission({ answers: { c5_reply: '4' } }), 'c5_reply', 'hiddenAnswered'],
    ];
    it.each(cases)('%s', async (_what, make, field, engineCode) => {
      const item = make();
      const [result] = await submit([item]);
      expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'invalid_answers' });
      expect(result?.errors?.[field]).toEqual({ code: engineCode, message: { vi: expect.any(String), en: expect.any(String) } });
      expect(await server.getSubmission(item.id)).toBeUndefined();
    });
  });

  // The export that showed it: stratum ba-don, district answer dong-hoi (the district question
  // records the stratum). A tablet on today's app cannot send that; one on an older app can, and
  // its completed interview is stored with the stratum as its district, never refused.
  it.each([
    ['version 1', () => validSipasSubmission({ stratum: 'ba-don', answers: { district: 'dong-hoi' } })],
    ['version 2', () => validSipasV2Submission({ stratum: 'ba-don', answers: { district: 'dong-hoi' } })],
  ])('stores a district that contradicts the stratum as the stratum (%s)', async (_what, make) => {
    const item = make();
    const [result] = await submit([item]);
    expect(result).toMatchObject({ id: item.id, status: 'stored' });
    expect((await server.getSubmission(item.id))?.answers).toMatchObject({ district: 'ba-don' });
    // Sent again as it was: a duplicate, not a conflict.
    const [again] = await submit([item]);
    expect(again).toMatchObject({ id: item.id, status: 'duplicate' });
  });
});
