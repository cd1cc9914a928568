/**
 * Checks a definition that already has the right shape for mistakes the shape cannot express:
 * duplicate ids, references to scales, lists and questions that do not exist, conditions on
 * later questions, operators that do not fit the question they compare, choice filters whose
 * options lack the data they read, scoring that does not fit the questions it scores.
 */
import { unknownCondition } from './conditions';
import { definitionLanguages, translationGaps } from './definition-languages';
import { languageLabel } from './language-names';
import { defaultLanguageOf } from './languages';
import { isAnswerable, optionsOf, rowsOf } from './model';
import { checkScoring, DESCRIBE_VI } from './scoring-check';
import { checkStratumQuestions } from './stratum';
import type { ChoiceQuestion, Comparison, Condition, Definition, Question } from './types';

export type Path = (string | number)[];
export interface DefinitionProblem {
  path: Path;
  message: string;
  /** The same in Vietnamese, for the coordinators' pages: ids and field names quoted, never English words. */
  messageVi: string;
}

interface Known {
  question: Question;
  order: number;
  sectionIndex: number;
}

export function checkDefinition(def: Definition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: Path, message: string, messageVi: string): void => {
    problems.push({ path, message, messageVi });
  };

  const duplicates = (values: string[], path: (i: number) => Path, what: string, whatVi: string) => {
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      const first = seen.get(v);
      if (first !== undefined)
        add(path(i), `duplicate ${what} "${v}" (first used at position ${first + 1})`, `${whatVi} “${v}” bị trùng (đã dùng ở vị trí ${first + 1})`);
      else seen.set(v, i);
    });
  };

  duplicates(def.respondentGroups.map((g) => g.id), (i) => ['respondentGroups', i, 'id'], 'respondent group id', 'mã nhóm người trả lời');
  def.respondentGroups.forEach((g, i) => {
    if (g.stratumList !== undefined && !def.lists?.[g.stratumList])
      add(['respondentGroups', i, 'stratumList'], `unknown list "${g.stratumList}"`, `không có danh sách “${g.stratumList}”`);
  });
  for (const [name, scale] of Object.entries(def.scales ?? {})) {
    duplicates(scale.options.map((o) => o.value), (i) => ['scales', name, 'options', i, 'value'], 'option value', 'mã phương án');
    scale.options.forEach((o, i) => {
      if (o.other) add(['scales', name, 'options', i, 'other'], 'a scale option cannot ask to specify', 'phương án của thang đo không thể yêu cầu ghi rõ (“Khác, ghi rõ”)');
    });
  }
  for (const [name, list] of Object.entries(def.lists ?? {}))
    duplicates(list.map((o) => o.value), (i) => ['lists', name, i, 'value'], 'list value', 'mã mục của danh sách');
  duplicates(def.sections.map((s) => s.id), (i) => ['sections', i, 'id'], 'section id', 'mã phần');

  const known = new Map<string, Known>();
  const firstPath = new Map<string, Path>();
  let order = 0;

  def.sections.forEach((section, si) => {
    const sPath: Path = ['sections', si];
    if (section.visibleIf) checkCondition(section.visibleIf, [...sPath, 'visibleIf'], (q) => q.sectionIndex < si, 'an earlier section', 'câu hỏi thuộc một phần ở phía trước');

    section.questions.forEach((q, qi) => {
      const qPath: Path = [...sPath, 'questions', qi];
      const myOrder = order;
      if (q.visibleIf) checkCondition(q.visibleIf, [...qPath, 'visibleIf'], (k) => k.order < myOrder, 'an earlier question', 'một câu hỏi ở phía trước');
      if (isAnswerable(q))
        q.constraints?.forEach((c, ci) =>
          checkCondition(
            c.test,
            [...qPath, 'constraints', ci, 'test'],
            (k) => k.order <= myOrder,
            'this or an earlier question',
            'chính câu này hoặc một câu hỏi ở phía trước',
          ),
        );
      checkQuestion(q, qPath);
      if ((q.type === 'single' || q.type === 'multiple') && q.choiceFilter) checkChoiceFilter(q, qPath, myOrder);
      const first = firstPath.get(q.id);
      if (first)
        add([...qPath, 'id'], `duplicate question id "${q.id}" (first used at ${formatPath(first)})`, `mã câu hỏi “${q.id}” bị trùng (đã dùng ở ${formatPath(first)})`);
      else {
        firstPath.set(q.id, qPath);
        known.set(q.id, { question: q, order: myOrder, sectionIndex: si });
      }
      order += 1;
    });
  });
  if (def.defaultLanguage !== undefined) {
    const languages = definitionLanguages(def);
    if (!languages.includes(def.defaultLanguage))
      add(
        ['defaultLanguage'],
        `the default language "${def.defaultLanguage}" is none of the texts' languages (${languages.join(', ')})`,
        `ngôn ngữ mặc định “${def.defaultLanguage}” không phải là ngôn ngữ của các văn bản (${languages.join(', ')})`,
      );
  }
  problems.push(...checkStratumQuestions(def));
  if (def.scoring) problems.push(...checkScoring(def, def.scoring));

  function checkQuestion(q: Question, path: Path) {
    if (q.type === 'single' || q.type === 'multiple') {
      const sources = (['options', 'scale', 'optionsFrom'] as const).filter((k) => q[k] !== undefined);
      if (sources.length !== 1)
        add(
          path,
          `a ${q.type} choice question needs exactly one of "options", "scale" or "optionsFrom"`,
          `${DESCRIBE_VI[q.type]} cần đúng một nguồn phương án: “options”, “scale” hoặc “optionsFrom”`,
        );
      if (q.scale !== undefined && !def.scales?.[q.scale]) add([...path, 'scale'], `unknown scale "${q.scale}"`, `không có thang đo “${q.scale}”`);
      if (q.optionsFrom !== undefined && !def.lists?.[q.optionsFrom])
        add([...path, 'optionsFrom'], `unknown list "${q.optionsFrom}"`, `không có danh sách “${q.optionsFrom}”`);
      if (q.options) duplicates(q.options.map((o) => o.value), (i) => [...path, 'options', i, 'value'], 'option value', 'mã phương án');
      if (q.type === 'multiple') {
        const n = optionsOf(def, q).length;
        if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
          add(
            [...path, 'minSelected'],
            `minSelected (${q.minSelected}) is larger than maxSelected (${q.maxSelected})`,
            `số lựa chọn tối thiểu (“minSelected”: ${q.minSelected}) lớn hơn số lựa chọn tối đa (“maxSelected”: ${q.maxSelected})`,
          );
        if (q.minSelected !== undefined && n > 0 && q.minSelected > n)
          add(
            [...path, 'minSelected'],
            `minSelected (${q.minSelected}) is more than the ${n} options`,
            `số lựa chọn tối thiểu (“minSelected”: ${q.minSelected}) nhiều hơn số phương án (${n})`,
          );
      }
    }
    if (q.type === 'matrix') {
      if (!def.scales?.[q.scale]) add([...path, 'scale'], `unknown scale "${q.scale}"`, `không có thang đo “${q.scale}”`);
      if ((q.rows === undefined) === (q.rowsFrom === undefined))
        add(path, 'a matrix needs exactly one of "rows" or "rowsFrom"', 'câu ma trận cần đúng một nguồn hàng: “rows” hoặc “rowsFrom”');
      if (typeof q.rowsFrom === 'string' && !def.lists?.[q.rowsFrom])
        add([...path, 'rowsFrom'], `unknown list "${q.rowsFrom}"`, `không có danh sách “${q.rowsFrom}”`);
      if (typeof q.rowsFrom === 'object') checkStrataRows([...path, 'rowsFrom']);
      if (q.rows) duplicates(q.rows.map((r) => r.value), (i) => [...path, 'rows', i, 'value'], 'row value', 'mã hàng');
    }
    if ((q.type === 'integer' || q.type === 'decimal' || q.type === 'date') && q.min !== undefined && q.max !== undefined) {
      if (q.min !== 'today' && q.max !== 'today' && q.min > q.max)
        add([...path, 'min'], `min (${q.min}) is larger than max (${q.max})`, `giá trị nhỏ nhất (${q.min}) lớn hơn giá trị lớn nhất (${q.max})`);
    }
    checkDefault(q, path);
    if (isAnswerable(q) && q.requiredMessage !== undefined && !q.required)
      add(
        [...path, 'requiredMessage'],
        'a requiredMessage is shown only for a required question: add "required": true or remove it',
        'thông báo bắt buộc (“requiredMessage”) chỉ hiện với câu hỏi bắt buộc: hãy đặt “required”: true hoặc bỏ thông báo này',
      );
    checkLimitMessage(q, path);
    if (q.type === 'text' && q.pattern !== undefined) {
      try {
        new RegExp(q.pattern, 'u');
      } catch (e) {
        add([...path, 'pattern'], `not a valid regular expression: ${(e as Error).message}`, 'mẫu kiểm tra (“pattern”) không phải là biểu thức chính quy hợp lệ');
      }
    }
  }

  /**
   * A limitMessage is said only when a limit is broken: on a question without one it would never
   * show, which is a mistake in the definition (as a requiredMessage on a question that is not
   * required), not something to keep silently.
   */
  function checkLimitMessage(q: Question, path: Path): void {
    if (q.type !== 'text' && q.type !== 'longtext' && q.type !== 'multiple' && q.type !== 'date') return;
    if (q.limitMessage === undefined) return;
    const limits =
      q.type === 'multiple'
        ? { has: q.minSelected !== undefined || q.maxSelected !== undefined, en: '"minSelected" or "maxSelected"', vi: 'số lựa chọn tối thiểu hoặc tối đa (“minSelected” hoặc “maxSelected”)' }
        : q.type === 'date'
          ? { has: q.min !== undefined || q.max !== undefined, en: '"min" or "max"', vi: 'ngày sớm nhất hoặc muộn nhất (“min” hoặc “max”)' }
          : { has: q.maxLength !== undefined, en: '"maxLength"', vi: 'độ dài tối đa (“maxLength”)' };
    if (!limits.has)
      add(
        [...path, 'limitMessage'],
        `a limitMessage is shown only when a limit is broken, and this question has none: add ${limits.en} or remove it`,
        `thông báo giới hạn (“limitMessage”) chỉ hiện khi câu trả lời vượt giới hạn, mà câu hỏi này không có giới hạn nào: hãy đặt ${limits.vi} hoặc bỏ thông báo này`,
      );
  }

  /**
   * A matrix rating the campaign's strata rates each group's own strata: every respondent group
   * needs a stratum list (it labels the rows, and gives them where no campaign applies).
   */
  function checkStrataRows(path: Path): void {
    const without = def.respondentGroups.filter((g) => g.stratumList === undefined).map((g) => g.id);
    if (without.length === 0) return;
    const en = without.map((id) => `"${id}"`).join(', ');
    const vi = without.map((id) => `“${id}”`).join(', ');
    add(
      path,
      `the rows are the strata the campaign plans for the respondent's group, but the respondent group(s) ${en} have no "stratumList": give each group its stratum list, or rate the items of a list ("rowsFrom": "<list id>")`,
      `các hàng là các tầng (đơn vị, địa bàn) mà đợt khảo sát lập kế hoạch cho nhóm người trả lời, nhưng nhóm ${vi} chưa có danh sách tầng (“stratumList”): hãy đặt danh sách tầng cho từng nhóm, hoặc lấy hàng từ một danh sách (“rowsFrom”: mã danh sách)`,
    );
  }

  /** A question's default is an answer it accepts (an option it has, a number within its bounds). */
  function checkDefault(q: Question, path: Path): void {
    if (q.type === 'note' || q.type === 'matrix' || q.default === undefined) return;
    const at = [...path, 'default'];
    if (q.type === 'single' || q.type === 'multiple') {
      const values = new Set(optionsOf(def, q).map((o) => o.value));
      for (const v of typeof q.default === 'string' ? [q.default] : q.default)
        if (!values.has(v)) add(at, `the default "${v}" is not an option of "${q.id}"`, `giá trị mặc định “${v}” không phải là phương án của câu “${q.id}”`);
      if (q.type === 'single' && q.fromStratum)
        add(at, 'a question filled from the stratum cannot have a default', 'câu hỏi điền sẵn theo tầng không thể có giá trị mặc định');
    } else if (q.type === 'integer' || q.type === 'decimal') {
      if ((q.min !== undefined && q.default < q.min) || (q.max !== undefined && q.default > q.max))
        add(at, `the default ${q.default} is outside ${q.min ?? '…'}–${q.max ?? '…'}`, `giá trị mặc định ${q.default} nằm ngoài khoảng ${q.min ?? '…'}–${q.max ?? '…'}`);
    } else if ((q.type === 'text' || q.type === 'longtext') && q.maxLength !== undefined && q.default.length > q.maxLength) {
      add(at, `the default is longer than maxLength (${q.maxLength})`, `giá trị mặc định dài hơn độ dài tối đa (“maxLength”: ${q.maxLength})`);
    }
  }

  /**
   * A choice filter reads earlier single choices (as conditions do: their answers are known when
   * the question is asked), and every option carries the data it compares: an option without it
   * could never be offered.
   */
  function checkChoiceFilter(q: ChoiceQuestion, path: Path, myOrder: number): void {
    const filter = q.choiceFilter ?? [];
    if (q.type === 'single' && q.fromStratum)
      add(
        [...path, 'choiceFilter'],
        'a question filled from the stratum offers the whole stratum list: it cannot have "choiceFilter"',
        'câu hỏi điền sẵn theo tầng đưa ra cả danh sách tầng: không thể có bộ lọc lựa chọn (“choiceFilter”)',
      );
    filter.forEach((f, fi) => {
      const fPath: Path = [...path, 'choiceFilter', fi];
      const target = known.get(f.q) ?? laterQuestion(f.q);
      if (!target) add([...fPath, 'q'], `unknown question "${f.q}"`, `không có câu hỏi “${f.q}”`);
      else if (target.order >= myOrder)
        add(
          [...fPath, 'q'],
          `question "${f.q}" must be an earlier question: a choice filter reads answers already given`,
          `câu “${f.q}” phải là một câu hỏi ở phía trước: bộ lọc lựa chọn đọc các câu trả lời đã có`,
        );
      else if (target.question.type !== 'single')
        add(
          [...fPath, 'q'],
          `"${f.q}" is ${target.question.type === 'note' ? 'a note' : `a ${target.question.type} question`}: a choice filter reads a single choice`,
          `“${f.q}” là ${DESCRIBE_VI[target.question.type]}: bộ lọc lựa chọn chỉ đọc câu chọn một`,
        );
    });
    if (q.optionsFrom !== undefined) {
      // List items have a value and a label only.
      add(
        [...path, 'optionsFrom'],
        'a question with "choiceFilter" needs options with "data": give them in "options" (list items have no data)',
        'câu hỏi có bộ lọc lựa chọn (“choiceFilter”) cần các phương án có dữ liệu (“data”): hãy ghi chúng trong “options” (mục của danh sách không có dữ liệu)',
      );
      return;
    }
    const fields = [...new Set(filter.map((f) => f.field))];
    const where = (i: number): Path => (q.options ? [...path, 'options', i, 'data'] : ['scales', q.scale ?? '', 'options', i, 'data']);
    optionsOf(def, q).forEach((o, i) => {
      const lacking = fields.filter((field) => o.data?.[field] === undefined);
      if (lacking.length > 0)
        add(
          where(i),
          `option "${o.value}" has no ${lacking.map((f) => `"${f}"`).join(', ')} in "data": the choice filter of "${q.id}" reads it`,
          `phương án “${o.value}” thiếu ${lacking.map((f) => `“${f}”`).join(', ')} trong dữ liệu (“data”): bộ lọc lựa chọn của câu “${q.id}” cần đọc`,
        );
    });
  }

  function checkCondition(c: Condition, path: Path, earlier: (k: Known) => boolean, where: string, whereVi: string): void {
    if (c.all !== undefined) c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i], earlier, where, whereVi));
    else if (c.any !== undefined) c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i], earlier, where, whereVi));
    else if (c.not !== undefined) checkCondition(c.not, [...path, 'not'], earlier, where, whereVi);
    else checkComparison(c, path, earlier, where, whereVi);
  }

  function checkComparison(c: Comparison, path: Path, earlier: (k: Known) => boolean, where: string, whereVi: string): void {
    const target = known.get(c.q) ?? laterQuestion(c.q);
    if (!target) return add([...path, 'q'], `unknown question "${c.q}"`, `không có câu hỏi “${c.q}”`);
    if (!earlier(target))
      return add(
        [...path, 'q'],
        `question "${c.q}" must be ${where}: conditions read answers already given`,
        `câu “${c.q}” phải là ${whereVi}: điều kiện chỉ đọc các câu trả lời đã có`,
      );
    const q = target.question;
    if (!isAnswerable(q)) return add([...path, 'q'], `"${c.q}" is a note and has no answer`, `“${c.q}” là ghi chú, không có câu trả lời`);
    if (c.row !== undefined) {
      if (q.type !== 'matrix')
        return add([...path, 'row'], `"row" applies to matrix questions; "${c.q}" is ${q.type}`, `“row” chỉ dùng cho câu ma trận; “${c.q}” là ${DESCRIBE_VI[q.type]}`);
      if (!rowsOf(def, q).some((r) => r.value === c.row))
        return add([...path, 'row'], `"${c.q}" has no row "${c.row}"`, `ma trận “${c.q}” không có hàng “${c.row}”`);
    } else if (q.type === 'matrix' && c.answered === undefined) {
      return add(path, `compare one row of matrix "${c.q}": add "row"`, `hãy so sánh một hàng của ma trận “${c.q}”: thêm “row”`);
    }
    const kind =
      q.type === 'matrix' || q.type === 'single' ? 'choice' : q.type === 'integer' || q.type === 'decimal' ? 'number' : q.type === 'multiple' ? 'multiple' : 'text';

    /** The values compared must be numbers for a number, options for a choice. */
    const checkValues = (values: readonly (string | number | boolean)[]): void => {
      if (kind === 'number') {
        if (values.some((v) => typeof v !== 'number')) add(path, `"${c.q}" is a number: compare it with numbers`, `“${c.q}” là câu hỏi số: hãy so sánh với số`);
      } else if (kind === 'choice' || kind === 'multiple') {
        const options = optionsOf(def, q).map((o) => o.value);
        for (const v of values)
          if (!options.includes(String(v)))
            add(
              path,
              `"${String(v)}" is not an option of "${c.q}" (options: ${options.join(', ')})`,
              `“${String(v)}” không phải là phương án của câu “${c.q}” (các phương án: ${options.map((o) => `“${o}”`).join(', ')})`,
            );
      }
    };
    const checkEquality = (value: string | number | boolean): void => {
      if (kind === 'multiple')
        return add(path, `"${c.q}" is a multiple choice: use "includes" or "oneOf"`, `“${c.q}” là câu chọn nhiều: hãy dùng “includes” hoặc “oneOf”`);
      checkValues([value]);
    };

    // One case per operator; each test narrows `c` to that operator's shape.
    if (c.answered !== undefined) return;
    if (c.equals !== undefined) return checkEquality(c.equals);
    if (c.notEquals !== undefined) return checkEquality(c.notEquals);
    if (c.oneOf !== undefined) return checkValues(c.oneOf);
    if (c.includes !== undefined) {
      if (kind !== 'multiple')
        return add(
          [...path, 'includes'],
          `"includes" applies to multiple choice; "${c.q}" is ${kind === 'number' ? 'a number' : q.type}`,
          `“includes” chỉ dùng cho câu chọn nhiều; “${c.q}” là ${DESCRIBE_VI[q.type]}`,
        );
      return checkValues([c.includes]);
    }
    if (c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined) {
      // Dates are ISO text: a numeric bound could never hold, so gt/gte/lt/lte are refused for them too.
      if (kind !== 'number')
        add(path, `"${c.q}" is not a number: gt, gte, lt and lte do not apply`, `“${c.q}” không phải câu hỏi số: không dùng được “gt”, “gte”, “lt” và “lte”`);
      return;
    }
    unknownCondition(c);
  }

  function laterQuestion(id: string): Known | undefined {
    let o = 0;
    for (let si = 0; si < def.sections.length; si++)
      for (const question of def.sections[si]!.questions) {
        if (question.id === id) return { question, order: o, sectionIndex: si };
        o += 1;
      }
    return undefined;
  }

  return problems;
}

