/**
 * Cross-checks of a definition's `scoring` block: weights that fit their scales, and scored
 * questions that exist, are weighted and count in one place only. That every component has the
 * fields of the scoring's method is the shape's job (schema.ts).
 */
import type { Path, DefinitionProblem } from './check';
import { questionIndex } from './model';
import type { Definition, QuestionType, Scoring, ScoringAggregation } from './types';

/** The aggregation a scoring block without one uses: per criterion for shares, per respondent for points. */
export const defaultAggregation = (scoring: Pick<Scoring, 'method'>): ScoringAggregation => (scoring.method === 'share' ? 'criterion' : 'respondent');

const DESCRIBE: Record<QuestionType, string> = {
  single: 'a single choice',
  multiple: 'a multiple choice',
  matrix: 'a matrix',
  integer: 'an integer question',
  decimal: 'a decimal question',
  text: 'a text question',
  longtext: 'a long text question',
  date: 'a date question',
  note: 'a note',
};

/** A question's kind in Vietnamese, as the problems of a definition name it. */
export const DESCRIBE_VI: Record<QuestionType, string> = {
  single: 'câu chọn một',
  multiple: 'câu chọn nhiều',
  matrix: 'câu ma trận',
  integer: 'câu số nguyên',
  decimal: 'câu số thập phân',
  text: 'câu hỏi văn bản',
  longtext: 'câu hỏi văn bản dài',
  date: 'câu ngày tháng',
  note: 'ghi chú',
};

