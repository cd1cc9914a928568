/**
 * The statement of how a questionnaire's scores are computed, with a worked example, in
 * Vietnamese and English: shown beside every score (dashboard, report, exports).
 */
import { aggregationOf, scoreLeaves } from './scoring';
import type { Scoring, Text } from './types';

const T = (vi: string, en: string): Text => ({ vi, en });

const SCALE: Record<Scoring['method'], Text> = {
  share: T(
    'Mỗi câu trả lời có trọng số từ 0 đến 1 (hài lòng = 1); điểm của một lĩnh vực là tỷ lệ phần trăm, chỉ số chung là trung bình các lĩnh vực có dữ liệu.',
    'Each answer has a weight from 0 to 1 (satisfied = 1); a component scores a percentage and the index is the mean of the components with data.',
  ),
  points: T(
    'Mỗi câu trả lời có trọng số từ 0 đến 1; điểm của một lĩnh vực là điểm tối đa của lĩnh vực nhân với trọng số trung bình, tổng điểm là tổng các lĩnh vực có dữ liệu.',
    'Each answer has a weight from 0 to 1; a component scores its maximum points times the mean weight, and the total is the sum of the components with data.',
  ),
  papi: T(
    'Mỗi câu trả lời có trọng số từ 0 đến 1; mỗi nội dung thành phần lấy trọng số trung bình, mỗi chỉ số nội dung là 1 + 9 × trung bình các nội dung thành phần (thang 1–10), tổng điểm là tổng các chỉ số nội dung.',
    'Each answer has a weight from 0 to 1; each sub-dimension takes the mean weight, each dimension is 1 + 9 × the mean of its sub-dimensions (1–10), and the total is the sum of the dimensions.',
  ),
};

const AGGREGATION: Record<ReturnType<typeof aggregationOf>, Text> = {
  respondent: T(
    'Tính theo người trả lời: tính trung bình của từng người trước, rồi lấy trung bình giữa những người đó; mỗi người được tính một lần, dù được hỏi bao nhiêu câu.',
    'Per respondent: each respondent’s own mean first, then the mean over respondents; each person counts once, however many items they were asked.',
  ),
  criterion: T(
    'Tính theo tiêu chí: tính kết quả của từng tiêu chí (mỗi câu hỏi, mỗi dòng của bảng) trước, rồi lấy trung bình giữa các tiêu chí; mỗi tiêu chí được tính một lần.',
    'Per criterion: each criterion’s (question’s, table row’s) result first, then the mean over criteria; each criterion counts once.',
  ),
  pooled: T(
    'Gộp mọi câu trả lời: mỗi câu trả lời có trọng số được tính một lần; người được hỏi nhiều câu hơn có ảnh hưởng lớn hơn.',
    'Pooled: every weighted answer counts once; respondents asked more items weigh more.',
  ),
};

