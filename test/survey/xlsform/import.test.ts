/**
 * XLSForm in and out: every shipped questionnaire survives JSON → XLSForm → JSON unchanged; an
 * XLSForm as staff write it (translated columns, groups, a table-list matrix, cascading selects,
 * skip logic, constraints) imports to the engine's format; every construct the engine cannot do is
 * refused at its sheet, row and column, in Vietnamese and English; no workbook makes the importer throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../src/server/questionnaires/read-upload';
import type { Answers, Definition, MatrixQuestion, Question, Text } from '../../../src/survey';
import { validateAnswers } from '../../../src/survey/validate';
import { exportXlsform } from '../../../src/survey/xlsform/export';
import { idFromFileName, importXlsform } from '../../../src/survey/xlsform/import';
import type { Cell, Workbook } from '../../../src/survey/xlsform/workbook';
import { untranslated } from '../fixtures';
import { THREE_LANGUAGES } from '../three-languages';

const DIR = join(import.meta.dirname, '../../../survey-definitions');
const shipped = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort();

function load(file: string): Definition {
  const { $schema: _schema, ...def } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Definition;
  return def;
}

/** `book` imports back to exactly `def`, with no warning (the first problems fail the test). */
function expectReadBack(book: Workbook, def: Definition): void {
  const back = importXlsform(book);
  if (!back.ok) return expect.fail(JSON.stringify(back.problems.slice(0, 5)));
  expect(back.definition).toEqual(def);
  expect(back.warnings).toEqual([]);
}

const m = (vi: string, en: string): Text => ({ vi, en });

/** A questionnaire of one section holding `questions`, for the round trip of one construct. */
const oneSection = (id: string, questions: Question[], extra: Partial<Definition> = {}): Definition => ({
  id,
  version: 1,
  title: m('T', 'T'),
  respondentGroups: [{ id: 'all', label: m('A', 'A') }],
  ...extra,
  sections: [{ id: 's', title: m('S', 'S'), questions }],
});

describe('round trip of the shipped questionnaires', () => {
  it.each(shipped)('%s → XLSForm → the same definition', (file) => {
    const def = load(file);
    expectReadBack(exportXlsform(def), def);
  });

  it('a questionnaire in Vietnamese, English and Khmer → XLSForm → the same definition', () => {
    const book = exportXlsform(THREE_LANGUAGES);
    expect(book.sheets.survey![0]).toEqual(expect.arrayContaining(['label::Tiếng Việt (vi)', 'label::English (en)', 'label::Khmer (km)', 'hint::Khmer (km)', 'constraint_message::Khmer (km)', 'unit::Khmer (km)']));
    expect(book.sheets.choices![0]).toEqual(expect.arrayContaining(['label::Khmer (km)']));
    expect(book.sheets.scoring![0]).toEqual(['component', 'part', 'label::Tiếng Việt (vi)', 'label::English (en)', 'label::Khmer (km)', 'points', 'items', 'base']);
    expectReadBack(book, THREE_LANGUAGES);
  });

  it('keeps the default language and a partial translation through XLSForm', () => {
    const def: Definition = JSON.parse(JSON.stringify({ ...THREE_LANGUAGES, defaultLanguage: 'km' })) as Definition;
    delete def.sections[0]!.questions[0]!.hint!.km;
    const book = exportXlsform(def);
    expect(book.sheets.settings![1]![book.sheets.settings![0]!.indexOf('default_language')]).toBe('Khmer (km)');
    const back = importXlsform(book);
    if (!back.ok) expect.fail(JSON.stringify(back.problems.slice(0, 5)));
    expect(back.definition).toEqual(def);
    expect(back.warnings).toEqual([{ sheet: 'survey', row: 3, column: 'hint::Khmer (km)', message: expect.objectContaining({ en: 'no translation in ភាសាខ្មែរ (km): this text shows in Vietnamese' }) }]);
  });

  it('writes the scoring block on sheets of its own', () => {
    const book = exportXlsform(load('papi-citizen.json'));
    expect(Object.keys(book.sheets)).toEqual(expect.arrayContaining(['survey', 'choices', 'settings', 'scoring', 'weights']));
    expect(book.sheets.scoring![0]).toEqual(['component', 'part', 'label::Tiếng Việt (vi)', 'label::English (en)', 'points', 'items', 'base']);
  });
});

const VI = 'label::Tiếng Việt (vi)';
const EN = 'label::English (en)';

/** A workbook from sheets given as header + rows of records. */
function book(sheets: Record<string, Record<string, Cell>[]>): Workbook {
  const out: Workbook = { sheets: {} };
  for (const [name, rows] of Object.entries(sheets)) {
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    out.sheets[name] = [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))];
  }
  return out;
}

