/**
 * Realistic, valid answers to any questionnaire for the benchmark's interviews: walks the sections
 * in order like an interviewer (skip logic applied as it goes), answers every shown question that
 * is required and most optional ones, with Vietnamese free text of ordinary length. Seeded, so a
 * run is repeatable; every set is checked with the engine's own validateAnswers.
 */
import { evaluate, isAnswerable, keptAnswers, optionsOf, otherKey, rowsOf, validateAnswers } from '../src/survey';
import type { AnswerValue, Answers, AnswerableQuestion, Definition, Option } from '../src/survey';

export type Random = () => number;

/** mulberry32: a small, fast, seeded generator. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const COMMUNES = [
  'Phường Hải Đình',
  'Phường Đồng Phú',
  'Xã Bảo Ninh',
  'Xã Quang Phú',
  'Phường Ba Đồn',
  'Xã Quảng Hòa',
  'Thị trấn Quy Đạt',
  'Xã Hóa Tiến',
  'Thị trấn Đồng Lê',
  'Xã Thạch Hóa',
  'Xã Quảng Phú',
  'Thị trấn Hoàn Lão',
  'Xã Nhân Trạch',
  'Thị trấn Kiến Giang',
  'Xã Hồng Thủy',
];

const COMMENTS = [
  'Cán bộ một cửa hướng dẫn tận tình, thủ tục rõ ràng.',
  'Thời gian chờ đợi còn lâu, đề nghị bố trí thêm quầy tiếp nhận vào giờ cao điểm.',
  'Nên công khai đầy đủ hơn các khoản phí, lệ phí tại nơi tiếp nhận hồ sơ.',
  'Đề nghị đẩy mạnh dịch vụ công trực tuyến để người dân không phải đi lại nhiều lần.',
  'Thái độ phục vụ tốt, tuy nhiên biểu mẫu còn phức tạp, khó điền đối với người cao tuổi.',
  'Cần tăng cường phối hợp giữa các phòng ban để giải quyết hồ sơ đúng hẹn.',
  'Trang thiết bị tại bộ phận một cửa đã được cải thiện so với năm trước.',
  'Việc trả kết quả qua bưu điện rất thuận tiện, đề nghị tiếp tục duy trì.',
];

const SHORT_TEXTS = ['Không có', 'Giấy xác nhận của Ủy ban nhân dân xã', 'Bản sao sổ hộ khẩu', 'Ý kiến của người trả lời', 'Hợp đồng lao động'];

/** Strings tried, in turn, for a text question with a pattern the generator cannot read. */
const PATTERN_CANDIDATES = ['0912345678', '12345', '2024', 'A1', 'abc', 'Nguyễn Văn A', 'nva@example.vn'];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function choose(random: Random, options: readonly Option[]): Option {
  // "Don't know" and other non-substantive answers are rare.
  const substantive = options.filter((o) => !o.missing);
  return substantive.length > 0 && random() > 0.04 ? pick(random, substantive) : pick(random, options);
}

