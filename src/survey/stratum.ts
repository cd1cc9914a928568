/**
 * The question that records the interview's stratum. A respondent group with a `stratumList` has
 * its stratum chosen when the interview starts (or set by a respondent's link), and that is what
 * quotas count. A single choice question marked `fromStratum`, with its options from that same
 * list, asks the same thing: its answer is the stratum, never a second, possibly different one.
 * The form fills it and shows it read-only; the engine fills it when it is missing and refuses
 * an answer that contradicts the stratum (`stratumMismatch`), on the device and on the server.
 * A campaign may plan strata the list lacks (a unit or commune new this year): the engine takes
 * the interview's stratum as this question's answer whatever the list holds (which strata an
 * interview may have is the interview's check, not the question's), and one interview's form
 * offers it under the campaign's label (`bindStratumOption`).
 */
import type { DefinitionProblem, Path } from './check';
import { isAnswered } from './conditions';
import { optionsOf } from './model';
import type { AnswerValue, Answers, Definition, SingleQuestion, Text } from './types';
import type { AnswerError } from './validate';

/** The respondent group and stratum of one interview, as its record (or submission) has them. */
export interface InterviewStratum {
  respondentGroup: string;
  stratum?: string | undefined;
}

const byGroup = new WeakMap<Definition, Map<string, SingleQuestion | null>>();

/** The question that records the stratum of `respondentGroup`'s interviews, if the definition has one. */
export function stratumQuestion(def: Definition, respondentGroup: string): SingleQuestion | undefined {
  let known = byGroup.get(def);
  if (!known) byGroup.set(def, (known = new Map()));
  let found = known.get(respondentGroup);
  if (found === undefined) {
    const list = def.respondentGroups.find((g) => g.id === respondentGroup)?.stratumList;
    found = null;
    if (list !== undefined)
      for (const section of def.sections)
        for (const q of section.questions) if (found === null && q.type === 'single' && q.fromStratum && q.optionsFrom === list) found = q;
    known.set(respondentGroup, found);
  }
  return found ?? undefined;
}

/** The stratum question and the answer it must have, or undefined when the interview has none. */
export function stratumAnswer(def: Definition, interview: InterviewStratum): { question: SingleQuestion; value: string } | undefined {
  if (interview.stratum === undefined) return undefined;
  const question = stratumQuestion(def, interview.respondentGroup);
  return question ? { question, value: interview.stratum } : undefined;
}

/** `answers` with a missing stratum answer filled in (the same object when nothing is missing). */
export function fillStratumAnswer(def: Definition, answers: Answers, interview: InterviewStratum | undefined): Answers {
  const expected = interview && stratumAnswer(def, interview);
  if (!expected || isAnswered(answers[expected.question.id])) return answers;
  return { ...answers, [expected.question.id]: expected.value };
}

/** What aligning a draft's answers with its stratum did: the answers, and the answer it replaced. */
export interface AlignedAnswers {
  answers: Answers;
  /** The earlier, different answer now replaced by the stratum (a draft begun before the link existed). */
  replaced?: { questionId: string; previous: AnswerValue } | undefined;
}

/**
 * `answers` with the stratum question answered by the stratum, whatever it said before: the
 * stratum is what quotas counted. The same object when it already agrees.
 */
export function alignStratumAnswer(def: Definition, answers: Answers, interview: InterviewStratum): AlignedAnswers {
  const expected = stratumAnswer(def, interview);
  if (!expected) return { answers };
  const { question, value } = expected;
  const previous = answers[question.id];
  if (previous === value) return { answers };
  return { answers: { ...answers, [question.id]: value }, ...(previous !== undefined && isAnswered(previous) ? { replaced: { questionId: question.id, previous } } : {}) };
}

/** The interview's stratum with the label its form shows: a stratum the campaign plans outside the list carries the campaign's. */
export interface LabelledStratum extends InterviewStratum {
  stratumLabel?: Text | undefined;
}

/**
 * `def` as one interview's form shows it: when its stratum is one the campaign plans outside the
 * list (a unit or commune the questionnaire's list lacks), the question that records the stratum
 * offers it too, labelled `stratumLabel` (else its code), so the form shows the campaign's name
 * and accepts the answer. The same object otherwise: the definition as published is untouched,
 * and only that question changes (other questions on the list keep the list's options).
 */
