/**
 * A problem with the shape of a definition (a zod issue), said in Vietnamese for the coordinators'
 * pages: the messages the schema (schema.ts) writes itself, translated, and zod's own ones by their
 * code, saying what was expected. Ids, field names and values from the file are quoted “…”; the
 * path is shown beside the message, never in it.
 */
import { MAX_SECTIONS } from './types';

/** The parts of a zod issue read here (zod's own type is not needed: this module stays free of zod). */
export interface IssueLike {
  code: string;
  message: string;
  keys?: readonly string[] | undefined;
  issues?: readonly IssueLike[] | undefined;
  expected?: string | undefined;
  origin?: string | undefined;
  format?: string | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
  inclusive?: boolean | undefined;
  values?: readonly unknown[] | undefined;
  options?: readonly unknown[] | undefined;
  discriminator?: string | undefined;
  divisor?: number | bigint | undefined;
}

const q = (s: string): string => `“${s}”`;
const quoted = (values: readonly unknown[]): string => values.map((v) => q(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))).join(', ');
const language = (lang: string): string => (lang === 'vi' ? 'tiếng Việt' : lang === 'en' ? 'tiếng Anh' : q(lang));

/** The schema's own messages, word for word. */
const SCHEMA_MESSAGES: Record<string, string> = {
  'must start with a letter and contain only letters, digits and single "_" or "-" between them':
    'mã phải bắt đầu bằng chữ cái và chỉ gồm chữ cái không dấu, chữ số, với một dấu “_” hoặc “-” giữa chúng',
  'an option needs a value (its code in the data)': 'phương án cần có mã (mã được ghi trong dữ liệu)',
  'a scale needs at least two options': 'thang đo cần ít nhất hai phương án',
  '"oneOf" needs at least one value': '“oneOf” cần ít nhất một giá trị',
  '"all" needs at least one condition': '“all” cần ít nhất một điều kiện',
  '"any" needs at least one condition': '“any” cần ít nhất một điều kiện',
  'a condition is exactly one of {"all": [...]}, {"any": [...]}, {"not": {...}} or a comparison {"q": "<question id>", "<operator>": value}':
    'mỗi điều kiện có đúng một dạng: “all”, “any”, “not”, hoặc một phép so sánh gồm mã câu hỏi “q” và một toán tử với giá trị',
  'an operator needs "q", the question it compares': 'toán tử so sánh cần “q”: mã câu hỏi được so sánh',
  'a choice filter needs at least one {"field", "q"}': 'bộ lọc lựa chọn cần ít nhất một cặp “field”, “q”',
  'a section needs at least one question': 'mỗi phần cần ít nhất một câu hỏi',
  'a weight is a number from 0 to 1': 'trọng số là một số từ 0 đến 1',
  'name at least one question in "items"': 'hãy nêu ít nhất một câu hỏi trong “items”',
  'base is "asked" (respondents with an answer) or "everyone" (every interview)':
    'cơ sở tính (“base”) là “asked” (những người có trả lời) hoặc “everyone” (mọi phiếu)',
  'points must be more than 0': 'số điểm (“points”) phải lớn hơn 0',
  'name at least one part': 'hãy nêu ít nhất một phần',
  'method "papi" scores "parts", not "items": move these questions into parts':
    'cách tính điểm “papi” tính theo các phần (“parts”), không theo “items”: hãy chuyển các câu hỏi này vào các phần',
  'method "papi" takes "base" on each part': 'với cách tính điểm “papi”, cơ sở tính (“base”) được đặt ở từng phần',
  'name at least one component': 'hãy nêu ít nhất một thành phần',
  'aggregation is "respondent", "criterion" or "pooled"': 'cách gộp (“aggregation”) là “respondent”, “criterion” hoặc “pooled”',
  'at most 8 breakdowns': 'tối đa 8 câu hỏi để phân tách kết quả',
  'the method is "share", "points" or "papi"': 'cách tính điểm là “share”, “points” hoặc “papi”',
  'version is a whole number from 1 up': 'phiên bản là số nguyên từ 1 trở lên',
  'a translation must be text': 'bản dịch phải là văn bản',
  'a translation is empty: write it, or leave the language out': 'bản dịch đang để trống: hãy viết bản dịch, hoặc bỏ ngôn ngữ này khỏi văn bản',
  'the default language is a language code in lower case, e.g. vi, km': 'ngôn ngữ mặc định là một mã ngôn ngữ viết thường, ví dụ vi, km',
  'name at least one respondent group': 'hãy nêu ít nhất một nhóm người trả lời',
  'a questionnaire needs at least one section': 'bảng hỏi cần ít nhất một phần',
  [`a questionnaire has at most ${MAX_SECTIONS} sections`]: `bảng hỏi có tối đa ${MAX_SECTIONS} phần`,
  '"rowsFrom" is a list id, or {"strata": true} for the strata the campaign plans':
    'nguồn hàng (“rowsFrom”) là mã một danh sách, hoặc “{"strata": true}” để lấy các tầng (đơn vị, địa bàn) mà đợt khảo sát lập kế hoạch',
  '"strata" is true: the rows are the strata the campaign plans for the group':
    '“strata” phải là true: các hàng là các tầng (đơn vị, địa bàn) mà đợt khảo sát lập kế hoạch cho nhóm',
};