function answerOf(def: Definition, q: AnswerableQuestion, random: Random, today: string, into: Answers): AnswerValue | undefined {
  switch (q.type) {
    case 'single': {
      const o = choose(random, optionsOf(def, q));
      if (o.other) into[otherKey(q.id)] = pick(random, SHORT_TEXTS);
      return o.value;
    }
    case 'multiple': {
      const options = optionsOf(def, q);
      const exclusive = options.filter((o) => o.exclusive);
      const open = options.filter((o) => !o.exclusive);
      if (open.length === 0 || (exclusive.length > 0 && random() < 0.05)) return [pick(random, exclusive.length > 0 ? exclusive : options).value];
      const least = Math.min(q.minSelected ?? 1, open.length);
      const most = Math.max(least, Math.min(q.maxSelected ?? 3, open.length));
      const count = least + Math.floor(random() * (most - least + 1));
      const chosen = [...open].sort(() => random() - 0.5).slice(0, count);
      if (chosen.some((o) => o.other)) into[otherKey(q.id)] = pick(random, SHORT_TEXTS);
      return chosen.map((o) => o.value);
    }
    case 'matrix': {
      const scale = optionsOf(def, q);
      return Object.fromEntries(rowsOf(def, q).map((r) => [r.value, choose(random, scale).value]));
    }
    case 'integer': {
      const min = q.min ?? 0;
      const max = q.max ?? Math.max(min + 10, 10);
      // Small counts are the common answers (trips, years, staff).
      return min + Math.floor(random() * random() * (max - min + 1));
    }
    case 'decimal': {
      const min = q.min ?? 0;
      const max = q.max ?? min + 100;
      const factor = 10 ** Math.min(q.decimals ?? 1, 2);
      return Math.min(max, Math.round((min + random() * (max - min)) * factor) / factor);
    }
    case 'text': {
      if (q.pattern !== undefined) {
        const re = new RegExp(`^(?:${q.pattern})$`, 'u');
        return PATTERN_CANDIDATES.find((c) => re.test(c) && (q.maxLength === undefined || c.length <= q.maxLength));
      }
      const text = q.id.toLowerCase().includes('commune') ? pick(random, COMMUNES) : pick(random, SHORT_TEXTS);
      return q.maxLength !== undefined ? text.slice(0, q.maxLength) : text;
    }
    case 'longtext': {
      const text = pick(random, COMMENTS) + (random() < 0.4 ? ' ' + pick(random, COMMENTS) : '');
      return q.maxLength !== undefined ? text.slice(0, q.maxLength) : text;
    }
    case 'date': {
      const lo = q.min === 'today' ? today : (q.min ?? isoDay(new Date(Date.parse(today) - 400 * 86_400_000)));
      const hi = q.max === 'today' ? today : (q.max ?? today);
      const a = Date.parse(lo);
      const b = Math.max(a, Date.parse(hi));
      return isoDay(new Date(a + Math.floor(random() * ((b - a) / 86_400_000 + 1)) * 86_400_000));
    }
  }
}

/** One attempt: may break a rule the generator cannot foresee; the caller checks it. */
function attempt(def: Definition, random: Random, today: string): Answers {
  const answers: Answers = {};
  for (const section of def.sections) {
    if (section.visibleIf && !evaluate(section.visibleIf, answers)) continue;
    for (const q of section.questions) {
      if (!isAnswerable(q) || (q.visibleIf && !evaluate(q.visibleIf, answers))) continue;
      const optionalRate = q.type === 'longtext' ? 0.45 : 0.85;
      if (!q.required && random() > optionalRate) continue;
      // A constraint may depend on the value itself: a few draws usually find one that holds.
      for (let i = 0; i < 20; i++) {
        const extra: Answers = {};
        const value = answerOf(def, q, random, today, extra);
        if (value === undefined) break;
        const next = { ...answers, ...extra, [q.id]: value };
        if ((q.constraints ?? []).every((c) => evaluate(c.test, next))) {
          Object.assign(answers, extra, { [q.id]: value });
          break;
        }
      }
    }
  }
  return keptAnswers(def, answers);
}

/** A complete, valid set of answers; throws, naming the problems, if none is found. */
export function realisticAnswers(def: Definition, random: Random, today = isoDay(new Date())): Answers {
  let problems = '';
  for (let i = 0; i < 50; i++) {
    const answers = attempt(def, random, today);
    const errors = validateAnswers(def, answers, { today });
    if (Object.keys(errors).length === 0) return answers;
    problems = Object.entries(errors)
      .map(([id, e]) => `${id}: ${e.code}`)
      .join(', ');
  }
  throw new Error(`no valid answers found for ${def.id} v${def.version} (last try: ${problems})`);
}

/** Milliseconds per section (as the form's timer keeps them) for the sections these answers show. */
export function sectionTimesFor(def: Definition, answers: Answers, random: Random): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of def.sections) {
    if (s.visibleIf && !evaluate(s.visibleIf, answers)) continue;
    out[s.id] = Math.round(s.questions.length * (15_000 + random() * 30_000));
  }
  return out;
}