const settings = [{ form_id: 'khao-sat', version: 3, 'form_title::Tiếng Việt (vi)': 'Khảo sát', 'form_title::English (en)': 'Survey', default_language: 'Tiếng Việt (vi)' }];
const choices = [
  { list_name: 'yn', name: 'co', [VI]: 'Có', [EN]: 'Yes' },
  { list_name: 'yn', name: 'khong', [VI]: 'Không', [EN]: 'No' },
  { list_name: 'province', name: 'qt', [VI]: 'Quảng Trị', [EN]: 'Quảng Trị' },
  { list_name: 'province', name: 'hue', [VI]: 'Huế', [EN]: 'Huế' },
  { list_name: 'commune', name: 'dong_hoi', [VI]: 'Phường Đồng Hới', [EN]: 'Đồng Hới Ward', province: 'qt' },
  { list_name: 'commune', name: 'thuan_hoa', [VI]: 'Phường Thuận Hóa', [EN]: 'Thuận Hóa Ward', province: 'hue' },
  { list_name: 'sat', name: '1', [VI]: 'Rất không hài lòng', [EN]: 'Very dissatisfied' },
  { list_name: 'sat', name: '2', [VI]: 'Hài lòng', [EN]: 'Satisfied' },
  { list_name: 'kenh', name: 'truc_tiep', [VI]: 'Trực tiếp', [EN]: 'In person' },
  { list_name: 'kenh', name: 'truc_tuyen', [VI]: 'Trực tuyến', [EN]: 'Online' },
];
const survey = [
  { type: 'start', name: 'start' },
  { type: 'begin_group', name: 'chung', [VI]: 'Thông tin chung', [EN]: 'About you' },
  { type: 'select_one province', name: 'tinh', [VI]: 'Tỉnh', [EN]: 'Province', required: 'yes' },
  { type: 'select_one commune', name: 'xa', [VI]: 'Xã/phường', [EN]: 'Commune', choice_filter: 'province = ${tinh}', appearance: 'minimal', required: 'yes' },
  { type: 'integer', name: 'tuoi', [VI]: 'Tuổi', [EN]: 'Age', constraint: '. >= 18 and . <= 100', 'constraint_message::Tiếng Việt (vi)': 'Từ 18 đến 100', 'constraint_message::English (en)': '18 to 100' },
  { type: 'integer', name: 'so_lan', [VI]: 'Số lần', [EN]: 'Times', constraint: '. >= 0 and . <= 20' },
  { type: 'text', name: 'dien_thoai', [VI]: 'Điện thoại', [EN]: 'Phone', constraint: "regex(., '^0[0-9]{9}$')", 'constraint_message::Tiếng Việt (vi)': '10 chữ số', 'constraint_message::English (en)': '10 digits' },
  { type: 'date', name: 'ngay', [VI]: 'Ngày', [EN]: 'Date', constraint: '. <= today()' },
  { type: 'end_group' },
  { type: 'begin group', name: 'thu_tuc', [VI]: 'Thủ tục', [EN]: 'Procedure', 'hint::Tiếng Việt (vi)': 'Về lần gần nhất', 'hint::English (en)': 'The last time' },
  { type: 'select_one yn', name: 'da_lam', [VI]: 'Đã làm thủ tục?', [EN]: 'Done a procedure?', appearance: 'horizontal', required: 'yes' },
  { type: 'select_multiple kenh', name: 'kenh', [VI]: 'Kênh', [EN]: 'Channels', relevant: "${da_lam} = 'co'", constraint: 'count-selected(.) <= 1' },
  { type: 'select_one yn or_other', name: 'ket_qua', [VI]: 'Kết quả', [EN]: 'Result', relevant: "selected(${kenh}, 'truc_tuyen')" },
  { type: 'begin_group', name: 'danh_gia', [VI]: 'Đánh giá', [EN]: 'Rating', appearance: 'table-list', relevant: "${da_lam} = 'co'" },
  { type: 'select_one sat', name: 'danh_gia_header', [VI]: '', appearance: 'label' },
  { type: 'select_one sat', name: 'danh_gia_thai_do', [VI]: 'Thái độ', [EN]: 'Attitude', required: 'yes', appearance: 'list-nolabel' },
  { type: 'select_one sat', name: 'danh_gia_thoi_gian', [VI]: 'Thời gian', [EN]: 'Time', appearance: 'list-nolabel' },
  { type: 'end_group' },
  { type: 'begin_group', name: 'inner', [VI]: 'Inner', [EN]: 'Inner', relevant: "${da_lam} = 'khong'" },
  { type: 'text', name: 'ly_do', [VI]: 'Lý do', [EN]: 'Why', appearance: 'multiline' },
  { type: 'end_group' },
  { type: 'note', name: 'cam_on', [VI]: 'Cảm ơn', [EN]: 'Thank you' },
  { type: 'end_group' },
];

const find = (def: Definition, id: string): Question => {
  for (const s of def.sections) for (const q of s.questions) if (q.id === id) return q;
  throw new Error(`no ${id}`);
};

describe('an XLSForm as staff write it', () => {
  const imported = importXlsform(book({ survey, choices, settings }));

  it('imports with groups as sections, labels in both languages, and metadata left out with a warning', () => {
    if (!imported.ok) expect.fail(JSON.stringify(imported.problems));
    const def = imported.definition;
    expect([def.id, def.version, def.title]).toEqual(['khao-sat', 3, { vi: 'Khảo sát', en: 'Survey' }]);
    expect(def.sections.map((s) => s.id)).toEqual(['chung', 'thu_tuc']);
    expect(def.sections[1]!.description).toEqual({ vi: 'Về lần gần nhất', en: 'The last time' });
    expect(imported.warnings).toEqual([expect.objectContaining({ sheet: 'survey', row: 2, column: 'type' })]);
  });

  it('maps choices, cascading selects, appearances and or_other', () => {
    if (!imported.ok) return expect.fail('not imported');
    const def = imported.definition;
    expect(find(def, 'xa')).toMatchObject({ type: 'single', layout: 'dropdown', choiceFilter: [{ field: 'province', q: 'tinh' }], required: true });
    const xa = find(def, 'xa');
    expect(xa.type === 'single' && xa.options?.map((o) => [o.value, o.data])).toEqual([
      ['dong_hoi', { province: 'qt' }],
      ['thuan_hoa', { province: 'hue' }],
    ]);
    expect(find(def, 'da_lam')).toMatchObject({ layout: 'horizontal' });
    const ketQua = find(def, 'ket_qua');
    expect(ketQua.type === 'single' && ketQua.options?.at(-1)).toMatchObject({ value: 'other', other: true });
  });

  it('turns constraints into the engine’s settings and relevant into conditions', () => {
    if (!imported.ok) return expect.fail('not imported');
    const def = imported.definition;
    // Bounds become the question's own, unless the form gives them a message of its own.
    expect(find(def, 'so_lan')).toMatchObject({ type: 'integer', min: 0, max: 20 });
    expect(find(def, 'tuoi')).toEqual({
      type: 'integer',
      id: 'tuoi',
      label: { vi: 'Tuổi', en: 'Age' },
      constraints: [{ test: { all: [{ q: 'tuoi', gte: 18 }, { q: 'tuoi', lte: 100 }] }, message: { vi: 'Từ 18 đến 100', en: '18 to 100' } }],
    });
    expect(find(def, 'dien_thoai')).toMatchObject({ type: 'text', pattern: '0[0-9]{9}', patternMessage: { vi: '10 chữ số', en: '10 digits' } });
    expect(find(def, 'ngay')).toMatchObject({ type: 'date', max: 'today' });
    expect(find(def, 'kenh')).toMatchObject({ type: 'multiple', maxSelected: 1, visibleIf: { q: 'da_lam', equals: 'co' } });
    expect(find(def, 'ket_qua')).toMatchObject({ visibleIf: { q: 'kenh', includes: 'truc_tuyen' } });
    // An inner group's relevant applies to each of its questions; multiline text is a long text.
    expect(find(def, 'ly_do')).toMatchObject({ type: 'longtext', visibleIf: { q: 'da_lam', equals: 'khong' } });
  });

  it('reads a table-list group of single choices on one list as a matrix (its header row left out)', () => {
    if (!imported.ok) return expect.fail('not imported');
    const m = find(imported.definition, 'danh_gia') as MatrixQuestion;
    expect(m).toMatchObject({ type: 'matrix', scale: 'sat', required: true, visibleIf: { q: 'da_lam', equals: 'co' } });
    expect(m.rows?.map((r) => r.value)).toEqual(['thai_do', 'thoi_gian']);
    expect(imported.definition.scales?.sat?.options.map((o) => o.value)).toEqual(['1', '2']);
  });
});