/** The schema's messages that name an id, a language or a method. */
const SCHEMA_PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^missing translation \((\w+)\): the text is empty$/, (lang) => `thiếu bản ${language(lang!)}: văn bản đang để trống`],
  [/^missing translation \((\w+)\)$/, (lang) => `thiếu bản ${language(lang!)}`],
  [/^translation \((\w+)\) must be text$/, (lang) => `bản ${language(lang!)} phải là văn bản`],
  [
    /^"(.*)" is not a language code: a translation's key is a code in lower case, e\.g\. km, hmn, fr, zh-hant$/s,
    (key) => `${q(key!)} không phải là mã ngôn ngữ: khóa của mỗi bản dịch là mã ngôn ngữ viết thường, ví dụ km, hmn, fr, zh-hant`,
  ],
  [/^a comparison on "(.*)" needs exactly one operator of (.*)$/s, (id, ops) => `phép so sánh câu ${q(id!)} cần đúng một toán tử trong số: ${quoted(ops!.split(', '))}`],
  [/^method "(\w+)" needs "(\w+)" on every component$/, (method, field) => `cách tính điểm ${q(method!)} cần ${q(field!)} ở mọi thành phần`],
  [/^"points" applies to method "points" only \(this scoring's method is "(\w+)"\)$/, (method) => `“points” chỉ dùng cho cách tính điểm “points” (cách tính điểm ở đây là ${q(method!)})`],
  [
    /^"parts" apply to method "papi" only \(this scoring's method is "(\w+)"\): list the questions in "items"$/,
    (method) => `“parts” chỉ dùng cho cách tính điểm “papi” (cách tính điểm ở đây là ${q(method!)}): hãy liệt kê các câu hỏi trong “items”`,
  ],
];

/** What zod expected, as a Vietnamese phrase. */
const EXPECTED: Record<string, string> = {
  string: 'văn bản',
  number: 'một số',
  int: 'một số nguyên',
  boolean: '“true” hoặc “false”',
  object: 'một đối tượng { … }',
  array: 'một mảng [ … ]',
  record: 'một đối tượng { … }',
  null: '“null”',
  date: 'một ngày',
};

/** What the file has instead (zod names it at the end of its message: "…, received string"), in Vietnamese. */
const RECEIVED: Record<string, string> = {
  string: 'văn bản',
  number: 'một số',
  boolean: '“true” hoặc “false”',
  object: 'một đối tượng',
  array: 'một mảng',
  null: '“null”',
};

const COUNTED: Record<string, string> = { string: 'ký tự', array: 'mục', set: 'mục', file: 'byte' };

/** A zod issue of a definition (or a campaign) in Vietnamese. */
export function describeIssueVi(issue: IssueLike): string {
  const known = SCHEMA_MESSAGES[issue.message];
  if (known !== undefined) return known;
  for (const [pattern, say] of SCHEMA_PATTERNS) {
    const m = pattern.exec(issue.message);
    if (m) return say(...m.slice(1));
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'never') return 'trường này không dùng được ở đây';
      const expected = EXPECTED[issue.expected ?? ''] ?? 'một giá trị khác';
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === 'undefined') return `thiếu giá trị (cần ${expected})`;
      if (received === 'number' && issue.expected === 'int') return 'cần một số nguyên, không phải số thập phân';
      const instead = received === undefined ? undefined : RECEIVED[received];
      return instead === undefined ? `cần ${expected}` : `cần ${expected}, không phải ${instead}`;
    }
    case 'too_small': {
      const n = String(issue.minimum);
      const unit = COUNTED[issue.origin ?? ''];
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'không được để trống';
      if (unit) return `cần ít nhất ${n} ${unit}`;
      return issue.inclusive === false ? `phải lớn hơn ${n}` : `phải từ ${n} trở lên`;
    }
    case 'too_big': {
      const n = String(issue.maximum);
      const unit = COUNTED[issue.origin ?? ''];
      if (unit) return `tối đa ${n} ${unit}`;
      return issue.inclusive === false ? `phải nhỏ hơn ${n}` : `phải từ ${n} trở xuống`;
    }
    case 'invalid_format':
      if (issue.format === 'date') return 'phải là một ngày dạng NNNN-TT-NN (ví dụ 2025-03-31)';
      return 'sai định dạng';
    case 'not_multiple_of':
      return `phải là bội số của ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `có trường không dùng được ở đây: ${quoted(issue.keys ?? [])}`;
    case 'invalid_value':
      return issue.values && issue.values.length > 0 ? `giá trị phải là một trong: ${quoted(issue.values)}` : 'giá trị không được phép';
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.options && issue.options.length > 0)
        return `${q(issue.discriminator)} phải là một trong: ${quoted(issue.options)}`;
      return 'giá trị không khớp với dạng nào được phép';
    case 'invalid_key':
      return issue.issues && issue.issues.length > 0 ? `tên không hợp lệ: ${issue.issues.map(describeIssueVi).join('; ')}` : 'tên không hợp lệ';
    case 'invalid_element':
      return 'có phần tử không hợp lệ';
    default:
      return 'giá trị không hợp lệ';
  }
}
