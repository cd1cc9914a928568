/**
 * A questionnaire made to be awkward for SPSS and Stata (test/server/syntax.test.ts,
 * syntax-exports.test.ts): text codes holding quotes, an apostrophe, $ and `, a code beginning with
 * - (the CSV guards it with '), Vietnamese codes and labels, matrix rows and options whose codes
 * make the same name, a reserved word as a question id, an id longer than 64 characters, labels
 * longer than each package takes, a list shared by a question and the strata, numeric and text
 * scales; and interviews of it.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Submission } from '../../src/contract';
import type { Definition } from '../../src/survey';
import { checkDefinitionData } from '../../src/survey/load';
import { DEFINITIONS_DIR } from './harness';

const T = (vi: string, en: string) => ({ vi, en });

/** A question id longer than SPSS's 64 characters. */
export const LONG_ID = 'mucDoHaiLongVoiThaiDoPhucVuCuaCanBoTiepNhanVaTraKetQuaHoSoTaiBoPhanMotCua';
/** A value label longer than SPSS's 120 bytes. */
export const LONG_OPTION = T(
  'Một phương án có nhãn rất dài để thử giới hạn một trăm hai mươi byte của nhãn giá trị trong SPSS, với chữ tiếng Việt có dấu ở cuối',
  'An option whose label is very long, to try the limit of one hundred and twenty bytes on value labels in SPSS, with accents',
);

export function syntaxEdgeDefinition(): Definition {
  const data = {
    id: 'syntax-edge',
    version: 1,
    title: T('Phiếu thử cú pháp "SPSS" và Stata', "Syntax test questionnaire's \"edge\""),
    respondentGroups: [{ id: 'dan', label: T('Người dân', 'Citizens'), stratumList: 'xa' }],
    scales: {
      agree4: {
        label: T('Mức độ đồng ý', 'Agreement'),
        options: [
          { value: '1', label: T('Hoàn toàn không đồng ý', 'Strongly disagree') },
          { value: '2', label: T('Không đồng ý', 'Disagree') },
          { value: '3', label: T('Đồng ý', 'Agree') },
          { value: '4', label: T('Hoàn toàn đồng ý', 'Strongly agree') },
          { value: '9', label: T('Không biết', "Don't know"), missing: true },
        ],
      },
      yn: {
        options: [
          { value: 'yes', label: T('Có', 'Yes') },
          { value: 'no', label: T('Không', 'No') },
          { value: '-dk', label: T('Không biết "rõ"', 'Not "sure"'), missing: true },
        ],
      },
    },
    lists: {
      xa: [
        { value: 'phuong-1', label: T('Phường Đông Hà', 'Đông Hà Ward') },
        { value: 'xã-gio-linh', label: T('Xã Gio Linh', 'Gio Linh Commune') },
        { value: "o'brien", label: T("Thôn O'Brien", "O'Brien Hamlet") },
      ],
    },
    sections: [
      {
        id: 's1',
        title: T('Phần một', 'Part one'),
        questions: [
          { id: 'noi', type: 'single', optionsFrom: 'xa', label: T('Ông/Bà sống ở xã, phường nào?', 'Which commune or ward do you live in?') },
          { id: 'in', type: 'single', scale: 'yn', label: T('Ông/Bà có biết "Chỉ số" không?', 'Do you know the "Index"?') },
          { id: 'q_a', type: 'single', scale: 'yn', label: T("Câu hỏi 'A'", "Question 'A'") },
          {
            id: 'danhGia',
            type: 'matrix',
            scale: 'agree4',
            label: T(
              'Ông/Bà đánh giá thế nào về chất lượng giải quyết thủ tục hành chính và thái độ phục vụ của các sở, ban, ngành sau đây trong năm vừa qua',
              'How do you rate the handling of administrative procedures and the attitude of the following departments over the past year',
            ),
            rows: [
              { value: 'sở-nội-vụ', label: T('Sở Nội vụ "tỉnh"', 'Department of Home Affairs "province"') },
              { value: 'so_noi_vu', label: T('Sở Nội vụ (cũ)', 'Department of Home Affairs (former)') },
            ],
          },
          {
            id: 'vanDe',
            type: 'multiple',
            label: T('Những vấn đề Ông/Bà gặp phải', 'Problems you met'),
            options: [
              { value: 'a-b', label: T('Vấn đề A-B', 'Problem A-B') },
              { value: 'a_b', label: T('Vấn đề A_B', 'Problem A_B') },
              { value: 'khác', label: T('Khác (ghi rõ)', 'Other (specify)'), other: true },
            ],
          },
          { id: 'soNguoi', type: 'integer', label: T('Số người trong hộ', 'People in the household') },
          { id: 'tyLe', type: 'decimal', decimals: 1, label: T('Tỷ lệ (%)', 'Share (%)') },
          { id: 'ghiChu', type: 'longtext', label: T('Ghi chú', 'Notes') },
          {
            id: LONG_ID,
            type: 'single',
            scale: 'agree4',
            label: T(
              'Mức độ hài lòng của Ông/Bà với thái độ phục vụ của cán bộ, công chức tại Bộ phận tiếp nhận và trả kết quả hồ sơ thủ tục hành chính của Trung tâm Phục vụ hành chính công tỉnh, kể cả khi hồ sơ phải bổ sung, sửa đổi nhiều lần trước khi được giải quyết',
              'How satisfied you are with the attitude of the officials who receive files and return results at the provincial public administration service centre, including when a file must be completed several times before it is handled',
            ),
          },
          {
            id: 'dong',
            type: 'single',
            label: T('Câu có mã lạ', 'Question with odd codes'),
            options: [
              { value: 'say "hi"', label: T('Nói "chào"', 'Say "hi"') },
              { value: "it's", label: T("Của 'họ'", "Theirs 'own'") },
              { value: 'a$b`c', label: T('Ký hiệu $ và `', 'Signs $ and `') },
            ],
          },
          {
            id: 'nhanDai',
            type: 'single',
            label: T('Câu có nhãn dài', 'Question with a long label'),
            options: [
              { value: '1', label: LONG_OPTION },
              { value: '2', label: T('Ngắn', 'Short') },
            ],
          },
        ],
      },
    ],
  };
  const loaded = checkDefinitionData(data, 'syntax-edge.json');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return loaded.definition;
}

