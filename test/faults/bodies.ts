/**
 * Malformed bodies per route: mutations of a valid body, the right shape with wrong identities
 * (questionnaire, version, group, stratum) or broken answers, other JSON entirely, broken JSON,
 * poisoned JSON, bytes that are not UTF-8, and bodies over the size limit.
 */
import fc from 'fast-check';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MAX_BATCH_ITEMS, MAX_BODY_BYTES } from '../../src/contract';
import { CROCKFORD_ALPHABET } from '../../src/contract/codes';
import type { Submission } from '../../src/contract';
import { validInterview, type World } from './fuzz-world';
import { asBytes, asText, asValue, type Body } from './requests';
import { badBytes, brokenJson, hugeString, jsonText, mutated, notAnObject, oversized, poisonedJson, wrongValue } from './malformed';

export const interview = fc.tuple(fc.uuid({ version: 4 }), fc.nat(100_000)).map(([id, n]) => validInterview(n, id));
export const validBatch = fc.array(interview, { minLength: 1, maxLength: 2 }).map((items) => ({ items }));

/**
 * The right shape, wrong identity: a questionnaire, version or group the server does not have, or
 * a stratum that is no code (any code is taken for a group with strata: a campaign may plan its own).
 */
export const wrongIdentity: fc.Arbitrary<Submission> = fc
  .tuple(
    interview,
    fc.record(
      {
        surveyVersion: fc.constantFrom<unknown>(0, -1, 2, 3, 99, 1.5, 2 ** 31, 2 ** 53, '1', null, 1e21),
        surveyId: fc.oneof(fc.constantFrom('par-officials', 'sipas', 'SIPAS-CITIZEN', 'sipas-citizen ', '', '../sipas-citizen', 'par-delegates'), fc.string({ maxLength: 101 })),
        respondentGroup: fc.oneof(fc.constantFrom('delegate', 'citizens', 'Citizen', '', 'unit-leader'), fc.string({ maxLength: 101 })),
        stratum: fc.oneof(fc.constantFrom('hà-nội', 'DONG HOI', '', 'dong-hoi ', 'noi--vu'), fc.string({ maxLength: 101 })),
      },
      { requiredKeys: [] },
    ),
    fc.boolean(),
  )
  .filter(([, wrong]) => Object.keys(wrong).length > 0)
  .map(([item, wrong, dropStratum]) => {
    const out = { ...item, ...wrong } as Record<string, unknown>;
    if (dropStratum && !('stratum' in wrong)) delete out.stratum;
    return out as Submission;
  });

/** The right shape, answers the questionnaire does not allow. */
export const wrongAnswers: fc.Arbitrary<Submission> = fc
  .tuple(
    interview,
    fc.constantFrom(
      { trips: -1 },
      { trips: 1e9 },
      { trips: 2.5 },
      { trips: '3' },
      { sex: 'other' },
      { sex: ['male'] },
      { c1_location: '6' },
      { c1_location: 4 },
      { resultDate: '2999-01-01' },
      { resultDate: '2024-02-30' },
      { resultDate: 'hôm qua' },
      { improvePriorities: [] },
      { improvePriorities: ['faster', 'faster'] },
      { improvePriorities: ['no-opinion', 'faster'] },
      { improvePriorities: ['nothing-like-this'] },
      { improvePriorities: 'faster' },
      { c5_channels: '3' }, // a section hidden unless feedback was given
      { unknownQuestion: 'x' },
      { district: { a: 'b' } },
      { comment: 'x'.repeat(20_001) },
      { extraPapersWhat: 'không có' },
      { ethnicity: 'other' },
    ),
    fc.option(fc.constantFrom('district', 'commune', 'trips', 'overallSat', 'improvePriorities', 'feedbackGiven'), { nil: undefined }),
  )
  .map(([item, change, removed]) => {
    const answers: Record<string, unknown> = { ...item.answers, ...change };
    if (removed !== undefined) delete answers[removed];
    if ('c5_channels' in change) answers.feedbackGiven = 'no';
    return { ...item, answers } as Submission;
  });

/** An interview already stored, with other content under the same id (a conflict, never stored). */
export const conflicting = (w: World): fc.Arbitrary<Submission> =>
  fc.tuple(fc.constantFrom(...w.stored), fc.nat(100_000), fc.boolean()).map(([s, n, upper]) => validInterview(n + 7, upper ? s.id.toUpperCase() : s.id));

/** Bodies for POST /api/submissions. */
export function submissionBodies(w: World): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 10, arbitrary: asValue(mutated(validBatch)) },
    { weight: 4, arbitrary: asValue(fc.array(fc.oneof(wrongIdentity, wrongAnswers, conflicting(w)), { minLength: 1, maxLength: 4 }).map((items) => ({ items }))) },
    { weight: 2, arbitrary: asValue(fc.tuple(wrongValue, fc.boolean()).map(([items, wrap]) => (wrap ? { items } : items))) },
    { weight: 1, arbitrary: asValue(fc.integer({ min: MAX_BATCH_ITEMS + 1, max: MAX_BATCH_ITEMS + 50 }).map((n) => ({ items: Array.from({ length: n }, (_, i) => validInterview(i)) }))) },
    { weight: 3, arbitrary: asText(brokenJson(validBatch.map(jsonText))) },
    { weight: 2, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: asBytes(badBytes) },
    { weight: 1, arbitrary: asText(oversized(MAX_BODY_BYTES)) },
  );
}

