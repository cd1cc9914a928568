import { describe, expect, it } from 'vitest';
import { DefinitionLoadError, formatDefinitionError, parseDefinition } from '../../src/survey/load';
import { checkDefinition, formatPath } from '../../src/survey/check';
import type { Condition, Definition, Question } from '../../src/survey/types';
import {
  FILE,
  date,
  decimal,
  def,
  errorsOf,
  group,
  integer,
  items,
  load,
  longtext,
  matrix,
  multiple,
  note,
  scale,
  section,
  single,
  t,
  text,
  untranslated,
  when,
} from './fixtures';

/**
 * A valid definition every broken case starts from. Section "a" holds one question of each kind
 * (sections[0].questions[0..6]); section "b" holds `later` and then the question under test, so a
 * question added with `withQuestion` is at sections[1].questions[1] and may read every question of "a".
 */
const base = (extra: Question[] = []): Definition =>
  def({
    scales: { agree: scale(['1', '2', '3']) },
    lists: { districts: items(['d1', 'd2']) },
    respondentGroups: [group('citizens', { stratumList: 'districts' })],
    sections: [
      section('a', [
        single('q1', ['yes', 'no']),
        multiple('q2', ['x', 'y', 'z']),
        integer('q3'),
        matrix('m', 'agree', ['r1', 'r2']),
        text('q5'),
        date('q6'),
        note('n'),
      ]),
      section('b', [text('later'), ...extra]),
    ],
  });

const Q = 'sections[1].questions[1]';
const withQuestion = (q: Question): Definition => base([q]);
/** A text question `probe` shown when `c` holds. */
const shownWhen = (c: Condition): Definition => withQuestion(text('probe', { visibleIf: c }));

/** Replaces the value at a path of plain JSON data (for breaking what the types forbid). */
function edit(data: Definition, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('the base definition', () => {
  it('loads without errors', () => {
    expect(load(base())).toEqual({ ok: true, definition: base() });
    expect(load(shownWhen(when('q1', { equals: 'yes' }))).ok).toBe(true);
  });
});

describe('parseDefinition: invalid JSON', () => {
  it.each([
    ['truncated', '{ "id": "x", '],
    ['trailing comma', '{ "id": "x", }'],
    ['comments', '// survey\n{}'],
    ['empty file', ''],
  ])('%s', (_name, textContent) => {
    const result = parseDefinition(textContent, FILE);
    expect(result).toEqual({
      ok: false,
      errors: [{ file: FILE, path: '(file)', message: expect.stringContaining('not valid JSON'), messageVi: expect.stringContaining('tệp không phải là JSON hợp lệ') }],
    });
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"survey"'],
    ['null', 'null'],
  ])('valid JSON that is not an object: %s', (_name, textContent) => {
    const result = parseDefinition(textContent, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: FILE, path: '(top level)' });
  });
});

type Case = [name: string, data: unknown, path: string, fragment: string];

const badIds = ['1q', 'q 1', 'câu1', 'q__other', 'q-', '_q', 'q.1'];

