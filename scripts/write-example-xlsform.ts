/**
 * Writes examples/xlsform/khao-sat-mau.xlsx: a short Vietnamese citizen-satisfaction questionnaire
 * (in the spirit of SIPAS: one administrative procedure at the commune's one-stop office) as a
 * standard XLSForm (sheets survey, choices, settings), the way a provincial Department of Home
 * Affairs would write it in Excel. Run with `npx tsx scripts/write-example-xlsform.ts`.
 *
 * The communes and wards are real, in the structure in force since 1 July 2025 (34 provinces,
 * communes and wards directly under the province): the whole list of Lai Châu (Resolution
 * 1670/NQ-UBTVQH15 of 16 June 2025) and a verified handful of Quảng Trị (merged with Quảng Bình).
 * The sources are in examples/xlsform/README.md. The file is the same, byte for byte, on every run.
 */
import * as fs from 'node:fs';
import * as XLSX from '@e965/xlsx';

XLSX.set_fs(fs);

const OUT_DIR = 'examples/xlsform';
const OUT = `${OUT_DIR}/khao-sat-mau.xlsx`;

const VI = 'Tiếng Việt (vi)';
const EN = 'English (en)';

type Cell = string | number;

// ---------------------------------------------------------------------------------------------
// Communes, wards and special zones (xã, phường, đặc khu).

type Kind = 'phuong' | 'xa' | 'dac_khu';
const KIND: Record<Kind, { vi: string; en: string }> = {
  phuong: { vi: 'Phường', en: 'Ward' },
  xa: { vi: 'Xã', en: 'Commune' },
  dac_khu: { vi: 'Đặc khu', en: 'Special Zone' },
};

/**
 * Lai Châu: all 38 commune-level units (2 wards, 36 communes) of Resolution 1670/NQ-UBTVQH15 of
 * 16 June 2025 (34 communes and 2 wards formed by it, and Mù Cả and Tà Tổng, left as they were).
 * Wards first, then communes, each in Vietnamese alphabetical order.
 */
const LAI_CHAU: [Kind, string][] = [
  ['phuong', 'Đoàn Kết'],
  ['phuong', 'Tân Phong'],
  ...(
    [
      'Bản Bo', 'Bình Lư', 'Bum Nưa', 'Bum Tở', 'Dào San', 'Hồng Thu', 'Hua Bum', 'Khoen On', 'Khổng Lào',
      'Khun Há', 'Lê Lợi', 'Mù Cả', 'Mường Khoa', 'Mường Kim', 'Mường Mô', 'Mường Tè', 'Mường Than',
      'Nậm Cuổi', 'Nậm Hàng', 'Nậm Mạ', 'Nậm Sỏ', 'Nậm Tăm', 'Pa Tần', 'Pa Ủ', 'Pắc Ta', 'Phong Thổ',
      'Pu Sam Cáp', 'Sì Lở Lầu', 'Sìn Hồ', 'Sin Suối Hồ', 'Tả Lèng', 'Tà Tổng', 'Tân Uyên', 'Than Uyên',
      'Thu Lũm', 'Tủa Sín Chải',
    ] as const
  ).map((name): [Kind, string] => ['xa', name]),
];

/**
 * Quảng Trị (Quảng Bình and Quảng Trị merged; 78 commune-level units in all): only the 13 whose
 * post-2025 names were confirmed by two independent sources. Not the whole province.
 */
const QUANG_TRI: [Kind, string][] = [
  ['phuong', 'Ba Đồn'],
  ['phuong', 'Đông Hà'],
  ['phuong', 'Đồng Hới'],
  ['phuong', 'Đồng Thuận'],
  ['phuong', 'Nam Đông Hà'],
  ['phuong', 'Quảng Trị'],
  ['xa', 'Cửa Tùng'],
  ['xa', 'Lệ Thủy'],
  ['xa', 'Phong Nha'],
  ['xa', 'Thượng Trạch'],
  ['xa', 'Vĩnh Hoàng'],
  ['xa', 'Vĩnh Linh'],
  ['dac_khu', 'Cồn Cỏ'],
];

const PROVINCES: { code: string; vi: string; en: string; units: [Kind, string][] }[] = [
  { code: 'lai_chau', vi: 'Tỉnh Lai Châu', en: 'Lai Châu Province', units: LAI_CHAU },
  { code: 'quang_tri', vi: 'Tỉnh Quảng Trị', en: 'Quảng Trị Province', units: QUANG_TRI },
];

/** An ASCII code from a Vietnamese name: "Nậm Cuổi" → "nam_cuoi". */
function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// choices