export function checkScoring(def: Definition, scoring: Scoring): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: Path, message: string, messageVi: string): void => {
    problems.push({ path, message, messageVi });
  };
  const base: Path = ['scoring'];

  for (const [scaleId, weights] of Object.entries(scoring.weights)) {
    const path: Path = [...base, 'weights', scaleId];
    const scale = def.scales?.[scaleId];
    if (!scale) {
      const known = Object.keys(def.scales ?? {});
      add(
        path,
        `unknown scale "${scaleId}"${known.length > 0 ? ` (scales: ${known.join(', ')})` : ' (the questionnaire has no scales)'}`,
        `không có thang đo “${scaleId}”${known.length > 0 ? ` (các thang đo: ${known.map((k) => `“${k}”`).join(', ')})` : ' (bảng hỏi chưa có thang đo nào)'}`,
      );
      continue;
    }
    const values = scale.options.map((o) => o.value);
    for (const value of Object.keys(weights))
      if (!values.includes(value))
        add(
          [...path, value],
          `scale "${scaleId}" has no option "${value}" (options: ${values.join(', ')})`,
          `thang đo “${scaleId}” không có phương án “${value}” (các phương án: ${values.map((v) => `“${v}”`).join(', ')})`,
        );
    for (const o of scale.options) {
      const weighted = Object.hasOwn(weights, o.value);
      if (o.missing && weighted)
        add(
          [...path, o.value],
          `option "${o.value}" of scale "${scaleId}" is marked "missing" (left out of scores): it cannot have a weight`,
          `phương án “${o.value}” của thang đo “${scaleId}” được đánh dấu không tính điểm (“missing”): không thể có trọng số`,
        );
      if (!o.missing && !weighted)
        add(
          path,
          `option "${o.value}" of scale "${scaleId}" has no weight: give every option a weight from 0 to 1, or mark it "missing": true to leave it out of scores`,
          `phương án “${o.value}” của thang đo “${scaleId}” chưa có trọng số: hãy cho mỗi phương án một trọng số từ 0 đến 1, hoặc đánh dấu “missing”: true để không tính vào điểm`,
        );
    }
  }

  const aggregation = scoring.aggregation ?? defaultAggregation(scoring);
  const checkBase = (b: string | undefined, path: Path) => {
    if (b === 'everyone' && aggregation === 'pooled')
      add(
        [...path, 'base'],
        'base "everyone" needs aggregation "respondent" or "criterion": pooled answers have no respondents to count',
        'cơ sở tính “everyone” cần cách gộp “respondent” hoặc “criterion”: khi gộp chung mọi câu trả lời (“pooled”) thì không đếm được người trả lời',
      );
  };
  const seenBreakdowns = new Set<string>();
  (scoring.breakdowns ?? []).forEach((id, i) => {
    const path: Path = [...base, 'breakdowns', i];
    const q = questionIndex(def).get(id)?.question;
    if (!q) return add(path, `unknown question "${id}"`, `không có câu hỏi “${id}”`);
    if (q.type !== 'single')
      return add(
        path,
        `"${id}" is ${DESCRIBE[q.type]}: results break down by single choice questions only (sex, age band, area)`,
        `“${id}” là ${DESCRIBE_VI[q.type]}: chỉ phân tách kết quả theo câu chọn một (giới tính, nhóm tuổi, địa bàn)`,
      );
    if (seenBreakdowns.has(id)) return add(path, `"${id}" is named twice`, `“${id}” được nêu hai lần`);
    seenBreakdowns.add(id);
  });

  const componentIds = new Map<string, number>();
  /** Where each question is already scored, to refuse counting it twice. */
  const scoredAt = new Map<string, Path>();

  const checkItems = (items: readonly string[], path: Path) => {
    items.forEach((id, i): void => {
      const itemPath: Path = [...path, 'items', i];
      const q = questionIndex(def).get(id)?.question;
      if (!q) return add(itemPath, `unknown question "${id}"`, `không có câu hỏi “${id}”`);
      const first = scoredAt.get(id);
      if (first)
        return add(
          itemPath,
          `question "${id}" is already scored at ${formatShort(first)}: a question counts in one place only`,
          `câu “${id}” đã được tính điểm ở ${formatShort(first)}: mỗi câu chỉ được tính ở một chỗ`,
        );
      scoredAt.set(id, itemPath);
      if (q.type === 'matrix') {
        if (!scoring.weights[q.scale])
          add(
            itemPath,
            `matrix "${id}" uses scale "${q.scale}", which has no weights: add scoring.weights.${q.scale}`,
            `ma trận “${id}” dùng thang đo “${q.scale}” chưa có trọng số: hãy thêm “scoring.weights.${q.scale}”`,
          );
        return;
      }
      if (q.type !== 'single')
        return add(
          itemPath,
          `"${id}" is ${DESCRIBE[q.type]}: only single choice questions on a weighted scale and matrix questions can be scored`,
          `“${id}” là ${DESCRIBE_VI[q.type]}: chỉ tính điểm được câu chọn một trên thang đo có trọng số và câu ma trận`,
        );
      if (q.scale === undefined)
        return add(
          itemPath,
          `single choice "${id}" has its own options: a scored question uses a scale ("scale": "<id>") that has weights in scoring.weights`,
          `câu chọn một “${id}” có phương án riêng: câu được tính điểm phải dùng một thang đo (“scale”) có trọng số trong “scoring.weights”`,
        );
      if (!scoring.weights[q.scale])
        add(
          itemPath,
          `single choice "${id}" uses scale "${q.scale}", which has no weights: add scoring.weights.${q.scale}`,
          `câu chọn một “${id}” dùng thang đo “${q.scale}” chưa có trọng số: hãy thêm “scoring.weights.${q.scale}”`,
        );
    });
  };

  scoring.components.forEach((c, ci) => {
    const path: Path = [...base, 'components', ci];
    const first = componentIds.get(c.id);
    if (first !== undefined)
      add([...path, 'id'], `duplicate component id "${c.id}" (first used at position ${first + 1})`, `mã thành phần “${c.id}” bị trùng (đã dùng ở vị trí ${first + 1})`);
    else componentIds.set(c.id, ci);

    if (c.parts === undefined) {
      checkBase(c.base, path);
      return checkItems(c.items, path);
    }
    const partIds = new Map<string, number>();
    c.parts.forEach((p, pi) => {
      const pPath: Path = [...path, 'parts', pi];
      const firstPart = partIds.get(p.id);
      if (firstPart !== undefined)
        add(
          [...pPath, 'id'],
          `duplicate part id "${p.id}" in component "${c.id}" (first used at position ${firstPart + 1})`,
          `mã phần “${p.id}” trong thành phần “${c.id}” bị trùng (đã dùng ở vị trí ${firstPart + 1})`,
        );
      else partIds.set(p.id, pi);
      checkBase(p.base, pPath);
      checkItems(p.items, pPath);
    });
  });
  return problems;
}

function formatShort(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