const cases: Case[] = [
  // translations
  [
    'label without en',
    edit(base(), ['sections', 0, 'questions', 1, 'label'], { vi: 'Câu hỏi' }),
    'sections[0].questions[1].label.en',
    'missing translation (en)',
  ],
  [
    'label without vi',
    edit(base(), ['sections', 0, 'questions', 0, 'label'], { en: 'Question' }),
    'sections[0].questions[0].label.vi',
    'missing translation (vi)',
  ],
  [
    'empty vi',
    edit(base(), ['sections', 0, 'questions', 1, 'label', 'vi'], ''),
    'sections[0].questions[1].label.vi',
    'missing translation (vi)',
  ],
  [
    'whitespace-only en',
    edit(base(), ['sections', 1, 'title', 'en'], '   '),
    'sections[1].title.en',
    'missing translation (en)',
  ],
  [
    'option label without en',
    edit(base(), ['sections', 0, 'questions', 0, 'options', 1, 'label', 'en'], undefined),
    'sections[0].questions[0].options[1].label.en',
    'missing translation (en)',
  ],
  ['questionnaire title without vi', edit(base(), ['title', 'vi'], undefined), 'title.vi', 'missing translation (vi)'],
  [
    'scale option without en',
    edit(base(), ['scales', 'agree', 'options', 2, 'label', 'en'], undefined),
    'scales.agree.options[2].label.en',
    'missing translation (en)',
  ],
  [
    'list item without vi',
    edit(base(), ['lists', 'districts', 1, 'label', 'vi'], undefined),
    'lists.districts[1].label.vi',
    'missing translation (vi)',
  ],
  [
    'constraint message without en',
    withQuestion(integer('probe', { constraints: [{ test: when('probe', { gt: 0 }), message: { vi: 'Phải dương' } as never }] })),
    `${Q}.constraints[0].message.en`,
    'missing translation (en)',
  ],
  [
    'a translation that is not text',
    edit(base(), ['sections', 0, 'questions', 1, 'label', 'en'], 42),
    'sections[0].questions[1].label.en',
    'translation (en) must be text',
  ],
  [
    'a further language under a key that is not a language code',
    edit(base(), ['sections', 0, 'questions', 1, 'label', 'Français'], 'Question'),
    'sections[0].questions[1].label["Français"]',
    '"Français" is not a language code',
  ],
  [
    'a further language left empty',
    edit(base(), ['sections', 0, 'questions', 1, 'label', 'km'], '  '),
    'sections[0].questions[1].label.km',
    'a translation is empty',
  ],
  [
    'a further language that is not text',
    edit(base(), ['sections', 0, 'questions', 1, 'hint'], { vi: 'Gợi ý', en: 'Hint', km: ['ជំនួយ'] }),
    'sections[0].questions[1].hint.km',
    'a translation must be text',
  ],
  [
    'a default language no text carries',
    edit(base(), ['defaultLanguage'], 'km'),
    'defaultLanguage',
    'the default language "km" is none of the texts\' languages (vi, en)',
  ],
  [
    'a default language that is not a code',
    edit(base(), ['defaultLanguage'], 'Khmer'),
    'defaultLanguage',
    'the default language is a language code',
  ],

  // duplicates
  [
    'duplicate question id in another section',
    withQuestion(text('q3')),
    `${Q}.id`,
    'duplicate question id "q3" (first used at sections[0].questions[2])',
  ],
  ['duplicate section id', edit(base(), ['sections', 1, 'id'], 'a'), 'sections[1].id', 'duplicate section id "a"'],
  [
    'duplicate option value',
    withQuestion(single('probe', ['yes', 'no', 'yes'])),
    `${Q}.options[2].value`,
    'duplicate option value "yes"',
  ],
  [
    'duplicate scale value',
    edit(base(), ['scales', 'agree', 'options', 2, 'value'], '1'),
    'scales.agree.options[2].value',
    'duplicate option value "1"',
  ],
  ['duplicate list value', edit(base(), ['lists', 'districts', 1, 'value'], 'd1'), 'lists.districts[1].value', 'duplicate list value "d1"'],
  ['duplicate matrix row', withQuestion(matrix('probe', 'agree', ['r1', 'r1'])), `${Q}.rows[1].value`, 'duplicate row value "r1"'],
  [
    'duplicate respondent group',
    edit(base(), ['respondentGroups', 1], group('citizens')),
    'respondentGroups[1].id',
    'duplicate respondent group id "citizens"',
  ],

  // unknown scales and lists
  ['unknown scale (matrix)', withQuestion(matrix('probe', 'agre', ['r1'])), `${Q}.scale`, 'unknown scale "agre"'],
  ['unknown scale (single)', withQuestion(single('probe', [], { scale: 'nope' })), `${Q}.scale`, 'unknown scale "nope"'],
  ['unknown list (optionsFrom)', withQuestion(multiple('probe', [], { optionsFrom: 'provinces' })), `${Q}.optionsFrom`, 'unknown list "provinces"'],
  ['unknown list (rowsFrom)', withQuestion(matrix('probe', 'agree', [], { rowsFrom: 'departments' })), `${Q}.rowsFrom`, 'unknown list "departments"'],
  [
    'unknown list (stratumList)',
    edit(base(), ['respondentGroups', 0, 'stratumList'], 'wards'),
    'respondentGroups[0].stratumList',
    'unknown list "wards"',
  ],

  // defaults
  ['a default that is not an option', edit(base(), ['sections', 0, 'questions', 0, 'default'], 'maybe'), 'sections[0].questions[0].default', 'the default "maybe" is not an option of "q1"'],
  ['a default option a multiple choice lacks', edit(base(), ['sections', 0, 'questions', 1, 'default'], ['x', 'w']), 'sections[0].questions[1].default', 'the default "w" is not an option of "q2"'],
  ['a default outside the bounds', withQuestion(integer('probe', { min: 1, max: 10, default: 11 })), `${Q}.default`, 'the default 11 is outside 1–10'],
  ['a whole number’s default with decimals', edit(base(), ['sections', 0, 'questions', 2, 'default'], 1.5), 'sections[0].questions[2].default', ''],
  ['a date’s default that is not a date', edit(base(), ['sections', 0, 'questions', 5, 'default'], 'yesterday'), 'sections[0].questions[5].default', ''],
  ['a default on a note', edit(base(), ['sections', 0, 'questions', 6, 'default'], 'x'), 'sections[0].questions[6]', 'unknown field(s): default'],

  // conditions naming questions
  ['condition on an unknown question', shownWhen(when('ghost', { answered: true })), `${Q}.visibleIf.q`, 'unknown question "ghost"'],
  [
    'condition on a later question',
    edit(base(), ['sections', 0, 'questions', 0, 'visibleIf'], when('q3', { gt: 1 })),
    'sections[0].questions[0].visibleIf.q',
    'question "q3" must be an earlier question',
  ],
  [
    'condition on a question of a later section',
    edit(base(), ['sections', 0, 'questions', 2, 'visibleIf'], when('later', { answered: true })),
    'sections[0].questions[2].visibleIf.q',
    'question "later" must be an earlier question',
  ],
  ['condition on the question itself', shownWhen(when('probe', { answered: true })), `${Q}.visibleIf.q`, 'must be an earlier question'],
  [
    'nested condition on a later question',
    edit(base(), ['sections', 0, 'questions', 1, 'visibleIf'], { all: [when('q1', { equals: 'yes' }), { not: when('q5', { answered: true }) }] }),
    'sections[0].questions[1].visibleIf.all[1].not.q',
    'question "q5" must be an earlier question',
  ],
  [
    'section condition on a question of the same section',
    edit(base(), ['sections', 1, 'visibleIf'], when('later', { answered: true })),
    'sections[1].visibleIf.q',
    'question "later" must be an earlier section',
  ],
  [
    'constraint on a later question',
    edit(base(), ['sections', 0, 'questions', 2, 'constraints'], [{ test: when('q5', { answered: true }), message: t('m') }]),
    'sections[0].questions[2].constraints[0].test.q',
    'must be this or an earlier question',
  ],
  ['condition on a note', shownWhen(when('n', { answered: true })), `${Q}.visibleIf.q`, '"n" is a note'],

  // operators that do not fit
  ['gt on a single choice', shownWhen(when('q1', { gt: 1 })), `${Q}.visibleIf`, '"q1" is not a number'],
  ['lte on a text', shownWhen(when('q5', { lte: 3 })), `${Q}.visibleIf`, '"q5" is not a number'],
  ['gt on a date (a date is not a number)', shownWhen(when('q6', { gt: 2020 })), `${Q}.visibleIf`, '"q6" is not a number'],
  ['includes on a single choice', shownWhen(when('q1', { includes: 'yes' })), `${Q}.visibleIf.includes`, '"includes" applies to multiple choice; "q1" is single'],
  ['includes on a number', shownWhen(when('q3', { includes: '1' })), `${Q}.visibleIf.includes`, '"includes" applies to multiple choice; "q3" is a number'],
  ['equals a value that is not an option', shownWhen(when('q1', { equals: 'maybe' })), `${Q}.visibleIf`, '"maybe" is not an option of "q1" (options: yes, no)'],
  ['oneOf with a value that is not an option', shownWhen(when('q1', { oneOf: ['yes', 'perhaps'] })), `${Q}.visibleIf`, '"perhaps" is not an option of "q1"'],
  ['includes a value that is not an option', shownWhen(when('q2', { includes: 'w' })), `${Q}.visibleIf`, '"w" is not an option of "q2"'],
  ['notEquals a value that is not an option', shownWhen(when('q1', { notEquals: 'No' })), `${Q}.visibleIf`, '"No" is not an option of "q1"'],
  ['equals on a multiple choice', shownWhen(when('q2', { equals: 'x' })), `${Q}.visibleIf`, '"q2" is a multiple choice: use "includes" or "oneOf"'],
  ['a number compared with text', shownWhen(when('q3', { equals: 'five' })), `${Q}.visibleIf`, '"q3" is a number: compare it with numbers'],
  ['a matrix compared without row', shownWhen(when('m', { equals: '1' })), `${Q}.visibleIf`, 'compare one row of matrix "m": add "row"'],
  ['a matrix row value that is not on the scale', shownWhen(when('m', { row: 'r1', equals: '9' })), `${Q}.visibleIf`, '"9" is not an option of "m"'],
  ['a matrix row that does not exist', shownWhen(when('m', { row: 'r9', equals: '1' })), `${Q}.visibleIf.row`, '"m" has no row "r9"'],
  ['row on a question that is not a matrix', shownWhen(when('q1', { row: 'r1', equals: 'yes' })), `${Q}.visibleIf.row`, '"row" applies to matrix questions; "q1" is single'],

  // the shape of a condition
  // @ts-expect-error: the type of a condition refuses it too
  ['a condition with two operators', shownWhen({ q: 'q1', equals: 'yes', notEquals: 'no' }), `${Q}.visibleIf`, 'needs exactly one operator'],
  // @ts-expect-error: the type of a condition refuses it too
  ['a comparison without an operator', shownWhen({ q: 'q1' }), `${Q}.visibleIf`, 'needs exactly one operator'],
  // @ts-expect-error: the type of a condition refuses it too
  ['a comparison and a combinator together', shownWhen({ q: 'q1', equals: 'yes', any: [when('q3', { gt: 1 })] }), `${Q}.visibleIf`, 'a condition is exactly one of'],
  // @ts-expect-error: the type of a condition refuses it too
  ['an operator without q', shownWhen({ equals: 'yes' }), `${Q}.visibleIf`, 'a condition is exactly one of'],
  ['an empty "all"', shownWhen({ all: [] }), `${Q}.visibleIf.all`, '"all" needs at least one condition'],
  ['an empty "oneOf"', shownWhen(when('q1', { oneOf: [] })), `${Q}.visibleIf.oneOf`, '"oneOf" needs at least one value'],
  [
    'a nested condition mixing two kinds, at its own path',
    // @ts-expect-error: the type of a condition refuses it too
    shownWhen({ any: [when('q1', { equals: 'yes' }), { not: { q: 'q3', gt: 1, all: [when('q3', { lt: 5 })] } }] }),
    `${Q}.visibleIf.any[1].not`,
    'a condition is exactly one of',
  ],
  [
    'a nested comparison with two operators, at its own path',
    // @ts-expect-error: the type of a condition refuses it too
    shownWhen({ all: [when('q1', { equals: 'yes' }), { q: 'q3', gte: 1, lte: 5 }] }),
    `${Q}.visibleIf.all[1]`,
    'a comparison on "q3" needs exactly one operator',
  ],
  // @ts-expect-error: the type of a condition refuses it too
  ['an operand of the wrong type, at its field', shownWhen({ all: [{ q: 'q3', gt: 'five' }] }), `${Q}.visibleIf.all[0].gt`, 'expected number'],
  // @ts-expect-error: the type of a condition refuses it too
  ['a condition that is not an object', shownWhen({ not: 'q1' }), `${Q}.visibleIf.not`, 'a condition is exactly one of'],
  [
    'a constraint mixing two operators',
    // @ts-expect-error: the type of a condition refuses it too
    withQuestion(integer('probe', { constraints: [{ test: { q: 'probe', gte: 1, lte: 5 }, message: t('1 to 5') }] })),
    `${Q}.constraints[0].test`,
    'needs exactly one operator',
  ],
  [
    'a section condition mixing two kinds',
    // @ts-expect-error: the type of a condition refuses it too
    edit(base(), ['sections', 1, 'visibleIf'], { not: when('q1', { equals: 'yes' }), any: [when('q3', { gt: 1 })] } satisfies Condition),
    'sections[1].visibleIf',
    'a condition is exactly one of',
  ],

  // unknown fields
  ['typo "visibleIff"', edit(base(), ['sections', 0, 'questions', 1, 'visibleIff'], when('q1', { equals: 'yes' })), 'sections[0].questions[1]', 'unknown field(s): visibleIff'],
  ['a field of another question type', withQuestion({ ...text('probe'), min: 1 } as Question), Q, 'unknown field(s): min'],
  ['unknown top-level field', edit(base(), ['sectons'], []), '(top level)', 'unknown field(s): sectons'],
  ['unknown section field', edit(base(), ['sections', 1, 'name'], 'B'), 'sections[1]', 'unknown field(s): name'],
  ['unknown option field', edit(base(), ['sections', 0, 'questions', 0, 'options', 0, 'exclusve'], true), 'sections[0].questions[0].options[0]', 'unknown field(s): exclusve'],

  // ids
  ...badIds.map((id): Case => [`bad question id "${id}"`, withQuestion(text(id)), `${Q}.id`, 'must start with a letter']),
  ['bad section id', edit(base(), ['sections', 1, 'id'], 'phần 2'), 'sections[1].id', 'must start with a letter'],
  ['bad questionnaire id', edit(base(), ['id'], 'par index'), 'id', 'must start with a letter'],
  ['bad scale name', edit(base(), ['scales', 'agree 5'], scale(['1', '2'])), 'scales["agree 5"]', 'must start with a letter'],
  ['bad list name', edit(base(), ['lists', '2districts'], items(['a'])), 'lists["2districts"]', 'must start with a letter'],

  // question shapes the schema cannot express
  ['a choice with options and a scale', withQuestion(single('probe', ['a', 'b'], { scale: 'agree' })), Q, 'needs exactly one of "options", "scale" or "optionsFrom"'],
  ['a choice without options', withQuestion(single('probe', [])), Q, 'needs exactly one of "options", "scale" or "optionsFrom"'],
  ['a matrix with rows and rowsFrom', withQuestion(matrix('probe', 'agree', ['r1'], { rowsFrom: 'districts' })), Q, 'needs exactly one of "rows" or "rowsFrom"'],
  ['a matrix without rows', withQuestion(matrix('probe', 'agree', [])), Q, 'needs exactly one of "rows" or "rowsFrom"'],
  ['integer min above max', withQuestion(integer('probe', { min: 10, max: 5 })), `${Q}.min`, 'min (10) is larger than max (5)'],
  ['date min after max', withQuestion(date('probe', { min: '2025-01-02', max: '2025-01-01' })), `${Q}.min`, 'is larger than max'],
  ['a date bound that is not a date', withQuestion(date('probe', { min: '2025-02-30' })), `${Q}.min`, 'Invalid ISO date'],
  ['minSelected above maxSelected', withQuestion(multiple('probe', ['a', 'b', 'c'], { minSelected: 3, maxSelected: 2 })), `${Q}.minSelected`, 'minSelected (3) is larger than maxSelected (2)'],
  ['minSelected above the number of options', withQuestion(multiple('probe', ['a', 'b'], { minSelected: 3 })), `${Q}.minSelected`, 'minSelected (3) is more than the 2 options'],
  ['an invalid regular expression', withQuestion(text('probe', { pattern: '[0-9' })), `${Q}.pattern`, 'not a valid regular expression'],
  ['a requiredMessage on a question that is not required', withQuestion(text('probe', { requiredMessage: t('Say it') })), `${Q}.requiredMessage`, 'shown only for a required question'],
  ['a requiredMessage in one language only', withQuestion({ ...text('probe', { required: true }), requiredMessage: { vi: 'Trả lời' } } as Question), `${Q}.requiredMessage.en`, 'missing translation (en)'],
  ['a limitMessage on a text without maxLength', withQuestion(text('probe', { limitMessage: t('Too long') })), `${Q}.limitMessage`, 'shown only when a limit is broken, and this question has none: add "maxLength"'],
  ['a limitMessage on a long text without maxLength', withQuestion(longtext('probe', { limitMessage: t('Too long') })), `${Q}.limitMessage`, 'add "maxLength" or remove it'],
  ['a limitMessage on a multiple choice without minSelected or maxSelected', withQuestion(multiple('probe', ['a', 'b'], { limitMessage: t('Two at most') })), `${Q}.limitMessage`, 'add "minSelected" or "maxSelected" or remove it'],
  ['a limitMessage on a date without min or max', withQuestion(date('probe', { limitMessage: t('Not in the future') })), `${Q}.limitMessage`, 'add "min" or "max" or remove it'],
  ['a limitMessage in one language only', withQuestion({ ...text('probe', { maxLength: 5 }), limitMessage: { vi: 'Quá dài' } } as Question), `${Q}.limitMessage.en`, 'missing translation (en)'],
  ['a limitMessage on a number (its bounds keep a constraint’s message)', withQuestion({ ...integer('probe', { min: 1 }), limitMessage: t('At least 1') } as Question), Q, 'unknown field(s): limitMessage'],
  ['a scale option that asks to specify', edit(base(), ['scales', 'agree', 'options', 0, 'other'], true), 'scales.agree.options[0].other', 'a scale option cannot ask to specify'],
  ['an unknown question type', withQuestion({ ...text('probe'), type: 'rating' } as unknown as Question), `${Q}.type`, "Expected 'note' | 'single'"],
  ['version 0', edit(base(), ['version'], 0), 'version', 'version is a whole number from 1 up'],
  ['no sections', edit(base(), ['sections'], []), 'sections', 'a questionnaire needs at least one section'],
  ['an empty section', edit(base(), ['sections', 1, 'questions'], []), 'sections[1].questions', 'a section needs at least one question'],
  ['no respondent group', edit(base(), ['respondentGroups'], []), 'respondentGroups', 'name at least one respondent group'],
];