const CHOICE_HEADER = ['list_name', 'name', `label::${VI}`, `label::${EN}`, 'province'];
const choices: Cell[][] = [CHOICE_HEADER];
const choice = (list: string, name: string, vi: string, en: string, province = '') => choices.push([list, name, vi, en, province]);

for (const p of PROVINCES) choice('province', p.code, p.vi, p.en);
for (const p of PROVINCES)
  for (const [kind, name] of p.units) choice('commune', `${kind}_${slug(name)}`, `${KIND[kind].vi} ${name}`, `${name} ${KIND[kind].en}`, p.code);

choice('gioi_tinh', 'nam', 'Nam', 'Male');
choice('gioi_tinh', 'nu', 'Nữ', 'Female');
choice('gioi_tinh', 'khong_tra_loi', 'Không muốn trả lời', 'Prefer not to say');

choice('co_khong', 'co', 'Có', 'Yes');
choice('co_khong', 'khong', 'Không', 'No');

choice('linh_vuc', 'ho_tich', 'Hộ tịch (khai sinh, kết hôn, khai tử…)', 'Civil status (birth, marriage, death…)');
choice('linh_vuc', 'chung_thuc', 'Chứng thực (bản sao, chữ ký)', 'Certification (copies, signatures)');
choice('linh_vuc', 'dat_dai', 'Đất đai', 'Land');
choice('linh_vuc', 'xay_dung', 'Xây dựng nhà ở', 'House building');
choice('linh_vuc', 'chinh_sach', 'Chính sách xã hội, người có công', 'Social welfare, people with meritorious services');
choice('linh_vuc', 'khac', 'Lĩnh vực khác', 'Other');

choice('kenh', 'niem_yet', 'Bảng niêm yết tại Bộ phận Một cửa', 'The notice board at the one-stop office');
choice('kenh', 'cong_chuc', 'Hỏi trực tiếp công chức', 'Asking an official');
choice('kenh', 'truc_tuyen', 'Cổng Dịch vụ công, trang thông tin điện tử', 'The Public Service Portal or a government website');
choice('kenh', 'loa_bao_dai', 'Loa truyền thanh, báo, đài', 'Loudspeakers, newspapers, radio or television');
choice('kenh', 'mang_xa_hoi', 'Mạng xã hội (Zalo, Facebook…)', 'Social media (Zalo, Facebook…)');
choice('kenh', 'nguoi_than', 'Người thân, bạn bè, hàng xóm', 'Family, friends or neighbours');

choice('hai_long', 'rat_khong_hai_long', 'Rất không hài lòng', 'Very dissatisfied');
choice('hai_long', 'khong_hai_long', 'Không hài lòng', 'Dissatisfied');
choice('hai_long', 'binh_thuong', 'Bình thường', 'Neither satisfied nor dissatisfied');
choice('hai_long', 'hai_long', 'Hài lòng', 'Satisfied');
choice('hai_long', 'rat_hai_long', 'Rất hài lòng', 'Very satisfied');

// ---------------------------------------------------------------------------------------------
// survey

const SURVEY_COLUMNS = [
  'type',
  'name',
  `label::${VI}`,
  `label::${EN}`,
  `hint::${VI}`,
  `hint::${EN}`,
  'required',
  'relevant',
  'constraint',
  `constraint_message::${VI}`,
  `constraint_message::${EN}`,
  'choice_filter',
  'appearance',
] as const;

interface Row {
  type: string;
  name?: string;
  label?: [string, string];
  hint?: [string, string];
  required?: 'yes';
  relevant?: string;
  constraint?: string;
  message?: [string, string];
  choice_filter?: string;
  appearance?: string;
}

const DA_LAM = "${da_lam_thu_tuc} = 'co'";