export function bindStratumOption(def: Definition, interview: LabelledStratum): Definition {
  const expected = stratumAnswer(def, interview);
  if (!expected) return def;
  const { question, value } = expected;
  const options = optionsOf(def, question);
  if (options.some((o) => o.value === value)) return def;
  const own: SingleQuestion = { ...question, options: [...options, { value, label: interview.stratumLabel ?? { vi: value, en: value } }] };
  return { ...def, sections: def.sections.map((s) => (s.questions.includes(question) ? { ...s, questions: s.questions.map((q) => (q === question ? own : q)) } : s)) };
}

/** The error for an answer to `q` that contradicts the interview's stratum, if it does. */
export function stratumMismatch(def: Definition, q: { id: string }, value: AnswerValue | undefined, interview: InterviewStratum | undefined): AnswerError | undefined {
  const expected = interview && stratumAnswer(def, interview);
  if (!expected || expected.question.id !== q.id || value === undefined || !isAnswered(value) || value === expected.value) return undefined;
  const options = optionsOf(def, expected.question);
  const label = (v: AnswerValue) => options.find((o) => o.value === v)?.label ?? { vi: String(v), en: String(v) };
  const given = label(value);
  const stratum = label(expected.value);
  return {
    code: 'stratumMismatch',
    message: {
      vi: `“${given.vi}” khác với địa bàn / đơn vị đã chọn khi bắt đầu phiếu (“${stratum.vi}”): câu này phải trả lời đúng địa bàn / đơn vị đó.`,
      en: `“${given.en}” differs from the area / unit chosen when the interview started (“${stratum.en}”): this answer must be that area / unit.`,
    },
  };
}

/**
 * The definition's `fromStratum` questions, checked: options from the stratum list of every
 * respondent group (so that it is the stratum question of every interview), always shown (no
 * condition on it or its section), and one per questionnaire.
 */
export function checkStratumQuestions(def: Definition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  let first: string | undefined;
  def.sections.forEach((section, si) =>
    section.questions.forEach((q, qi) => {
      if (q.type !== 'single' || !q.fromStratum) return;
      const path: Path = ['sections', si, 'questions', qi];
      const others = def.respondentGroups.filter((g) => g.stratumList === undefined || g.stratumList !== q.optionsFrom);
      if (q.optionsFrom === undefined || others.length > 0) {
        const lists = def.respondentGroups.map((g) => `"${g.id}": ${g.stratumList === undefined ? 'no stratumList' : `"${g.stratumList}"`}`).join(', ');
        const listsVi = def.respondentGroups.map((g) => `“${g.id}”: ${g.stratumList === undefined ? 'chưa có danh sách tầng' : `“${g.stratumList}”`}`).join(', ');
        problems.push({
          path: [...path, 'fromStratum'],
          message: `a question filled from the stratum takes its options with "optionsFrom" from the stratumList of every respondent group (${lists})`,
          messageVi: `câu hỏi điền sẵn theo tầng lấy phương án (“optionsFrom”) từ danh sách tầng (“stratumList”) của mọi nhóm người trả lời (${listsVi})`,
        });
      }
      if (q.visibleIf !== undefined)
        problems.push({
          path: [...path, 'visibleIf'],
          message: 'a question filled from the stratum is always asked: it cannot have "visibleIf"',
          messageVi: 'câu hỏi điền sẵn theo tầng luôn được hỏi: không thể có điều kiện hiển thị (“visibleIf”)',
        });
      if (section.visibleIf !== undefined)
        problems.push({
          path: [...path, 'fromStratum'],
          message: `a question filled from the stratum is always asked: its section "${section.id}" cannot have "visibleIf"`,
          messageVi: `câu hỏi điền sẵn theo tầng luôn được hỏi: phần “${section.id}” chứa câu này không thể có điều kiện hiển thị (“visibleIf”)`,
        });
      if (first !== undefined)
        problems.push({
          path: [...path, 'fromStratum'],
          message: `"${first}" already records the stratum`,
          messageVi: `câu “${first}” đã ghi tầng của phiếu: mỗi bảng hỏi chỉ có một câu điền sẵn theo tầng`,
        });
      else first = q.id;
    }),
  );
  return problems;
}