describe('parseDefinition: broken definitions', () => {
  it.each(cases)('%s', (_name, data, path, fragment) => {
    const errors = errorsOf(data);
    expect(errors).toEqual([{ file: FILE, path, message: expect.stringContaining(fragment) }]);
  });

  it('an unknown operator: names the field and asks for an operator', () => {
    expect(errorsOf(shownWhen({ q: 'q1', is: 'yes' } as unknown as Condition))).toEqual([
      { file: FILE, path: `${Q}.visibleIf`, message: 'unknown field(s): is' },
      { file: FILE, path: `${Q}.visibleIf`, message: expect.stringContaining('needs exactly one operator') },
    ]);
  });

  it('reports every problem of a file, not only the first', () => {
    const data = edit(
      withQuestion(single('probe', ['a', 'a'], { visibleIf: when('ghost', { answered: true }) })),
      ['sections', 0, 'id'],
      'b',
    );
    const errors = errorsOf(data);
    expect(errors.map((e) => e.path).sort()).toEqual([`${Q}.options[1].value`, `${Q}.visibleIf.q`, 'sections[1].id'].sort());
    expect(errors.every((e) => e.file === FILE)).toBe(true);
  });

  it('accepts what the checks allow', () => {
    const ok = [
      shownWhen(when('q1', { equals: 'yes' })),
      shownWhen(when('q2', { includes: 'x' })),
      shownWhen(when('q2', { oneOf: ['x', 'z'] })),
      shownWhen(when('q3', { gte: 18 })),
      shownWhen(when('q3', { equals: 18 })),
      shownWhen(when('m', { row: 'r2', oneOf: ['1', '2'] })),
      shownWhen(when('m', { answered: true })),
      shownWhen(when('q5', { equals: 'Hà Nội' })),
      shownWhen(when('q6', { answered: true })),
      shownWhen({ any: [when('q1', { equals: 'no' }), { not: when('q3', { lt: 5 }) }] }),
      withQuestion(integer('probe', { constraints: [{ test: when('probe', { lte: 10 }), message: t('at most 10') }] })),
      withQuestion(single('probe', [], { optionsFrom: 'districts' })),
      withQuestion(matrix('probe', 'agree', [], { rowsFrom: 'districts' })),
      withQuestion(date('probe', { min: '2020-01-01', max: 'today' })),
      withQuestion(date('probe', { max: 'today', limitMessage: t('not in the future') })),
      withQuestion(multiple('probe', ['a', 'b', 'c'], { minSelected: 1, limitMessage: t('choose one or more') })),
      withQuestion(longtext('probe', { maxLength: 200, limitMessage: t('200 characters at most') })),
      withQuestion(text('q-1_a')),
      edit(base(), ['sections', 1, 'visibleIf'], when('q1', { equals: 'yes' })),
    ];
    for (const data of ok) expect(load(data)).toMatchObject({ ok: true });
  });

  it('trims translations', () => {
    const result = load(edit(base(), ['title'], { vi: '  Khảo sát ', en: ' Survey\n' }));
    expect(result.ok && result.definition.title).toEqual({ vi: 'Khảo sát', en: 'Survey' });
  });
});