const rows: Row[] = [
  { type: 'begin_group', name: 'thong_tin_chung', label: ['Thông tin chung', 'General information'] },
  {
    type: 'note',
    name: 'gioi_thieu',
    label: [
      'Phiếu này hỏi ý kiến của Ông/Bà về việc giải quyết thủ tục hành chính tại Bộ phận Một cửa của xã, phường. Câu trả lời được giữ kín và chỉ dùng để tổng hợp.',
      'This questionnaire asks for your opinion of how an administrative procedure was handled at the one-stop office of your commune or ward. Your answers are confidential and used only in aggregate.',
    ],
  },
  {
    type: 'select_one province',
    name: 'tinh',
    label: ['Ông/Bà làm thủ tục ở tỉnh nào?', 'In which province did you carry out the procedure?'],
    required: 'yes',
  },
  {
    type: 'select_one commune',
    name: 'xa',
    label: ['Ông/Bà làm thủ tục ở xã, phường, đặc khu nào?', 'In which commune, ward or special zone?'],
    hint: ['Danh sách chỉ có các xã, phường, đặc khu của tỉnh đã chọn.', 'The list shows only the communes, wards and special zones of the province chosen.'],
    required: 'yes',
    choice_filter: 'province = ${tinh}',
    appearance: 'minimal',
  },
  {
    type: 'integer',
    name: 'tuoi',
    label: ['Ông/Bà bao nhiêu tuổi?', 'How old are you?'],
    required: 'yes',
    constraint: '. >= 18 and . <= 100',
    message: ['Tuổi phải từ 18 đến 100.', 'The age must be from 18 to 100.'],
  },
  {
    type: 'select_one gioi_tinh',
    name: 'gioi_tinh',
    label: ['Giới tính của Ông/Bà', 'Your sex'],
    required: 'yes',
  },
  {
    type: 'text',
    name: 'dien_thoai',
    label: ['Số điện thoại liên hệ', 'Contact phone number'],
    hint: ['Không bắt buộc; chỉ dùng để hỏi lại khi cần làm rõ câu trả lời.', 'Optional; used only to call back if an answer needs clarifying.'],
    constraint: "regex(., '^0[0-9]{9}$')",
    message: ['Số điện thoại gồm 10 chữ số và bắt đầu bằng số 0.', 'A phone number has 10 digits and starts with 0.'],
  },
  { type: 'end_group', name: 'thong_tin_chung' },

  { type: 'begin_group', name: 'thu_tuc', label: ['Thủ tục hành chính đã thực hiện', 'The administrative procedure'] },
  {
    type: 'select_one co_khong',
    name: 'da_lam_thu_tuc',
    label: [
      'Trong 12 tháng qua, Ông/Bà có trực tiếp làm thủ tục hành chính tại Bộ phận Một cửa của xã, phường không?',
      'In the past 12 months, did you yourself carry out an administrative procedure at the one-stop office of a commune or ward?',
    ],
    required: 'yes',
  },
  {
    type: 'note',
    name: 'khong_danh_gia',
    label: [
      'Cảm ơn Ông/Bà. Các câu hỏi còn lại chỉ dành cho người đã làm thủ tục; Ông/Bà có thể kết thúc phiếu.',
      'Thank you. The remaining questions are only for people who carried out a procedure; you can finish the questionnaire.',
    ],
    relevant: "${da_lam_thu_tuc} = 'khong'",
  },
  {
    type: 'select_one linh_vuc',
    name: 'linh_vuc',
    label: ['Thủ tục Ông/Bà làm gần đây nhất thuộc lĩnh vực nào?', 'Which field did your most recent procedure belong to?'],
    required: 'yes',
    relevant: DA_LAM,
  },
  {
    type: 'date',
    name: 'ngay_nop',
    label: ['Ông/Bà nộp hồ sơ ngày nào?', 'On what date did you submit the application?'],
    hint: ['Nếu không nhớ chính xác, hãy chọn ngày gần đúng.', 'If you do not remember exactly, choose an approximate date.'],
    required: 'yes',
    relevant: DA_LAM,
    constraint: '. <= today()',
    message: ['Ngày nộp hồ sơ không thể sau hôm nay.', 'The date cannot be later than today.'],
  },
  {
    type: 'select_multiple kenh',
    name: 'kenh',
    label: ['Ông/Bà tìm hiểu thông tin về thủ tục qua những kênh nào?', 'Where did you find information about the procedure?'],
    hint: ['Chọn tối đa 3 kênh chính.', 'Choose at most the 3 main sources.'],
    required: 'yes',
    relevant: DA_LAM,
    constraint: 'count-selected(.) <= 3',
    message: ['Chỉ chọn tối đa 3 kênh.', 'Choose at most 3.'],
  },
  {
    type: 'select_one co_khong',
    name: 'truc_tuyen_de_hieu',
    label: [
      'Thông tin về thủ tục trên Cổng Dịch vụ công, trang thông tin điện tử có đầy đủ, dễ hiểu không?',
      'Was the information about the procedure on the Public Service Portal or website complete and easy to understand?',
    ],
    required: 'yes',
    relevant: "selected(${kenh}, 'truc_tuyen')",
  },
  {
    type: 'select_one co_khong',
    name: 'dung_hen',
    label: ['Ông/Bà có nhận được kết quả đúng hẹn không?', 'Did you receive the result on the date promised?'],
    required: 'yes',
    relevant: DA_LAM,
  },
  { type: 'end_group', name: 'thu_tuc' },

  { type: 'begin_group', name: 'muc_do_hai_long', label: ['Mức độ hài lòng', 'Satisfaction'], relevant: DA_LAM },
  {
    type: 'begin_group',
    name: 'danh_gia',
    label: ['Ông/Bà hài lòng như thế nào với từng mặt sau đây?', 'How satisfied are you with each of the following?'],
    appearance: 'table-list',
  },
  {
    type: 'select_one hai_long',
    name: 'danh_gia_tiep_can',
    label: ['Nơi làm thủ tục và trang thiết bị phục vụ', 'The office and its facilities'],
    required: 'yes',
  },
  {
    type: 'select_one hai_long',
    name: 'danh_gia_thu_tuc',
    label: ['Sự công khai, minh bạch của thủ tục (hồ sơ, phí, thời hạn)', 'How open and clear the procedure is (documents, fees, time limit)'],
    required: 'yes',
  },
  {
    type: 'select_one hai_long',
    name: 'danh_gia_thai_do',
    label: ['Thái độ và năng lực của công chức tiếp nhận, giải quyết hồ sơ', 'The attitude and competence of the officials who handled the application'],
    required: 'yes',
  },
  {
    type: 'select_one hai_long',
    name: 'danh_gia_ket_qua',
    label: ['Kết quả giải quyết thủ tục', 'The result of the procedure'],
    required: 'yes',
  },
  {
    type: 'select_one hai_long',
    name: 'danh_gia_phan_anh',
    label: ['Việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', 'How suggestions and complaints are received and handled'],
    required: 'yes',
  },
  { type: 'end_group', name: 'danh_gia' },
  {
    type: 'text',
    name: 'gop_y',
    label: ['Ông/Bà có góp ý gì để Bộ phận Một cửa phục vụ người dân tốt hơn?', 'Do you have any suggestions for the one-stop office to serve people better?'],
    hint: ['Không bắt buộc.', 'Optional.'],
    appearance: 'multiline',
  },
  { type: 'end_group', name: 'muc_do_hai_long' },
];