const EXAMPLE: Record<ReturnType<typeof aggregationOf>, { share: Text; points: Text }> = {
  respondent: {
    share: T(
      'Ví dụ: người A trả lời 2 tiêu chí, hài lòng cả 2 (100 %); người B trả lời 4 tiêu chí, hài lòng 1 (25 %). Theo người trả lời: (100 + 25) / 2 = 62,5 %. (Gộp mọi câu trả lời sẽ cho 3/6 = 50 %; theo tiêu chí cho 37,5 %.)',
      'Example: respondent A answers 2 criteria, satisfied with both (100 %); B answers 4, satisfied with 1 (25 %). Per respondent: (100 + 25) / 2 = 62.5 %. (Pooled would give 3/6 = 50 %; per criterion 37.5 %.)',
    ),
    points: T(
      'Ví dụ (lĩnh vực 5 điểm): người A được hỏi 4 tiêu chí, đều đạt trọng số 1 (trung bình 1,0); người B được hỏi 7 tiêu chí, mỗi tiêu chí 0,2 (trung bình 0,2). Theo người trả lời: (1,0 + 0,2) / 2 × 5 = 3,00 điểm. (Gộp mọi câu trả lời sẽ cho 5,4 / 11 × 5 = 2,45; theo tiêu chí cho 2,14.)',
      'Example (a 5-point component): respondent A is asked 4 items, all weighted 1 (mean 1.0); B is asked 7, each weighted 0.2 (mean 0.2). Per respondent: (1.0 + 0.2) / 2 × 5 = 3.00 points. (Pooled would give 5.4 / 11 × 5 = 2.45; per criterion 2.14.)',
    ),
  },
  criterion: {
    share: T(
      'Ví dụ: người A trả lời tiêu chí 1 và 2, hài lòng cả 2; người B trả lời tiêu chí 1 đến 4, chỉ hài lòng tiêu chí 1. Tiêu chí 1: 2/2 = 100 %, tiêu chí 2: 1/2 = 50 %, tiêu chí 3 và 4: 0 %. Theo tiêu chí: (100 + 50 + 0 + 0) / 4 = 37,5 %. (Gộp mọi câu trả lời sẽ cho 3/6 = 50 %; theo người trả lời cho 62,5 %.)',
      'Example: respondent A answers criteria 1 and 2, satisfied with both; B answers criteria 1 to 4, satisfied with criterion 1 only. Criterion 1: 2/2 = 100 %, criterion 2: 1/2 = 50 %, criteria 3 and 4: 0 %. Per criterion: (100 + 50 + 0 + 0) / 4 = 37.5 %. (Pooled would give 3/6 = 50 %; per respondent 62.5 %.)',
    ),
    points: T(
      'Ví dụ (lĩnh vực 5 điểm): người A được hỏi tiêu chí 1–4, đều đạt 1; người B được hỏi tiêu chí 1–7, mỗi tiêu chí 0,2. Tiêu chí 1–4: (1 + 0,2) / 2 = 0,6; tiêu chí 5–7: 0,2. Theo tiêu chí: (4 × 0,6 + 3 × 0,2) / 7 × 5 = 2,14 điểm. (Gộp mọi câu trả lời sẽ cho 2,45; theo người trả lời cho 3,00.)',
      'Example (a 5-point component): respondent A is asked items 1–4, all weighted 1; B is asked items 1–7, each weighted 0.2. Items 1–4: (1 + 0.2) / 2 = 0.6; items 5–7: 0.2. Per criterion: (4 × 0.6 + 3 × 0.2) / 7 × 5 = 2.14 points. (Pooled would give 2.45; per respondent 3.00.)',
    ),
  },
  pooled: {
    share: T(
      'Ví dụ: người A trả lời 2 tiêu chí, hài lòng cả 2; người B trả lời 4 tiêu chí, hài lòng 1. Gộp: 3 câu hài lòng / 6 câu trả lời = 50 %. (Theo người trả lời sẽ cho 62,5 %; theo tiêu chí cho 37,5 %.)',
      'Example: respondent A answers 2 criteria, satisfied with both; B answers 4, satisfied with 1. Pooled: 3 satisfied / 6 answers = 50 %. (Per respondent would give 62.5 %; per criterion 37.5 %.)',
    ),
    points: T(
      'Ví dụ (lĩnh vực 5 điểm): người A được hỏi 4 tiêu chí, đều đạt 1; người B được hỏi 7 tiêu chí, mỗi tiêu chí 0,2. Gộp: (4 + 1,4) / 11 × 5 = 2,45 điểm. (Theo người trả lời sẽ cho 3,00; theo tiêu chí cho 2,14.)',
      'Example (a 5-point component): respondent A is asked 4 items, all weighted 1; B is asked 7, each weighted 0.2. Pooled: (4 + 1.4) / 11 × 5 = 2.45 points. (Per respondent would give 3.00; per criterion 2.14.)',
    ),
  },
};

const BASE_ASKED = T(
  'Mỗi lĩnh vực tính trên những người được hỏi và có câu trả lời có trọng số; câu “không biết” không được tính.',
  'Each component rests on the respondents asked who gave a weighted answer; “don’t know” is left out.',
);

/**
 * How `scoring` turns answers into scores, and a worked example of its aggregation. `labels`: the
 * names of components and parts, to name those whose base is every respondent.
 */
export function methodNote(scoring: Scoring, labelOf: (key: string) => Text | undefined = () => undefined): { text: Text; example: Text } {
  const aggregation = aggregationOf(scoring);
  const everyone = scoreLeaves(scoring).filter((l) => l.base === 'everyone');
  const names = (lang: 'vi' | 'en') => everyone.map((l) => `“${labelOf(l.key)?.[lang] ?? l.key}”`).join(', ');
  const base =
    everyone.length === 0
      ? BASE_ASKED
      : T(
          `${BASE_ASKED.vi} Riêng ${names('vi')} tính trên mọi người trả lời: người không được hỏi tính là 0 (ví dụ: 1 trong 10 người được hỏi, đạt 0,55 → 0,55 / 10 = 0,055).`,
          `${BASE_ASKED.en} Except ${names('en')}, which rest on every respondent: one not asked counts 0 (for example, 1 of 10 asked, scoring 0.55 → 0.55 / 10 = 0.055).`,
        );
  const interval = T(
    'Khoảng tin cậy 95 %: phương pháp Wilson cho tỷ lệ phần trăm (n = số người trả lời), phân phối t cho điểm (độ lệch chuẩn giữa những người trả lời).',
    '95 % confidence interval: Wilson for percentages (n = respondents), Student’s t for points (the spread between respondents).',
  );
  const join = (parts: Text[]): Text => T(parts.map((p) => p.vi).join(' '), parts.map((p) => p.en).join(' '));
  return {
    text: join([SCALE[scoring.method], AGGREGATION[aggregation], base, interval]),
    example: EXAMPLE[aggregation][scoring.method === 'share' ? 'share' : 'points'],
  };
}