/** A completed interview as a device stores it (what a backup file holds). */
const storedRecord = (s: Submission) => ({
  ...s,
  status: 'completed',
  currentSectionId: 'd-priorities',
  progress: { answered: Object.keys(s.answers).length, total: Object.keys(s.answers).length },
  updatedAt: s.completedAt,
  formatVersion: 1,
});

export const validBackup = fc
  .array(fc.oneof(interview, wrongAnswers, wrongIdentity), { minLength: 1, maxLength: 3 })
  .map((items) => ({
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: '2024-11-06T08:00:00.000Z',
    device: { deviceId: 'd1', name: 'Máy 1', serverUrl: 'http://127.0.0.1:8080' },
    interviews: items.map((s) => ({ record: storedRecord(s), outbox: { id: s.id, queuedAt: s.completedAt, attempts: 1, state: 'pending' } })),
  }));

/** Bodies for POST /api/backups. */
export function backupBodies(): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 10, arbitrary: asValue(mutated(validBackup)) },
    {
      weight: 2,
      arbitrary: asValue(
        fc.tuple(validBackup, fc.constantFrom<unknown>('governance-survey/unsent ', 'unsent', null, 1), fc.constantFrom<unknown>(0, 2, '1', 1.5, null)).map(([b, format, version]) => ({ ...b, format, formatVersion: version })),
      ),
    },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 3, arbitrary: asText(brokenJson(validBackup.map(jsonText))) },
    { weight: 2, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: asBytes(badBytes) },
  );
}

const codeShaped = fc
  .string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 10, maxLength: 10 })
  .map((c) => `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`);

/** A valid body (8 draws in 21), a mutation of it, or a malformed body of each kind: the same mix for enrolment and login. */
function aroundValid(valid: fc.Arbitrary<object>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 8, arbitrary: asValue(valid) },
    { weight: 4, arbitrary: asValue(mutated(valid)) },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 2, arbitrary: asText(brokenJson(valid.map(jsonText))) },
    { weight: 2, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: asBytes(badBytes) },
    { weight: 1, arbitrary: asText(oversized(MAX_BODY_BYTES)) },
  );
}

/** Bodies for POST /api/devices/enrol: no unused code exists, so none may enrol a device. */
export function enrolBodies(w: World): fc.Arbitrary<Body> {
  const code = fc.oneof(
    codeShaped,
    fc.constantFrom(w.usedCode, w.usedCode.toLowerCase(), w.usedCode.replace(/-/g, ' '), w.usedCode.replace(/0/g, 'O'), w.expiredCode, w.expiredCode.toLowerCase()),
    fc.string({ maxLength: 40 }),
    wrongValue,
  );
  const valid = fc.record({ code, deviceLabel: fc.oneof(fc.string({ maxLength: 50 }), wrongValue, hugeString) }, { requiredKeys: ['code'] });
  return aroundValid(valid);
}

/** Bodies for POST /api/coordinator/login: never the right password for the right account. */
export function loginBodies(password: string): fc.Arbitrary<Body> {
  const username = fc.oneof(fc.constantFrom('dieuphoi', 'DieuPhoi', ' dieuphoi ', 'admin', '', 'dieuphoi\u0000'), fc.string({ maxLength: 70 }), wrongValue);
  const secret = fc.oneof(fc.constantFrom(password.toUpperCase(), `${password} `, password.slice(1), '', 'x'.repeat(1_025)), fc.string({ maxLength: 40 }), wrongValue);
  const valid = fc.record({ username, password: secret }, { requiredKeys: [] });
  return aroundValid(valid);
}

/** Bodies for POST /api/coordinator/enrolment-codes: no usable name (empty, blank, too long, not text). */
export function enrolmentCodeBodies(): fc.Arbitrary<Body> {
  const name = fc.oneof(fc.constantFrom('', ' ', '\t\n', '\u00a0'.repeat(3), 'x'.repeat(201)), wrongValue.filter((v) => typeof v !== 'string'), hugeString);
  const valid = fc.record({ name, extra: wrongValue }, { requiredKeys: ['name'] });
  return fc.oneof(
    { weight: 8, arbitrary: asValue(valid) },
    { weight: 2, arbitrary: asValue(wrongValue) },
    { weight: 2, arbitrary: asText(brokenJson(fc.constant('{"name":"Nguyễn Văn A"}'))) },
    { weight: 2, arbitrary: asText(notAnObject) },
    { weight: 1, arbitrary: asText(poisonedJson) },
    { weight: 1, arbitrary: asBytes(badBytes) },
    { weight: 1, arbitrary: asText(oversized(MAX_BODY_BYTES)) },
  );
}

/** Any junk body, for routes that take none. */
export const junkBody: fc.Arbitrary<Body> = fc.oneof(
  asValue(wrongValue),
  asText(notAnObject),
  asText(poisonedJson),
  asBytes(badBytes),
  asText(brokenJson(fc.constant('{"a":[1,2,{"b":"c"}]}'))),
);