describe('error formatting', () => {
  it('formatPath writes JavaScript-like paths', () => {
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath(['sections', 0, 'questions', 12, 'label', 'en'])).toBe('sections[0].questions[12].label.en');
    expect(formatPath(['scales', 'agree-5', 'options'])).toBe('scales["agree-5"].options');
  });

  it('formats errors as "file: path: message" and throws them all at once', () => {
    const e = { file: FILE, path: 'id', message: 'bad' };
    expect(formatDefinitionError(e)).toBe('survey-definitions/x.json: id: bad');
    const error = new DefinitionLoadError([e, { ...e, path: 'version' }]);
    expect(error.message).toContain('survey-definitions/x.json: id: bad');
    expect(error.message).toContain('survey-definitions/x.json: version: bad');
    expect(error.errors).toHaveLength(2);
  });
});

describe('every problem of a definition in Vietnamese too', () => {
  const scored = (scoring: NonNullable<Definition['scoring']>, questions: Question[] = []): Definition =>
    def({
      scales: { agree: scale(['1', '2', '3']) },
      sections: [section('a', [single('sex', ['m', 'f']), single('s1', [], { scale: 'agree' }), text('t'), ...questions])],
      scoring,
    });
  const weights = { agree: { '1': 0, '2': 0.5, '3': 1 } };
  const share = (extra: object): NonNullable<Definition['scoring']> => ({
    method: 'share',
    weights,
    components: [{ id: 'c', label: t('c'), items: ['s1'] }],
    ...extra,
  });

  /** Problems the other suites do not drive, with the English each gives. */
  const more: [name: string, definition: Definition, english: string][] = [
    ['a breakdown by an unknown question', scored(share({ breakdowns: ['ghost'] })), 'unknown question "ghost"'],
    ['a breakdown by a text question', scored(share({ breakdowns: ['t'] })), '"t" is a text question: results break down by single choice questions only'],
    ['a breakdown named twice', scored(share({ breakdowns: ['sex', 'sex'] })), '"sex" is named twice'],
    [
      'base "everyone" with pooled answers',
      scored({ method: 'share', aggregation: 'pooled', weights, components: [{ id: 'c', label: t('c'), items: ['s1'], base: 'everyone' }] }),
      'base "everyone" needs aggregation "respondent" or "criterion"',
    ],
    ['a scale with no weights at all', scored(share({ weights: { ...weights, other: { '1': 1 } } })), 'unknown scale "other"'],
    [
      'a stratum question with a default',
      def({
        lists: { districts: items(['d1', 'd2']) },
        respondentGroups: [group('citizens', { stratumList: 'districts' })],
        sections: [section('a', [single('district', [], { optionsFrom: 'districts', fromStratum: true, default: 'd1' })])],
      }),
      'a question filled from the stratum cannot have a default',
    ],
    ['a text default longer than its maxLength', withQuestion(longtext('probe', { maxLength: 3, default: 'four' })), 'the default is longer than maxLength (3)'],
    ['a decimal default under its minimum', withQuestion(decimal('probe', { min: 1, default: 0.5 })), 'the default 0.5 is outside 1–…'],
    ['an option a multiple choice condition does not have', shownWhen(when('q2', { oneOf: ['w'] })), '"w" is not an option of "q2"'],
  ];

  it.each(more)('%s', (_name, definition, english) => {
    const problems = checkDefinition(definition);
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining(english));
    for (const p of problems) expect(untranslated(p.messageVi), p.message).toBeUndefined();
  });

  it('says the problems in natural Vietnamese, ids quoted', () => {
    expect(errorsOf(shownWhen(when('q1', { equals: 'maybe' })))).toHaveLength(1);
    const [problem] = checkDefinition(shownWhen(when('q1', { equals: 'maybe' })));
    expect(problem?.messageVi).toBe('“maybe” không phải là phương án của câu “q1” (các phương án: “yes”, “no”)');
    const [duplicate] = checkDefinition(withQuestion(text('q3')));
    expect(duplicate?.messageVi).toBe('mã câu hỏi “q3” bị trùng (đã dùng ở sections[0].questions[2])');
  });

  it('the stop-list catches an English message', () => {
    expect(untranslated('unknown question “ghost”')).toMatch(/English|no Vietnamese/);
    expect(untranslated('câu “q1” must be earlier')).toMatch(/English/);
    expect(untranslated('“q1” is not a number')).toMatch(/English|Vietnamese/);
    expect(untranslated(undefined)).toBe('no Vietnamese message');
    expect(untranslated('không có câu hỏi “ghost” ở sections[0].questions[2]')).toBeUndefined();
  });
});