const survey: Cell[][] = [
  [...SURVEY_COLUMNS],
  ...rows.map((r) => [
    r.type,
    r.name ?? '',
    r.label?.[0] ?? '',
    r.label?.[1] ?? '',
    r.hint?.[0] ?? '',
    r.hint?.[1] ?? '',
    r.required ?? '',
    r.relevant ?? '',
    r.constraint ?? '',
    r.message?.[0] ?? '',
    r.message?.[1] ?? '',
    r.choice_filter ?? '',
    r.appearance ?? '',
  ]),
];

// ---------------------------------------------------------------------------------------------
// settings

const settings: Cell[][] = [
  ['form_title::' + VI, 'form_title::' + EN, 'form_id', 'version', 'default_language'],
  [
    'Khảo sát mẫu: sự hài lòng của người dân với dịch vụ hành chính công cấp xã',
    'Sample survey: citizen satisfaction with commune-level public administrative services',
    'khao-sat-mau',
    1,
    VI,
  ],
];

// ---------------------------------------------------------------------------------------------
// checks, then the workbook

const NAME = /^[a-z][a-z0-9_]*$/;
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}
const names = new Set<string>();
for (const r of rows) {
  if (r.type === 'end_group') continue;
  check(r.name !== undefined && NAME.test(r.name), `bad name ${r.name}`);
  check(!names.has(r.name!), `name ${r.name} twice`);
  names.add(r.name!);
}
const seen = new Set<string>();
for (const [list, name] of choices.slice(1) as string[][]) {
  check(NAME.test(name!), `bad choice name ${list} ${name}`);
  check(!seen.has(`${list} ${name}`), `choice ${list} ${name} twice`);
  seen.add(`${list} ${name}`);
}
check(LAI_CHAU.length === 38, 'Lai Châu has 38 commune-level units');

/** Every text in NFC (precomposed), as Excel and most keyboards write Vietnamese. */
const nfc = (sheet: Cell[][]) => sheet.map((row) => row.map((c) => (typeof c === 'string' ? c.normalize('NFC') : c)));

function sheet(data: Cell[][], widths: number[]): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(nfc(data));
  ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, sheet(survey, [22, 20, 60, 60, 40, 40, 9, 28, 26, 36, 36, 22, 12]), 'survey');
XLSX.utils.book_append_sheet(book, sheet(choices, [12, 28, 36, 36, 10]), 'choices');
XLSX.utils.book_append_sheet(book, sheet(settings, [60, 60, 14, 8, 18]), 'settings');
// Fixed document properties, so that no date of the run ends up in the file.
book.Props = { Title: 'khao-sat-mau', Author: 'Khảo sát CCHC', CreatedDate: new Date(Date.UTC(2025, 6, 1)) };

fs.mkdirSync(OUT_DIR, { recursive: true });
XLSX.writeFile(book, OUT, { bookType: 'xlsx', bookSST: true, compression: true });
console.log(`wrote ${OUT}: ${rows.length} survey rows, ${choices.length - 1} choices`);
