/**
 * Simulated enumerator tablets for the fault tests: a device database of its own, enrolled with
 * the test server, and citizens' interviews (survey-definitions/sipas-citizen.json) each different
 * from the others, completed through the store's own commands so they wait in the outbox.
 */
import { completeInterview, saveEnrolment, startInterview, SurveyDb, type InterviewRecord } from '../../src/store';
import type { AnswerValue } from '../../src/survey';
import type { TestServer } from '../server/harness';
import { sipas } from '../sync/interviews';

const DISTRICTS = ['dong-hoi', 'ba-don', 'minh-hoa', 'tuyen-hoa', 'quang-trach', 'bo-trach', 'quang-ninh', 'le-thuy'] as const;
const PRIORITIES = ['simplify', 'faster', 'transparency', 'attitude', 'competence', 'facilities', 'online', 'fees', 'feedback'] as const;
const VIA = ['provincial-centre', 'district-onestop', 'commune', 'online', 'post'] as const;
const ON_TIME = ['early', 'on-time', 'late'] as const;

export interface SimulatedDevice {
  index: number;
  db: SurveyDb;
  deviceId: string;
  token: string;
}

/** Opens a device database of its own (a unique name) and enrols it, talking to the server at `url`. */
export async function simulatedDevice(server: TestServer, index: number, url: string): Promise<SimulatedDevice> {
  const db = new SurveyDb({ name: `fault-device-${index}-${Math.random().toString(36).slice(2)}` });
  const { token, deviceId } = await server.enrolDevice(`Điều tra viên ${index + 1}`);
  await saveEnrolment({ serverUrl: url, deviceId, name: `Máy tính bảng ${index + 1}`, token, enrolledAt: new Date().toISOString() }, db);
  return { index, db, deviceId, token };
}

export async function removeDevice(device: SimulatedDevice): Promise<void> {
  device.db.close();
  await device.db.delete().catch(() => undefined);
}

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The answers of interview `n` of device `d`: valid, and different for every (d, n). */
export function interviewAnswers(d: number, n: number): { stratum: string; answers: Record<string, AnswerValue> } {
  const k = d * 1000 + n;
  const sat = (j: number) => String(((k * 7 + j * 3) % 5) + 1);
  const via = at(VIA, k);
  const onTime = at(ON_TIME, k >> 1);
  const feedback = k % 3 === 0;
  const extra = k % 4 === 0;
  const stratum = at(DISTRICTS, k);
  const answers: Record<string, AnswerValue> = {
    district: stratum,
    commune: `Xã số ${n} — máy ${d}`,
    respondentType: k % 2 ? 'organisation' : 'individual',
    sex: k % 5 < 2 ? 'male' : 'female',
    ageBand: at(['18-24', '25-34', '35-49', '50-60', 'over60'], k),
    ethnicity: at(['kinh', 'bru-van-kieu', 'chut', 'other'], k >> 2),
    ...(at(['kinh', 'bru-van-kieu', 'chut', 'other'], k >> 2) === 'other' ? { ethnicity__other: 'Tày' } : {}),
    education: at(['none', 'primary', 'lower-secondary', 'upper-secondary', 'vocational', 'university', 'postgraduate'], k),
    occupation: at(['farming', 'worker', 'trade', 'enterprise', 'public-sector', 'retired', 'homemaker'], k),
    area: k % 2 ? 'urban' : 'rural',
    procedureField: at(['land', 'construction', 'business', 'civil-status', 'justice', 'labour-social', 'transport'], k),
    submittedVia: via,
    resultDate: `2024-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 28) + 1).padStart(2, '0')}`,
    trips: 1 + (k % 6),
    resultOnTime: onTime,
    ...(onTime === 'late' ? { apologyLetter: k % 2 ? 'yes' : 'no' } : {}),
    extraPapers: extra ? 'yes' : 'no',
    ...(extra ? { extraPapersWhat: `Giấy tờ thêm số ${k}` } : {}),
    feedbackGiven: feedback ? 'yes' : 'no',
    c1_location: sat(1),
    c1_waiting: sat(2),
    c1_equipment: sat(3),
    c1_queue: sat(4),
    ...(via === 'online' ? { c1_onlinePortal: sat(5) } : {}),
    c2_published: sat(6),
    c2_documents: sat(7),
    c2_forms: sat(8),
    c2_fees: sat(9),
    c2_duration: sat(10),
    c3_courtesy: sat(11),
    c3_listening: sat(12),
    c3_answers: sat(13),
    c3_guidance: sat(14),
    c3_noHarassment: sat(15),
    c3_rules: sat(16),
    c4_lawful: sat(17),
    c4_complete: sat(18),
    c4_accurate: sat(19),
    c4_timing: sat(20),
    ...(feedback ? { c5_channels: sat(21), c5_easy: sat(22), c5_handling: sat(23), c5_reply: sat(24) } : {}),
    improvePriorities: [at(PRIORITIES, k), at(PRIORITIES, k + 3)],
    overallSat: sat(25),
    comment: `Phiếu ${n} của máy ${d}: “cán bộ nhiệt tình” ✓`,
  };
  return { stratum, answers };
}

/** Starts and completes `count` interviews on the device; they are in its outbox afterwards. */
export async function completeInterviews(device: SimulatedDevice, count: number): Promise<InterviewRecord[]> {
  const done: InterviewRecord[] = [];
  for (let n = 0; n < count; n++) {
    const { stratum, answers } = interviewAnswers(device.index, n);
    const record = await startInterview({ definition: sipas, respondentGroup: 'citizen', stratum, lang: n % 3 ? 'vi' : 'en' }, device.db);
    const sectionTimes = Object.fromEntries(sipas.sections.map((s, i) => [s.id, 20 + ((n + i) % 90)]));
    done.push(await completeInterview(record.id, { answers, sectionTimes }, device.db));
  }
  return done;
}