describe('languages', () => {
  it('a form in one language reads in that language in both slots', () => {
    const r = importXlsform(book({ survey: [{ type: 'text', name: 'a', label: 'Họ tên' }], settings: [{ form_id: 'mot-ngon-ngu' }] }));
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'Họ tên', en: 'Họ tên' });
  });

  it('a form in other languages keeps them all, its default language standing in for vi and en', () => {
    const r = importXlsform(
      book({
        survey: [{ type: 'text', name: 'a', 'label::Français (fr)': 'Nom', 'label::Khmer (km)': 'ឈ្មោះ' }],
        settings: [{ form_id: 'autre', default_language: 'Français (fr)' }],
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'Nom', en: 'Nom', fr: 'Nom', km: 'ឈ្មោះ' });
    expect(r.definition.defaultLanguage).toBe('fr');
    expect(r.warnings).toEqual([]);
  });

  it('keeps Vietnamese, English and Khmer columns of every kind, with no warning', () => {
    const KM = 'label::Khmer (km)';
    const workbook = book({
        survey: [
          { type: 'begin_group', name: 'chung', [VI]: 'Thông tin chung', [EN]: 'About you', [KM]: 'ព័ត៌មានទូទៅ', 'hint::Tiếng Việt (vi)': 'Đọc to', 'hint::English (en)': 'Read aloud', 'hint::Khmer (km)': 'អានឱ្យឮ' },
          {
            type: 'select_one yn',
            name: 'da_lam',
            [VI]: 'Đã làm thủ tục?',
            [EN]: 'Done a procedure?',
            [KM]: 'បានធ្វើនីតិវិធី?',
            required: 'yes',
            'required_message::Tiếng Việt (vi)': 'Hãy chọn',
            'required_message::English (en)': 'Choose one',
            'required_message::Khmer (km)': 'សូមជ្រើសរើស',
          },
          { type: 'integer', name: 'tuoi', [VI]: 'Tuổi', [EN]: 'Age', [KM]: 'អាយុ', constraint: '. >= 18', 'constraint_message::Tiếng Việt (vi)': 'Từ 18', 'constraint_message::English (en)': '18 or more', 'constraint_message::Khmer (km)': 'ចាប់ពី ១៨' },
          { type: 'end_group' },
        ],
        choices: [
          { list_name: 'yn', name: 'co', [VI]: 'Có', [EN]: 'Yes', [KM]: 'បាទ/ចាស' },
          { list_name: 'yn', name: 'khong', [VI]: 'Không', [EN]: 'No', [KM]: 'ទេ' },
        ],
        settings: [{ form_id: 'ba-ngon-ngu', 'form_title::Tiếng Việt (vi)': 'Khảo sát', 'form_title::English (en)': 'Survey', 'form_title::Khmer (km)': 'ការស្ទង់មតិ' }],
      });
    const r = importXlsform(workbook);
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([]);
    const def = r.definition;
    expect(def.title).toEqual({ vi: 'Khảo sát', en: 'Survey', km: 'ការស្ទង់មតិ' });
    expect(def.sections[0]).toMatchObject({ title: { km: 'ព័ត៌មានទូទៅ' }, description: { vi: 'Đọc to', en: 'Read aloud', km: 'អានឱ្យឮ' } });
    expect(find(def, 'da_lam')).toMatchObject({
      label: { vi: 'Đã làm thủ tục?', en: 'Done a procedure?', km: 'បានធ្វើនីតិវិធី?' },
      requiredMessage: { vi: 'Hãy chọn', en: 'Choose one', km: 'សូមជ្រើសរើស' },
      options: [{ value: 'co', label: { vi: 'Có', en: 'Yes', km: 'បាទ/ចាស' } }, { value: 'khong', label: { vi: 'Không', en: 'No', km: 'ទេ' } }],
    });
    expect(find(def, 'tuoi')).toMatchObject({ constraints: [{ message: { vi: 'Từ 18', en: '18 or more', km: 'ចាប់ពី ១៨' } }] });
    expect(def.defaultLanguage).toBeUndefined();
    // The same workbook imports to the same definition, its keys in the same order, every time.
    expect(JSON.stringify(importXlsform(workbook))).toBe(JSON.stringify(r));
    expect(Object.keys(find(def, 'tuoi').label)).toEqual(['vi', 'en', 'km']);
  });

  it('a form in Khmer only reads in Khmer in every slot, Khmer its default language', () => {
    const r = importXlsform(
      book({
        survey: [{ type: 'text', name: 'ten', 'label::Khmer (km)': 'ឈ្មោះ', 'hint::Khmer (km)': 'សរសេរឈ្មោះពេញ' }],
        settings: [{ form_id: 'khmer', 'form_title::Khmer (km)': 'ការស្ទង់មតិ', default_language: 'Khmer (km)' }],
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([]);
    const q = r.definition.sections[0]!.questions[0]!;
    expect(q.label).toEqual({ vi: 'ឈ្មោះ', en: 'ឈ្មោះ', km: 'ឈ្មោះ' });
    expect(q.hint).toEqual({ vi: 'សរសេរឈ្មោះពេញ', en: 'សរសេរឈ្មោះពេញ', km: 'សរសេរឈ្មោះពេញ' });
    expect(r.definition.title).toEqual({ vi: 'ការស្ទង់មតិ', en: 'ការស្ទង់មតិ', km: 'ការស្ទង់មតិ' });
    expect(r.definition.defaultLanguage).toBe('km');
  });

  it('a default language no column is in is no default language', () => {
    const r = importXlsform(book({ survey: [{ type: 'text', name: 'ten', [VI]: 'Họ tên', [EN]: 'Name' }], settings: [{ form_id: 'ten', default_language: 'Khmer (km)' }] }));
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.defaultLanguage).toBeUndefined();
    expect(r.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'Họ tên', en: 'Name' });
    expect(r.warnings).toEqual([]);
  });

  it('a form in Khmer only, with no default language named, still reads in Khmer', () => {
    const r = importXlsform(book({ survey: [{ type: 'text', name: 'ten', 'label::Khmer (km)': 'ឈ្មោះ' }], settings: [{ form_id: 'khmer' }] }));
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'ឈ្មោះ', en: 'ឈ្មោះ', km: 'ឈ្មោះ' });
    expect(r.warnings).toEqual([]);
  });

  it('reads a language named without its code when the name is known, and says which columns it cannot keep', () => {
    const r = importXlsform(
      book({
        survey: [{ type: 'text', name: 'ten', [VI]: 'Họ tên', [EN]: 'Name', 'label::Khmer': 'ឈ្មោះ', 'label::Kinh Bắc': 'Tên' }],
        settings: [{ form_id: 'ten' }],
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.sections[0]!.questions[0]!.label).toEqual({ vi: 'Họ tên', en: 'Name', km: 'ឈ្មោះ' });
    expect(r.warnings).toEqual([{ sheet: 'survey', row: 1, column: 'label::Kinh Bắc', message: { vi: expect.stringContaining('label::Khmer (km)'), en: expect.stringContaining('names no language code') } }]);
  });

  it('notes each text a further language lacks, at its sheet, row and column (the text falls back)', () => {
    const r = importXlsform(
      book({
        survey: [
          { type: 'select_one yn', name: 'a', [VI]: 'Câu A', [EN]: 'Question A', 'label::Khmer (km)': 'សំណួរ ក' },
          { type: 'text', name: 'b', [VI]: 'Câu B', [EN]: 'Question B', 'hint::Tiếng Việt (vi)': 'Gợi ý', 'hint::English (en)': 'Hint' },
        ],
        choices: [
          { list_name: 'yn', name: 'co', [VI]: 'Có', [EN]: 'Yes', 'label::Khmer (km)': 'បាទ' },
          { list_name: 'yn', name: 'khong', [VI]: 'Không', [EN]: 'No' },
        ],
        settings: [{ form_id: 'mot-phan', 'form_title::Tiếng Việt (vi)': 'Khảo sát', 'form_title::Khmer (km)': 'ការស្ទង់មតិ' }],
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.warnings.map((w) => [w.sheet, w.row, w.column])).toEqual([
      ['choices', 3, 'label::Khmer (km)'],
      ['survey', 3, 'label::Khmer (km)'],
      ['survey', 3, 'hint::Khmer (km)'],
    ]);
    expect(r.warnings[0]!.message).toEqual({
      vi: 'chưa có bản dịch ភាសាខ្មែរ (km): văn bản này hiển thị bằng tiếng Việt',
      en: 'no translation in ភាសាខ្មែរ (km): this text shows in Vietnamese',
    });
    expect(find(r.definition, 'b').label).toEqual({ vi: 'Câu B', en: 'Question B' });
  });

  it('takes the id from the file name when the settings name none', () => {
    expect(idFromFileName('Khảo sát mẫu 2026.xlsx')).toBe('khao-sat-mau-2026');
    const r = importXlsform(book({ survey: [{ type: 'text', name: 'a', label: 'A' }] }), { fileName: 'Đánh giá.xlsx' });
    expect(r.ok && r.definition.id).toBe('danh-gia');
  });
});

/** The problems of importing `rows` as the survey sheet (with the choices above). */
function refusal(rows: Record<string, Cell>[]) {
  const r = importXlsform(book({ survey: rows, choices, settings }));
  if (r.ok) throw new Error('imported');
  return r.problems;
}

describe('refusals, each at its sheet, row and column, in both languages', () => {
  const cases: [string, Record<string, Cell>[], { row: number; column: string; en: RegExp }][] = [
    ['a repeat group', [{ type: 'begin_repeat', name: 'r', label: 'R' }, { type: 'text', name: 'a', label: 'A' }, { type: 'end_repeat' }], { row: 2, column: 'type', en: /repeat/ }],
    ['pulldata()', [{ type: 'text', name: 'a', label: 'A', relevant: "pulldata('x','y','z','w') = 'a'" }], { row: 2, column: 'relevant', en: /pulldata/ }],
    ['an unknown name', [{ type: 'text', name: 'a', label: 'A', relevant: "${nobody} = 'x'" }], { row: 2, column: 'relevant', en: /nobody/ }],
    ['a later question named', [{ type: 'text', name: 'a', label: 'A', relevant: "${b} = 'x'" }, { type: 'text', name: 'b', label: 'B' }], { row: 2, column: 'relevant', en: /b/ }],
    ['an unknown type', [{ type: 'selectone yn', name: 'a', label: 'A' }], { row: 2, column: 'type', en: /unknown question type/ }],
    ['a missing list', [{ type: 'select_one nolist', name: 'a', label: 'A' }], { row: 2, column: 'type', en: /nolist/ }],
    ['a duplicate name', [{ type: 'text', name: 'a', label: 'A' }, { type: 'text', name: 'a', label: 'A2' }], { row: 3, column: 'name', en: /twice/ }],
    ['a group never closed', [{ type: 'begin_group', name: 'g', label: 'G' }, { type: 'text', name: 'a', label: 'A' }], { row: 2, column: 'type', en: /not closed/ }],
    ['an end_group too many', [{ type: 'text', name: 'a', label: 'A' }, { type: 'end_group' }], { row: 3, column: 'type', en: /without a "begin_group"/ }],
    ['a missing label', [{ type: 'text', name: 'a' }], { row: 2, column: 'label', en: /label/ }],
    ['a conditional required', [{ type: 'text', name: 'a', label: 'A', required: "${a} = 'x'" }], { row: 2, column: 'required', en: /yes or no/ }],
    ['a calculation', [{ type: 'calculate', name: 'c', calculation: '1 + 1' }], { row: 2, column: 'type', en: /calculate/ }],
    ['an image', [{ type: 'image', name: 'i', label: 'Ảnh' }], { row: 2, column: 'type', en: /images/ }],
    ['a bad name', [{ type: 'text', name: '1a', label: 'A' }], { row: 2, column: 'name', en: /must start with a letter/ }],
    ['a choice filter on no question', [{ type: 'select_one commune', name: 'x', label: 'X', choice_filter: 'province = ${tinh}' }], { row: 2, column: 'choice_filter', en: /choice filter/ }],
    [
      'a matrix row with its own relevant',
      [{ type: 'begin_group', name: 'm', label: 'M', appearance: 'table-list' }, { type: 'select_one sat', name: 'm_a', label: 'A', relevant: "${m_a} = '1'" }, { type: 'end_group' }],
      { row: 3, column: 'relevant', en: /matrix/ },
    ],
  ];
  it.each(cases)('%s', (_what, rows, expected) => {
    const problems = refusal(rows);
    const found = problems.find((p) => p.row === expected.row && p.column === expected.column);
    if (!found) expect.fail(`no problem at row ${expected.row}, column ${expected.column}: ${JSON.stringify(problems)}`);
    expect(found.sheet).toBe('survey');
    expect(found.message.en).toMatch(expected.en);
    expect(found.message.vi).not.toBe(found.message.en);
    expect(found.message.vi.length).toBeGreaterThan(5);
  });

  it('a file without a survey sheet', () => {
    const r = importXlsform({ sheets: { Sheet1: [['a', 'b']] } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message.en).toMatch(/no "survey" sheet/);
  });

  it('every problem of a file at once', () => {
    const problems = refusal([
      { type: 'begin_repeat', name: 'r', label: 'R' },
      { type: 'end_repeat' },
      { type: 'text', name: 'a' },
      { type: 'text', name: 'b', label: 'B', relevant: 'once(${a})' },
    ]);
    expect(problems.map((p) => p.row).sort()).toEqual([2, 4, 5]);
  });
});

describe('any workbook', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'type', 'name', 'label', 'begin_group', 'end_group', 'select_one yn', 'select_multiple kenh', 'integer', 'text', 'table-list', 'yn', 'co', '${a}', '. > 1', "selected(${a}, 'co')", 'relevant', 'constraint', 'list_name', 'choice_filter', 'label::English (en)', 'rows_from', 'scoring_method', 'papi', 'items', 'component'),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const sheet = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 14 });
  it('is imported or refused with located problems, never a throw', () => {
    fc.assert(
      fc.property(
        fc.record({ survey: sheet, choices: sheet, settings: sheet, lists: sheet, scoring: sheet, weights: sheet, groups: sheet }, { requiredKeys: ['survey'] }),
        (sheets) => {
          const r = importXlsform({ sheets: sheets as Record<string, Cell[][]> });
          if (!r.ok) for (const p of r.problems) expect(typeof p.message.vi === 'string' && typeof p.message.en === 'string').toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('a matrix whose rows come from a list', () => {
  it('lets later questions name one of its rows', () => {
    const def: Definition = {
      id: 'rows-from',
      version: 1,
      title: { vi: 'T', en: 'T' },
      respondentGroups: [{ id: 'all', label: { vi: 'A', en: 'A' } }],
      scales: { yn: { options: [{ value: 'y', label: { vi: 'Có', en: 'Yes' } }, { value: 'n', label: { vi: 'Không', en: 'No' } }] } },
      lists: { units: [{ value: 'u1', label: { vi: 'Đơn vị 1', en: 'Unit 1' } }] },
      sections: [
        {
          id: 's',
          title: { vi: 'S', en: 'S' },
          questions: [
            { type: 'matrix', id: 'm', label: { vi: 'M', en: 'M' }, scale: 'yn', rowsFrom: 'units' },
            { type: 'text', id: 'why', label: { vi: 'Vì sao', en: 'Why' }, visibleIf: { q: 'm', row: 'u1', equals: 'n' } },
          ],
        },
      ],
    };
    const back = importXlsform(exportXlsform(def));
    if (!back.ok) expect.fail(JSON.stringify(back.problems));
    expect(back.definition).toEqual(def);
  });
});

describe('a matrix whose rows are the campaign’s strata', () => {
  const def: Definition = {
    id: 'strata-rows',
    version: 2,
    title: m('Đánh giá các sở', 'Rating the departments'),
    respondentGroups: [{ id: 'leader', label: m('Lãnh đạo sở', 'Department leaders'), stratumList: 'departments' }],
    scales: { yn: { options: [{ value: 'y', label: m('Tốt', 'Good') }, { value: 'n', label: m('Chưa tốt', 'Not good') }] } },
    lists: { departments: [{ value: 'so-y-te', label: m('Sở Y tế', 'Department of Health') }, { value: 'so-tai-chinh', label: m('Sở Tài chính', 'Department of Finance') }] },
    sections: [
      {
        id: 's',
        title: m('Phần 1', 'Part 1'),
        questions: [
          { type: 'matrix', id: 'rate', label: m('Đánh giá từng sở', 'Rate each department'), scale: 'yn', rowsFrom: { strata: true }, required: true, columnShortcut: false },
          { type: 'text', id: 'why', label: m('Vì sao', 'Why'), visibleIf: { q: 'rate', row: 'so-y-te', equals: 'n' } },
        ],
      },
    ],
    scoring: { method: 'share', weights: { yn: { y: 1, n: 0 } }, components: [{ id: 'c', label: m('Phục vụ', 'Service'), items: ['rate'] }] },
  };

  it('writes rows_from = strata() and reads it back to the same definition, a row named in a condition included', () => {
    const book = exportXlsform(def);
    const [header, ...rows] = book.sheets.survey!;
    const row = rows.find((r) => r[header!.indexOf('name')] === 'rate')!;
    expect(row[header!.indexOf('rows_from')]).toBe('strata()');
    expect(row[header!.indexOf('type')]).toBe('select_one yn');
    expectReadBack(book, def);
  });

  it('says to write strata() when the brackets are missing, at its row and column', () => {
    const book = exportXlsform(def);
    const header = book.sheets.survey![0]!;
    const at = book.sheets.survey!.findIndex((r) => r[header.indexOf('name')] === 'rate');
    book.sheets.survey![at]![header.indexOf('rows_from')] = 'strata';
    const back = importXlsform(book);
    expect(back.ok).toBe(false);
    const problem = !back.ok ? back.problems.find((p) => p.column === 'rows_from') : undefined;
    expect(problem).toMatchObject({ sheet: 'survey', row: at + 1 });
    expect(problem?.message.en).toContain('write "strata()"');
    expect(problem?.message.vi).toContain('hãy viết "strata()"');
  });

  it('refuses it on a form whose respondent group has no stratum list, at the matrix’s row, in both languages', () => {
    const questions = def.sections[0]!.questions.filter((q) => q.id === 'rate');
    const book = exportXlsform({ ...def, sections: [{ ...def.sections[0]!, questions }] });
    const groups = book.sheets.groups!;
    groups[1]![groups[0]!.indexOf('stratum_list')] = '';
    const back = importXlsform(book);
    expect(back.ok).toBe(false);
    const header = book.sheets.survey![0]!;
    const at = book.sheets.survey!.findIndex((r) => r[header.indexOf('name')] === 'rate');
    const problem = !back.ok ? back.problems.find((p) => p.message.en.includes('stratumList')) : undefined;
    expect(problem).toMatchObject({ sheet: 'survey', row: at + 1 });
    expect(problem?.message.vi).toContain('chưa có danh sách tầng');
  });
});

describe('defaults', () => {
  it('reads the default column by question type, and a date typed in Excel', () => {
    const r = importXlsform(
      book({
        survey: [
          { type: 'select_one yn', name: 'a', label: 'A', default: 'co' },
          { type: 'select_multiple kenh', name: 'b', label: 'B', default: 'truc_tiep truc_tuyen' },
          { type: 'integer', name: 'c', label: 'C', default: '3' },
          { type: 'decimal', name: 'd', label: 'D', default: 2.5 },
          { type: 'date', name: 'e', label: 'E', default: 'today()' },
          { type: 'date', name: 'f', label: 'F', default: 46000 },
          { type: 'text', name: 'g', label: 'G', default: 'Lai Châu' },
        ],
        choices,
        settings,
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(r.definition.sections[0]!.questions.map((q) => (q.type === 'note' || q.type === 'matrix' ? undefined : q.default))).toEqual([
      'co',
      ['truc_tiep', 'truc_tuyen'],
      3,
      2.5,
      'today',
      '2025-12-09',
      'Lai Châu',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('refuses a default the question does not accept, at its row', () => {
    const problems = refusal([
      { type: 'integer', name: 'a', label: 'A', default: 'ba' },
      { type: 'select_one yn', name: 'b', label: 'B', default: 'maybe' },
    ]);
    expect(problems.map((p) => [p.row, p.column ?? null])).toEqual([[2, 'default']]);
    // The option that is not there is found by the engine's check, at the question's row.
    const second = refusal([{ type: 'select_one yn', name: 'b', label: 'B', default: 'maybe' }]);
    expect(second).toEqual([expect.objectContaining({ sheet: 'survey', row: 2, message: expect.objectContaining({ en: expect.stringContaining('the default "maybe" is not an option') }) })]);
  });

  it('survive a round trip', () => {
    const def: Definition = {
      id: 'defaults',
      version: 1,
      title: { vi: 'T', en: 'T' },
      respondentGroups: [{ id: 'all', label: { vi: 'A', en: 'A' } }],
      sections: [
        {
          id: 's',
          title: { vi: 'S', en: 'S' },
          questions: [
            { type: 'single', id: 'a', label: { vi: 'A', en: 'A' }, options: [{ value: 'x', label: { vi: 'X', en: 'X' } }], default: 'x' },
            { type: 'multiple', id: 'b', label: { vi: 'B', en: 'B' }, options: [{ value: 'x', label: { vi: 'X', en: 'X' } }, { value: 'y', label: { vi: 'Y', en: 'Y' } }], default: ['x', 'y'] },
            { type: 'integer', id: 'c', label: { vi: 'C', en: 'C' }, default: 7 },
            { type: 'date', id: 'd', label: { vi: 'D', en: 'D' }, default: 'today' },
            { type: 'longtext', id: 'e', label: { vi: 'E', en: 'E' }, default: 'Không có' },
          ],
        },
      ],
    };
    const back = importXlsform(exportXlsform(def));
    if (!back.ok) expect.fail(JSON.stringify(back.problems));
    expect(back.definition).toEqual(def);
  });
});

describe('required_message', () => {
  const RM_VI = 'required_message::Tiếng Việt (vi)';
  const RM_EN = 'required_message::English (en)';
  const households = { vi: 'Xin nhập số hộ trong thôn', en: 'Enter the number of households' };

  it('keeps the message of a required question in both languages', () => {
    const r = importXlsform(
      book({
        survey: [{ type: 'integer', name: 'so_ho', [VI]: 'Số hộ', [EN]: 'Households', required: 'yes', [RM_VI]: households.vi, [RM_EN]: households.en }],
        choices,
        settings,
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(find(r.definition, 'so_ho')).toMatchObject({ required: true, requiredMessage: households });
    expect(r.warnings).toEqual([]);
  });

  it('reads a plain or one-language column as labels do (the default language fills the other)', () => {
    const r = importXlsform(
      book({
        survey: [
          { type: 'text', name: 'a', [VI]: 'A', [EN]: 'A', required: 'yes', required_message: 'Bắt buộc' },
          { type: 'text', name: 'b', [VI]: 'B', [EN]: 'B', required: 'yes', [RM_VI]: 'Chưa trả lời' },
        ],
        settings,
      }),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(find(r.definition, 'a')).toMatchObject({ requiredMessage: { vi: 'Bắt buộc', en: 'Bắt buộc' } });
    expect(find(r.definition, 'b')).toMatchObject({ requiredMessage: { vi: 'Chưa trả lời', en: 'Chưa trả lời' } });
  });

  it('on a question that is not required: left out, with a warning at its cell', () => {
    const r = importXlsform(book({ survey: [{ type: 'text', name: 'a', [VI]: 'A', [EN]: 'A', [RM_VI]: 'Bắt buộc', [RM_EN]: 'Required' }], settings }));
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(find(r.definition, 'a')).not.toHaveProperty('requiredMessage');
    expect(find(r.definition, 'a')).not.toHaveProperty('required');
    expect(r.warnings).toEqual([expect.objectContaining({ sheet: 'survey', row: 2, column: RM_VI, message: expect.objectContaining({ en: expect.stringContaining('not required') }) })]);
  });

  it('of a table-list matrix: read from its rows (or its group), one for the whole table', () => {
    const rows = (extra: Record<string, Cell>) => [
      { type: 'begin_group', name: 'm', [VI]: 'M', [EN]: 'M', appearance: 'table-list' },
      { type: 'select_one sat', name: 'm_a', [VI]: 'A', [EN]: 'A', required: 'yes', [RM_VI]: 'Đánh giá đủ', [RM_EN]: 'Rate each', ...extra },
      { type: 'select_one sat', name: 'm_b', [VI]: 'B', [EN]: 'B', required: 'yes', [RM_VI]: 'Đánh giá đủ', [RM_EN]: 'Rate each' },
      { type: 'end_group' },
    ];
    const r = importXlsform(book({ survey: rows({}), choices, settings }));
    if (!r.ok) expect.fail(JSON.stringify(r.problems));
    expect(find(r.definition, 'm')).toMatchObject({ type: 'matrix', required: true, requiredMessage: { vi: 'Đánh giá đủ', en: 'Rate each' } });
    expect(r.warnings).toEqual([]);
    const differing = importXlsform(book({ survey: rows({ [RM_EN]: 'Rate all rows' }), choices, settings }));
    if (!differing.ok) expect.fail(JSON.stringify(differing.problems));
    expect(find(differing.definition, 'm')).toMatchObject({ requiredMessage: { vi: 'Đánh giá đủ', en: 'Rate all rows' } });
    expect(differing.warnings).toEqual([expect.objectContaining({ row: 4, column: RM_VI })]);
  });

  it('survives a round trip, on every kind of question that takes one', () => {
    const def = oneSection(
      'required-messages',
      [
        { type: 'integer', id: 'so_ho', label: m('Số hộ', 'Households'), required: true, requiredMessage: households },
        { type: 'single', id: 'a', label: m('A', 'A'), options: [{ value: 'x', label: m('X', 'X') }], required: true, requiredMessage: m('Chọn một', 'Choose one') },
        { type: 'text', id: 'b', label: m('B', 'B'), required: true },
        { type: 'matrix', id: 'bang', label: m('Bảng', 'Table'), scale: 'sat', rows: [{ value: 'r1', label: m('D1', 'R1') }], required: true, requiredMessage: m('Đánh giá đủ', 'Rate each') },
        { type: 'matrix', id: 'phong_ban', label: m('Phòng', 'Offices'), scale: 'sat', rowsFrom: 'phong', required: true, requiredMessage: m('Đánh giá từng phòng', 'Rate each office') },
      ],
      {
        scales: { sat: { options: [{ value: '1', label: m('Một', 'One') }, { value: '2', label: m('Hai', 'Two') }] } },
        lists: { phong: [{ value: 'p1', label: m('Phòng 1', 'Office 1') }] },
      },
    );
    const book = exportXlsform(def);
    expect(book.sheets.survey![0]).toEqual(expect.arrayContaining([RM_VI, RM_EN]));
    expectReadBack(book, def);
  });
});

describe('a limit’s own message (constraint_message on a length, number-of-choices or date limit)', () => {
  const CM_VI = 'constraint_message::Tiếng Việt (vi)';
  const CM_EN = 'constraint_message::English (en)';
  const LM_VI = 'limit_message::Tiếng Việt (vi)';
  const LM_EN = 'limit_message::English (en)';
  const issues = ['an_ninh', 'viec_lam', 'y_te', 'giao_duc', 'moi_truong'].map((name, i) => ({ list_name: 'van_de', name, [VI]: `Vấn đề ${i + 1}`, [EN]: `Issue ${i + 1}` }));
  const withIssues = [...choices, ...issues];
  const three = { vi: 'Tối đa 3 lựa chọn: chọn 3 vấn đề quan trọng nhất', en: 'At most 3: choose the 3 most important issues' };
  const short = { vi: 'Ghi ngắn gọn, không quá 200 ký tự', en: 'Keep it under 200 characters' };
  const past = { vi: 'Ngày nộp không thể sau hôm nay', en: 'The date cannot be later than today' };
  const inYear = { vi: 'Chỉ ghi ngày trong năm 2025', en: 'Only dates in 2025' };
  const fromToday = { vi: 'Ngày hẹn phải từ hôm nay trở đi', en: 'The appointment is today or later' };
  const imported = (survey: Record<string, Cell>[]) => {
    const r = importXlsform(book({ survey, choices: withIssues, settings }));
    if (!r.ok) return expect.fail(JSON.stringify(r.problems));
    return r;
  };
  const message = (m: Text) => ({ [CM_VI]: m.vi, [CM_EN]: m.en });

  it('keeps it, in both languages, for a text’s length, a number of choices and date bounds (today() and a fixed date)', () => {
    const r = imported([
      { type: 'text', name: 'ten', [VI]: 'Tên', [EN]: 'Name', constraint: 'string-length(.) <= 200', ...message(short) },
      { type: 'text', name: 'y_kien', [VI]: 'Ý kiến', [EN]: 'Opinion', appearance: 'multiline', constraint: 'string-length(.) <= 200', ...message(short) },
      { type: 'select_multiple van_de', name: 'van_de', [VI]: 'Vấn đề', [EN]: 'Issues', constraint: 'count-selected(.) >= 1 and count-selected(.) <= 3', ...message(three) },
      { type: 'date', name: 'ngay_nop', [VI]: 'Ngày nộp', [EN]: 'Submitted', constraint: '. <= today()', ...message(past) },
      { type: 'date', name: 'ngay', [VI]: 'Ngày', [EN]: 'Date', constraint: ". >= date('2025-01-01') and . <= date('2025-12-31')", ...message(inYear) },
      { type: 'date', name: 'hen', [VI]: 'Ngày hẹn', [EN]: 'Appointment', constraint: '. >= today()', ...message(fromToday) },
    ]);
    const def = r.definition;
    expect(find(def, 'ten')).toEqual({ type: 'text', id: 'ten', label: { vi: 'Tên', en: 'Name' }, maxLength: 200, limitMessage: short });
    expect(find(def, 'y_kien')).toMatchObject({ type: 'longtext', maxLength: 200, limitMessage: short });
    expect(find(def, 'van_de')).toMatchObject({ type: 'multiple', minSelected: 1, maxSelected: 3, limitMessage: three });
    expect(find(def, 'ngay_nop')).toMatchObject({ type: 'date', max: 'today', limitMessage: past });
    expect(find(def, 'ngay')).toMatchObject({ type: 'date', min: '2025-01-01', max: '2025-12-31', limitMessage: inYear });
    expect(find(def, 'hen')).toMatchObject({ type: 'date', min: 'today', limitMessage: fromToday });
    for (const id of ['ten', 'y_kien', 'van_de', 'ngay_nop', 'ngay', 'hen']) expect(find(def, id)).not.toHaveProperty('constraints');
    expect(r.warnings).toEqual([]);
    // What the enumerator then reads.
    const at = (answers: Answers) => validateAnswers(def, answers, { today: '2025-06-15' });
    expect(at({ van_de: ['an_ninh', 'viec_lam', 'y_te', 'giao_duc'] }).van_de).toEqual({ code: 'tooManySelected', message: three });
    expect(at({ ten: 'x'.repeat(201) }).ten).toEqual({ code: 'tooLong', message: short });
    expect(at({ ngay_nop: '2025-06-16' }).ngay_nop).toEqual({ code: 'tooLarge', message: past });
    expect(at({ ngay: '2024-12-31' }).ngay).toEqual({ code: 'tooSmall', message: inYear });
    expect(at({ hen: '2025-06-14' }).hen).toEqual({ code: 'tooSmall', message: fromToday });
  });

  it('reads a plain or one-language message as labels do (the default language fills the other)', () => {
    const r = imported([
      { type: 'select_multiple van_de', name: 'a', [VI]: 'A', [EN]: 'A', constraint: 'count-selected(.) <= 3', constraint_message: 'Tối đa 3 lựa chọn' },
      { type: 'text', name: 'b', [VI]: 'B', [EN]: 'B', constraint: 'string-length(.) < 11', [CM_VI]: 'Tối đa 10 ký tự' },
      { type: 'date', name: 'c', [VI]: 'C', [EN]: 'C', constraint: '. <= today()', [CM_EN]: 'Not in the future' },
      // A constraint without a limit: its message is the condition's only (max_length is a column of its own).
      { type: 'text', name: 'd', [VI]: 'D', [EN]: 'D', max_length: 20, constraint: ". != 'x'", ...message(short) },
      // A limit without a message: the app's own.
      { type: 'select_multiple van_de', name: 'e', [VI]: 'E', [EN]: 'E', constraint: 'count-selected(.) <= 3' },
    ]);
    expect(find(r.definition, 'a')).toMatchObject({ maxSelected: 3, limitMessage: { vi: 'Tối đa 3 lựa chọn', en: 'Tối đa 3 lựa chọn' } });
    expect(find(r.definition, 'b')).toMatchObject({ maxLength: 10, limitMessage: { vi: 'Tối đa 10 ký tự', en: 'Tối đa 10 ký tự' } });
    expect(find(r.definition, 'c')).toMatchObject({ max: 'today', limitMessage: { vi: 'Not in the future', en: 'Not in the future' } });
    expect(find(r.definition, 'd')).toMatchObject({ maxLength: 20, constraints: [{ message: short }] });
    expect(find(r.definition, 'd')).not.toHaveProperty('limitMessage');
    expect(find(r.definition, 'e')).toMatchObject({ maxSelected: 3 });
    expect(find(r.definition, 'e')).not.toHaveProperty('limitMessage');
    expect(r.warnings).toEqual([]);
  });

  it('a limit joined with a condition or a pattern: the same message for either failure', () => {
    const code = { vi: 'Mã gồm chữ in hoa, tối đa 10 ký tự, không ghi "KHONG"', en: 'Capitals, 10 at most, not "KHONG"' };
    const r = imported([
      { type: 'text', name: 'ma', [VI]: 'Mã', [EN]: 'Code', constraint: "string-length(.) <= 10 and regex(., '^[A-Z]+$') and . != 'KHONG'", ...message(code) },
      { type: 'select_one yn', name: 'co_con', [VI]: 'Có con?', [EN]: 'Children?' },
      { type: 'select_multiple van_de', name: 'van_de', [VI]: 'Vấn đề', [EN]: 'Issues', constraint: "count-selected(.) <= 2 and (${co_con} = 'co' or not(selected(., 'giao_duc')))", ...message(three) },
    ]);
    const def = r.definition;
    expect(find(def, 'ma')).toMatchObject({ maxLength: 10, pattern: '[A-Z]+', patternMessage: code, limitMessage: code, constraints: [{ test: { not: { q: 'ma', equals: 'KHONG' } }, message: code }] });
    expect(find(def, 'van_de')).toMatchObject({ maxSelected: 2, limitMessage: three, constraints: [{ message: three }] });
    expect(r.warnings).toEqual([]);
    const at = (answers: Answers) => validateAnswers(def, answers, { today: '2025-06-15' });
    expect(at({ ma: 'ABCDEFGHIJK' }).ma).toEqual({ code: 'tooLong', message: code });
    expect(at({ ma: 'abc' }).ma).toEqual({ code: 'patternMismatch', message: code });
    expect(at({ ma: 'KHONG' }).ma).toEqual({ code: 'constraint', message: code });
    expect(at({ van_de: ['an_ninh', 'viec_lam', 'y_te'] }).van_de).toEqual({ code: 'tooManySelected', message: three });
    expect(at({ co_con: 'khong', van_de: ['giao_duc'] }).van_de).toEqual({ code: 'constraint', message: three });
  });

  it('this app’s limit_message column: kept with a limit (over the constraint’s), left out with a warning without one', () => {
    const own = { vi: 'Không quá 5 ký tự', en: '5 characters at most' };
    const r = imported([
      { type: 'text', name: 'a', [VI]: 'A', [EN]: 'A', max_length: 5, [LM_VI]: own.vi, [LM_EN]: own.en },
      { type: 'text', name: 'b', [VI]: 'B', [EN]: 'B', constraint: 'string-length(.) <= 5', ...message(short), [LM_VI]: own.vi, [LM_EN]: own.en },
      { type: 'text', name: 'c', [VI]: 'C', [EN]: 'C', [LM_VI]: own.vi, [LM_EN]: own.en },
      { type: 'integer', name: 'd', [VI]: 'D', [EN]: 'D', min: 1, [LM_VI]: own.vi },
    ]);
    expect(find(r.definition, 'a')).toMatchObject({ maxLength: 5, limitMessage: own });
    expect(find(r.definition, 'b')).toMatchObject({ maxLength: 5, limitMessage: own });
    expect(find(r.definition, 'c')).not.toHaveProperty('limitMessage');
    expect(find(r.definition, 'd')).not.toHaveProperty('limitMessage');
    expect(r.warnings).toEqual([
      expect.objectContaining({ sheet: 'survey', row: 4, column: LM_VI, message: expect.objectContaining({ en: expect.stringContaining('no limit on length') }) }),
      expect.objectContaining({ sheet: 'survey', row: 5, column: LM_VI, message: expect.objectContaining({ en: expect.stringContaining('constraint_message') }) }),
    ]);
    for (const w of r.warnings) expect(untranslated(w.message.vi), w.message.en).toBeUndefined();
  });

  it('survives a round trip on every kind of question that takes one, with a condition beside it too', () => {
    const def = oneSection('limit-messages', [
      { type: 'text', id: 'ten', label: m('Tên', 'Name'), maxLength: 200, limitMessage: short },
      { type: 'text', id: 'ma', label: m('Mã', 'Code'), maxLength: 10, limitMessage: m('Tối đa 10', '10 at most'), pattern: '[A-Z]+', patternMessage: m('Chữ in hoa', 'Capitals') },
      { type: 'longtext', id: 'y_kien', label: m('Ý kiến', 'Opinion'), maxLength: 500, limitMessage: m('Tối đa 500 ký tự', '500 characters at most') },
      {
        type: 'multiple',
        id: 'van_de',
        label: m('Vấn đề', 'Issues'),
        options: issues.map((o) => ({ value: o.name, label: m(o[VI], o[EN]) })),
        minSelected: 1,
        maxSelected: 3,
        limitMessage: three,
        constraints: [{ test: { not: { q: 'van_de', includes: 'y_te' } }, message: m('Không chọn y tế', 'Not health') }],
      },
      { type: 'date', id: 'ngay_nop', label: m('Ngày nộp', 'Submitted'), max: 'today', limitMessage: past },
      { type: 'date', id: 'ngay', label: m('Ngày', 'Date'), min: '2025-01-01', max: '2025-12-31', limitMessage: inYear },
      { type: 'date', id: 'hen', label: m('Hẹn', 'Appointment'), min: 'today', limitMessage: fromToday },
      { type: 'text', id: 'khac', label: m('Khác', 'Other'), maxLength: 20 },
    ]);
    const xls = exportXlsform(def);
    expect(xls.sheets.survey![0]).toEqual(expect.arrayContaining([LM_VI, LM_EN]));
    expectReadBack(xls, def);
  });

  it('an XLSForm written by hand comes back the same after a download and an upload', () => {
    const first = imported([
      { type: 'text', name: 'ma', [VI]: 'Mã', [EN]: 'Code', constraint: "string-length(.) <= 10 and . != 'KHONG'", ...message(short) },
      { type: 'select_multiple van_de', name: 'van_de', [VI]: 'Vấn đề', [EN]: 'Issues', constraint: 'count-selected(.) <= 3', ...message(three) },
      { type: 'date', name: 'ngay', [VI]: 'Ngày', [EN]: 'Date', constraint: ". >= date('2025-01-01') and . <= today()", ...message(inYear) },
    ]);
    expect(['ma', 'van_de', 'ngay'].map((id) => (find(first.definition, id) as { limitMessage?: Text }).limitMessage)).toEqual([short, three, inYear]);
    const again = importXlsform(exportXlsform(first.definition));
    if (!again.ok) return expect.fail(JSON.stringify(again.problems));
    expect(again.definition).toEqual(first.definition);
    expect(again.warnings).toEqual([]);
  });

  it('the example XLSForm keeps its date’s and its number of channels’ own messages', () => {
    const example = importXlsform(readWorkbook(readFileSync(join(import.meta.dirname, '../../../examples/xlsform/khao-sat-mau.xlsx'))), { fileName: 'khao-sat-mau.xlsx' });
    if (!example.ok) return expect.fail(JSON.stringify(example.problems));
    expect(find(example.definition, 'ngay_nop')).toMatchObject({ max: 'today', limitMessage: { vi: 'Ngày nộp hồ sơ không thể sau hôm nay.', en: 'The date cannot be later than today.' } });
    expect(find(example.definition, 'kenh')).toMatchObject({ maxSelected: 3, limitMessage: { vi: 'Chỉ chọn tối đa 3 kênh.', en: 'Choose at most 3.' } });
    expect(example.warnings).toEqual([]);
  });
});

describe('the engine’s findings, in Vietnamese on Vietnamese pages', () => {
  it('refuses a default naming an option the list lacks, in Vietnamese', () => {
    const problems = refusal([{ type: 'select_one yn', name: 'b', label: 'B', default: 'maybe' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.vi).toBe('bảng hỏi chưa đúng (sections.0.questions.0.default): giá trị mặc định “maybe” không phải là phương án của câu “b”');
    expect(untranslated(problems[0]!.message.vi)).toBeUndefined();
  });

  it('refuses a scoring sheet that does not fit the questions, in Vietnamese', () => {
    const xls = exportXlsform(load('papi-citizen.json'));
    const scoring = xls.sheets.scoring!;
    const itemsAt = scoring[0]!.indexOf('items');
    const row = scoring.findIndex((r, i) => i > 0 && String(r[itemsAt] ?? '') !== '');
    scoring[row]![itemsAt] = `${String(scoring[row]![itemsAt])} ghost`;
    const r = importXlsform(xls);
    if (r.ok) return expect.fail('a scoring sheet naming a question that does not exist was accepted');
    expect(r.problems.map((p) => p.message.en)).toContainEqual(expect.stringContaining('unknown question "ghost"'));
    for (const p of r.problems) expect(untranslated(p.message.vi), p.message.en).toBeUndefined();
    expect(r.problems.map((p) => p.message.vi)).toContainEqual(expect.stringContaining('không có câu hỏi “ghost”'));
  });
});