/** The notes said about one language at most, the last of them counting the rest. */
export const MAX_TRANSLATION_NOTES = 20;

/** A language named in a Vietnamese sentence: "tiếng Việt", "tiếng Anh", "ភាសាខ្មែរ (km)". */
const languageVi = (lang: string): string => (lang === 'vi' ? 'tiếng Việt' : lang === 'en' ? 'tiếng Anh' : languageLabel(lang));
const languageEn = (lang: string): string => (lang === 'vi' ? 'Vietnamese' : languageLabel(lang));

/**
 * Notes, not problems: the texts lacking one of the definition's further languages (a partial
 * translation, common in practice). Such a text shows in the default language (then Vietnamese),
 * never empty, so the definition is valid; the coordinators' pages list the notes so the
 * translation can be completed. At most MAX_TRANSLATION_NOTES per language, the last one counting
 * those left unsaid.
 */
export function translationNotes(def: Definition, max = MAX_TRANSLATION_NOTES): DefinitionProblem[] {
  const fallback = defaultLanguageOf(def);
  const byLang = new Map<string, Path[]>();
  for (const gap of translationGaps(def)) {
    const list = byLang.get(gap.lang) ?? [];
    list.push(gap.path);
    byLang.set(gap.lang, list);
  }
  const notes: DefinitionProblem[] = [];
  for (const [lang, paths] of byLang) {
    const shown = paths.length > max ? paths.slice(0, max - 1) : paths;
    for (const path of shown) {
      const { vi, en } = translationNoteText(lang, fallback);
      notes.push({ path, message: en, messageVi: vi });
    }
    const rest = paths.length - shown.length;
    if (rest > 0) {
      const { vi, en } = moreTranslationNotesText(rest, lang, fallback);
      notes.push({ path: [], message: en, messageVi: vi });
    }
  }
  return notes;
}

/** The language a text lacking `lang` shows in: the default language, or Vietnamese when `lang` is the default (as pickText does). */
const shownIn = (lang: string, fallback: string): string => (fallback === lang ? 'vi' : fallback);

/** The note on a text lacking `lang`, which shows in `fallback` (the default language) instead. */
export const translationNoteText = (lang: string, fallback: string): { vi: string; en: string } => ({
  vi: `chưa có bản dịch ${languageVi(lang)}: văn bản này hiển thị bằng ${languageVi(shownIn(lang, fallback))}`,
  en: `no translation in ${languageLabel(lang)}: this text shows in ${languageEn(shownIn(lang, fallback))}`,
});

/** The last note on `lang`, counting the texts the notes before did not name. */
export const moreTranslationNotesText = (count: number, lang: string, fallback: string): { vi: string; en: string } => ({
  vi: `còn ${count} văn bản khác chưa có bản dịch ${languageVi(lang)} (hiển thị bằng ${languageVi(shownIn(lang, fallback))})`,
  en: `${count} more texts have no translation in ${languageLabel(lang)} (they show in ${languageEn(shownIn(lang, fallback))})`,
});

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(top level)';
}