/** A copy of survey-definitions/ with syntax-edge.json added; remove() deletes it. */
export function definitionsWithSyntaxEdge(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'defs-syntax-edge-'));
  const dir = join(root, 'survey-definitions');
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'syntax-edge.json'), JSON.stringify(syntaxEdgeDefinition(), null, 2));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Interviews of the awkward questionnaire: odd codes, text of two lines, a guarded answer, empty answers. */
export function syntaxEdgeSubmissions(): Submission[] {
  const base = (stratum: string, answers: Submission['answers']): Submission => ({
    id: randomUUID(),
    surveyId: 'syntax-edge',
    surveyVersion: 1,
    respondentGroup: 'dan',
    stratum,
    lang: 'vi',
    answers: { noi: stratum, ...answers },
    startedAt: '2026-11-05T09:00:00.000+07:00',
    completedAt: '2026-11-05T09:10:00.000+07:00',
    sectionTimes: { s1: 600 },
  });
  return [
    base('xã-gio-linh', {
      in: 'yes',
      q_a: '-dk',
      danhGia: { 'sở-nội-vụ': '4', so_noi_vu: '9' },
      vanDe: ['a-b', 'khác'],
      vanDe__other: 'Ý kiến "khác", có dấu phẩy',
      soNguoi: 12,
      tyLe: 2.5,
      ghiChu: 'Dòng một\nDòng hai, "trích dẫn" của \'họ\'',
      [LONG_ID]: '3',
      dong: 'say "hi"',
      nhanDai: '1',
    }),
    base("o'brien", { in: 'no', q_a: 'yes', danhGia: { 'sở-nội-vụ': '1' }, vanDe: ['a_b'], soNguoi: 0, tyLe: -1.5, ghiChu: '-bắt đầu bằng dấu trừ', [LONG_ID]: '9', dong: "it's", nhanDai: '2' }),
    base('phuong-1', { in: 'yes', danhGia: { 'sở-nội-vụ': '4', so_noi_vu: '4' }, dong: 'a$b`c' }),
    base('phuong-1', { in: '-dk', q_a: 'no', danhGia: { 'sở-nội-vụ': '2' }, vanDe: [], [LONG_ID]: '4' }),
  ];
}
