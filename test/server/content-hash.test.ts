// @vitest-environment node
/**
 * An interview's fingerprint is stored with it and compared with every resend, so it must stay
 * the same across versions of the server: a changed fingerprint would turn resends of interviews
 * already stored into conflicts.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/contract';
import { contentHash } from '../../src/server/ingest/content-hash';

const interview: Submission = {
  id: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
  surveyId: 'sipas-citizen',
  surveyVersion: 1,
  respondentGroup: 'citizen',
  stratum: 'dong-hoi',
  lang: 'vi',
  answers: { sex: 'female', trips: 2, improvePriorities: ['faster', 'attitude'], comment: 'Cán bộ nhiệt tình, "rõ ràng".\n', grid: { '10': '4', '9': '3', b: '1' } },
  startedAt: '2024-11-05T09:00:00.000+07:00',
  completedAt: '2024-11-05T09:17:30.000+07:00',
  sectionTimes: { 'b-procedure': 200, 'a-respondent': 120.5 },
};

describe('contentHash', () => {
  it('is the fingerprint stored interviews were given (sha256 of the canonical JSON, id in lower case)', () => {
    expect(contentHash(interview)).toBe('58f7966b23be385154474d08e0ebb768e6aea02c2a6b2a848cff1d8574425249');
  });

  it('is the same whatever the order of keys and the case of the id, and changes with any answer', () => {
    const reordered: Submission = {
      sectionTimes: { 'a-respondent': 120.5, 'b-procedure': 200 },
      answers: { grid: { b: '1', '9': '3', '10': '4' }, comment: 'Cán bộ nhiệt tình, "rõ ràng".\n', improvePriorities: ['faster', 'attitude'], trips: 2, sex: 'female' },
      completedAt: interview.completedAt,
      startedAt: interview.startedAt,
      lang: 'vi',
      stratum: 'dong-hoi',
      respondentGroup: 'citizen',
      surveyVersion: 1,
      surveyId: 'sipas-citizen',
      id: interview.id.toLowerCase(),
    };
    expect(contentHash(reordered)).toBe(contentHash(interview));
    expect(contentHash({ ...interview, answers: { ...interview.answers, trips: 3 } })).not.toBe(contentHash(interview));
    expect(contentHash({ ...interview, answers: { ...interview.answers, improvePriorities: ['attitude', 'faster'] } })).not.toBe(contentHash(interview));
  });
});
