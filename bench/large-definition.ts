/**
 * A large, realistic questionnaire for the benchmark: 150 answerable questions in 6 sections,
 * modelled on a PAR INDEX staff survey. The longest section (40 questions) holds a matrix of the
 * 20 departments on a 4-point scale with "don't know", 5-point satisfaction questions laid out
 * horizontally, multiple choice, numbers and text. A few questions are shown only for some
 * answers (visibleIf). Labels have real-length Vietnamese and English text, since the size of the
 * DOM (and of the definition chunk) depends on it.
 *
 * The last question of every section is always shown (the benchmark waits for it to appear).
 */
import type { Definition, ListItem, Option, Question, Section, Text } from '../src/survey/types';

export const LARGE_ID = 'bench-large';
export const LARGE_FILE = 'bench-large.json';
/** The section with the most questions (matrix included). */
export const LONGEST_SECTION = 's3-departments';
export const MATRIX_ID = 's3q01-departments';

const tx = (vi: string, en: string): Text => ({ vi, en });

const DEPARTMENTS: [string, string][] = [
  ['Văn phòng Ủy ban nhân dân', 'Office of the People’s Committee'],
  ['Sở Nội vụ', 'Department of Home Affairs'],
  ['Sở Tư pháp', 'Department of Justice'],
  ['Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment'],
  ['Sở Tài chính', 'Department of Finance'],
  ['Sở Công Thương', 'Department of Industry and Trade'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Department of Agriculture and Rural Development'],
  ['Sở Giao thông vận tải', 'Department of Transport'],
  ['Sở Xây dựng', 'Department of Construction'],
  ['Sở Tài nguyên và Môi trường', 'Department of Natural Resources and Environment'],
  ['Sở Thông tin và Truyền thông', 'Department of Information and Communications'],
  ['Sở Lao động - Thương binh và Xã hội', 'Department of Labour, Invalids and Social Affairs'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'],
  ['Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
  ['Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['Sở Y tế', 'Department of Health'],
  ['Thanh tra tỉnh', 'Provincial Inspectorate'],
  ['Ban Dân tộc', 'Ethnic Minorities Committee'],
  ['Ban Quản lý các khu công nghiệp', 'Industrial Zones Management Board'],
  ['Trung tâm Phục vụ hành chính công', 'Public Administration Service Centre'],
];

const departments: ListItem[] = DEPARTMENTS.map(([vi, en], i) => ({
  value: `d${String(i + 1).padStart(2, '0')}`,
  label: tx(vi, en),
}));

const option = (value: string, vi: string, en: string, extra: Partial<Option> = {}): Option => ({
  value,
  label: tx(vi, en),
  ...extra,
});

/** Aspects rated on the 5-point satisfaction scale; cycled through to label the questions. */
const ASPECTS: [string, string][] = [
  ['việc công khai, minh bạch các quy định và thủ tục hành chính của cơ quan', 'how openly the agency publishes its rules and administrative procedures'],
  ['mức độ đầy đủ, kịp thời của thông tin được cung cấp cho công chức', 'how complete and timely the information given to civil servants is'],
  ['việc phân công, giao nhiệm vụ rõ ràng, hợp lý trong đơn vị', 'how clearly and reasonably tasks are assigned within the unit'],
  ['sự phối hợp giữa các phòng, ban khi giải quyết công việc chung', 'cooperation between divisions when handling shared work'],
  ['điều kiện cơ sở vật chất, trang thiết bị phục vụ công việc', 'the facilities and equipment available for the work'],
  ['việc ứng dụng công nghệ thông tin, chuyển đổi số trong xử lý hồ sơ', 'the use of information technology and digital processing of files'],
  ['tính công bằng, khách quan trong đánh giá, xếp loại công chức', 'fairness and objectivity in evaluating and ranking civil servants'],
  ['cơ hội được đào tạo, bồi dưỡng nâng cao trình độ chuyên môn', 'opportunities for training and professional development'],
  ['chế độ tiền lương, phụ cấp so với khối lượng công việc', 'pay and allowances compared with the workload'],
  ['việc lắng nghe, tiếp thu ý kiến của công chức khi ban hành quyết định', 'how decisions take the views of civil servants into account'],
  ['công tác kiểm tra, giám sát việc thực hiện nhiệm vụ', 'inspection and supervision of how tasks are carried out'],
  ['việc phòng, chống tham nhũng, tiêu cực trong cơ quan', 'the prevention of corruption and misconduct within the agency'],
];

const SAT5 = 'sat5';
const AGREE4 = 'agree4dk';
const YESNO = 'yesno';

let counter = 0;

function satisfaction(id: string, hint = false): Question {
  const [vi, en] = ASPECTS[counter++ % ASPECTS.length]!;
  return {
    id,
    type: 'single',
    label: tx(`Ông/Bà hài lòng ở mức nào đối với ${vi}?`, `How satisfied are you with ${en}?`),
    ...(hint ? { hint: tx('Chọn một mức từ 1 (rất không hài lòng) đến 5 (rất hài lòng).', 'Choose one level from 1 (very dissatisfied) to 5 (very satisfied).') } : {}),
    scale: SAT5,
    layout: 'horizontal',
    required: true,
  };
}

function yesNo(id: string, vi: string, en: string): Question {
  return { id, type: 'single', label: tx(vi, en), scale: YESNO, layout: 'horizontal', required: true };
}

function channels(id: string, vi: string, en: string): Question {
  return {
    id,
    type: 'multiple',
    label: tx(vi, en),
    hint: tx('Có thể chọn nhiều phương án.', 'You may choose several answers.'),
    options: [
      option('portal', 'Cổng thông tin điện tử của cơ quan', 'The agency’s web portal'),
      option('docs', 'Văn bản chỉ đạo, hướng dẫn gửi qua hệ thống quản lý văn bản', 'Instructions sent through the document management system'),
      option('meetings', 'Các cuộc họp, giao ban định kỳ', 'Regular meetings and briefings'),
      option('colleagues', 'Trao đổi với đồng nghiệp', 'Conversations with colleagues'),
      option('social', 'Nhóm trao đổi trên mạng xã hội (Zalo…)', 'Chat groups on social networks (Zalo…)'),
      option('other', 'Kênh khác (ghi rõ)', 'Another channel (please specify)', { other: true }),
      option('none', 'Không nhận được thông tin', 'I receive no information', { exclusive: true }),
    ],
    maxSelected: 4,
  };
}

function integer(id: string, vi: string, en: string, min: number, max: number, unitVi: string, unitEn: string): Question {
  return { id, type: 'integer', label: tx(vi, en), min, max, unit: tx(unitVi, unitEn), required: true };
}

function text(id: string, vi: string, en: string, long = false): Question {
  return long
    ? { id, type: 'longtext', label: tx(vi, en), maxLength: 2000 }
    : { id, type: 'text', label: tx(vi, en), maxLength: 200 };
}

function section(id: string, vi: string, en: string, questions: Question[]): Section {
  return { id, title: tx(vi, en), questions };
}

/** `n` satisfaction questions with ids `<prefix>NN` starting at `from`. */
function satisfactions(prefix: string, from: number, n: number): Question[] {
  return Array.from({ length: n }, (_, i) => satisfaction(`${prefix}${String(from + i).padStart(2, '0')}`, i % 4 === 0));
}

export function largeDefinition(): Definition {
  counter = 0;
  const s1 = section('s1-profile', 'Thông tin chung về người trả lời', 'About the respondent', [
    {
      id: 's1q01-sex',
      type: 'single',
      label: tx('Giới tính của Ông/Bà', 'Your sex'),
      options: [option('f', 'Nữ', 'Female'), option('m', 'Nam', 'Male'), option('x', 'Không muốn trả lời', 'Prefer not to say', { missing: true })],
      layout: 'horizontal',
      required: true,
    },
    integer('s1q02-birthyear', 'Ông/Bà sinh năm nào?', 'In what year were you born?', 1950, 2008, 'năm', 'year'),
    {
      id: 's1q03-education',
      type: 'single',
      label: tx('Trình độ chuyên môn cao nhất của Ông/Bà', 'Your highest qualification'),
      options: [
        option('college', 'Cao đẳng', 'College'),
        option('bachelor', 'Đại học', 'Bachelor’s degree'),
        option('master', 'Thạc sĩ', 'Master’s degree'),
        option('doctor', 'Tiến sĩ', 'Doctorate'),
        option('other', 'Khác (ghi rõ)', 'Other (please specify)', { other: true }),
      ],
      required: true,
    },
    {
      id: 's1q04-rank',
      type: 'single',
      label: tx('Vị trí công tác hiện nay của Ông/Bà', 'Your current position'),
      options: [
        option('leader', 'Lãnh đạo sở, ngành', 'Head or deputy head of a department'),
        option('manager', 'Lãnh đạo phòng và tương đương', 'Head or deputy head of a division'),
        option('staff', 'Công chức, viên chức chuyên môn', 'Professional civil servant'),
        option('contract', 'Lao động hợp đồng', 'Contract staff'),
      ],
      layout: 'dropdown',
      required: true,
    },
    integer('s1q05-years', 'Ông/Bà đã công tác tại cơ quan được bao nhiêu năm?', 'How many years have you worked at the agency?', 0, 45, 'năm', 'years'),
    text('s1q06-unit', 'Tên phòng, ban nơi Ông/Bà công tác', 'The division you work in'),
    channels('s1q07-channels', 'Ông/Bà thường nhận thông tin về công việc qua những kênh nào?', 'Through which channels do you usually receive work information?'),
    ...satisfactions('s1q', 8, 13),
  ]);

  const s2 = section('s2-information', 'Tiếp cận thông tin và chuyển đổi số', 'Access to information and digital work', [
    yesNo('s2q01-portal', 'Trong 12 tháng qua, Ông/Bà có sử dụng hệ thống một cửa điện tử không?', 'In the past 12 months, did you use the electronic one-stop system?'),
    { ...satisfaction('s2q02-portal-sat', true), visibleIf: { q: 's2q01-portal', equals: 'yes' } },
    {
      id: 's2q03-portal-why',
      type: 'multiple',
      label: tx('Vì sao Ông/Bà không sử dụng hệ thống?', 'Why did you not use the system?'),
      options: [
        option('notneeded', 'Công việc không cần đến', 'My work does not need it'),
        option('training', 'Chưa được hướng dẫn sử dụng', 'I was not trained to use it'),
        option('slow', 'Hệ thống chậm, hay lỗi', 'The system is slow or often fails'),
        option('equipment', 'Thiếu máy tính, đường truyền', 'Lack of computers or connection'),
      ],
      visibleIf: { q: 's2q01-portal', equals: 'no' },
    },
    integer('s2q04-hours', 'Mỗi tuần Ông/Bà dành khoảng bao nhiêu giờ xử lý hồ sơ trên môi trường điện tử?', 'About how many hours a week do you process files electronically?', 0, 60, 'giờ', 'hours'),
    ...satisfactions('s2q', 5, 18),
    channels('s2q23-sources', 'Ông/Bà tìm hiểu văn bản pháp luật mới qua những nguồn nào?', 'Where do you learn about new legal documents?'),
    yesNo('s2q24-signature', 'Ông/Bà có được cấp chữ ký số cá nhân không?', 'Have you been issued a personal digital signature?'),
    text('s2q25-suggest', 'Đề xuất của Ông/Bà để cải thiện việc tiếp cận thông tin', 'Your suggestion to improve access to information'),
  ]);

  const s3 = section('s3-departments', 'Đánh giá các cơ quan chuyên môn', 'Assessment of the specialised departments', [
    {
      id: MATRIX_ID,
      type: 'matrix',
      label: tx(
        'Ông/Bà đồng ý ở mức nào với nhận định: “Cơ quan này giải quyết công việc phối hợp đúng hạn, đúng quy định”?',
        'How far do you agree that “this department handles joint work on time and by the rules”?',
      ),
      hint: tx('Chọn “Không biết” nếu Ông/Bà không làm việc với cơ quan đó.', 'Choose “Don’t know” if you do not deal with that department.'),
      scale: AGREE4,
      rowsFrom: 'departments',
      required: true,
    },
    {
      id: 's3q02-worst',
      type: 'single',
      label: tx('Cơ quan nào Ông/Bà thấy phối hợp kém nhất?', 'Which department do you find the least cooperative?'),
      optionsFrom: 'departments',
      layout: 'dropdown',
    },
    {
      id: 's3q03-why',
      type: 'longtext',
      label: tx('Vì sao Ông/Bà đánh giá Văn phòng Ủy ban nhân dân chưa tốt?', 'Why do you rate the Office of the People’s Committee poorly?'),
      visibleIf: { q: MATRIX_ID, row: 'd01', oneOf: ['1', '2'] },
    },
    ...satisfactions('s3q', 4, 12),
    channels('s3q16-coordination', 'Các cơ quan thường phối hợp với đơn vị Ông/Bà qua những hình thức nào?', 'How do departments usually coordinate with your unit?'),
    ...satisfactions('s3q', 17, 10),
    integer('s3q27-delays', 'Trong tháng qua, có bao nhiêu hồ sơ phối hợp bị trễ hạn tại đơn vị Ông/Bà?', 'Last month, how many joint files were late in your unit?', 0, 500, 'hồ sơ', 'files'),
    yesNo('s3q28-rules', 'Đơn vị Ông/Bà có quy chế phối hợp bằng văn bản với các cơ quan khác không?', 'Does your unit have written coordination rules with other departments?'),
    { ...satisfaction('s3q29-rules-sat'), visibleIf: { q: 's3q28-rules', equals: 'yes' } },
    ...satisfactions('s3q', 30, 8),
    channels('s3q38-meetings', 'Ông/Bà tham gia những cuộc họp liên ngành nào trong năm qua?', 'Which inter-departmental meetings did you attend last year?'),
    integer('s3q39-meetings', 'Số cuộc họp liên ngành Ông/Bà dự trong quý gần nhất', 'Inter-departmental meetings you attended last quarter', 0, 200, 'cuộc', 'meetings'),
    text('s3q40-comment', 'Ý kiến khác của Ông/Bà về sự phối hợp giữa các cơ quan', 'Any other comment on coordination between departments', true),
  ]);

  const s4 = section('s4-leadership', 'Lãnh đạo, điều hành và công vụ', 'Leadership and public service', [
    ...satisfactions('s4q', 1, 10),
    yesNo('s4q11-harassment', 'Ông/Bà có chứng kiến việc nhũng nhiễu người dân trong năm qua không?', 'Did you witness harassment of citizens in the past year?'),
    {
      id: 's4q12-harassment-where',
      type: 'multiple',
      label: tx('Việc đó xảy ra ở khâu nào?', 'At what stage did it happen?'),
      options: [
        option('reception', 'Tiếp nhận hồ sơ', 'Receiving applications'),
        option('processing', 'Thẩm định, xử lý hồ sơ', 'Reviewing and processing'),
        option('result', 'Trả kết quả', 'Returning results'),
        option('other', 'Khâu khác (ghi rõ)', 'Another stage (please specify)', { other: true }),
      ],
      visibleIf: { q: 's4q11-harassment', equals: 'yes' },
      required: true,
    },
    ...satisfactions('s4q', 13, 10),
    integer('s4q23-overtime', 'Số giờ làm thêm trung bình mỗi tuần', 'Average overtime hours per week', 0, 40, 'giờ', 'hours'),
    text('s4q24-leader', 'Điều Ông/Bà mong muốn nhất ở lãnh đạo đơn vị', 'What you most want from your unit’s leadership'),
    text('s4q25-note', 'Ghi chú thêm', 'Further notes', true),
  ]);

  const s5 = section('s5-reform', 'Kết quả cải cách hành chính', 'Results of administrative reform', [
    ...satisfactions('s5q', 1, 16),
    channels('s5q17-reform-news', 'Ông/Bà biết về các chương trình cải cách hành chính qua đâu?', 'How do you learn about administrative reform programmes?'),
    yesNo('s5q18-initiative', 'Ông/Bà có sáng kiến cải cách được công nhận không?', 'Has a reform initiative of yours been recognised?'),
    { ...text('s5q19-initiative-name', 'Tên sáng kiến', 'Name of the initiative'), visibleIf: { q: 's5q18-initiative', equals: 'yes' } },
    integer('s5q20-procedures', 'Số thủ tục hành chính đơn vị Ông/Bà được cắt giảm trong năm', 'Administrative procedures your unit cut this year', 0, 300, 'thủ tục', 'procedures'),
  ]);

  const s6 = section('s6-overall', 'Đánh giá chung và kiến nghị', 'Overall assessment and recommendations', [
    ...satisfactions('s6q', 1, 14),
    {
      id: 's6q15-priorities',
      type: 'multiple',
      label: tx('Ba nội dung cần ưu tiên cải thiện nhất (chọn tối đa 3)', 'The three things to improve first (choose up to 3)'),
      options: ASPECTS.slice(0, 8).map(([vi, en], i) => option(`p${i + 1}`, vi.charAt(0).toUpperCase() + vi.slice(1), en.charAt(0).toUpperCase() + en.slice(1))),
      maxSelected: 3,
      required: true,
    },
    integer('s6q16-score', 'Ông/Bà chấm điểm chung cho cơ quan trên thang 0–10', 'Your overall score for the agency from 0 to 10', 0, 10, 'điểm', 'points'),
    yesNo('s6q17-stay', 'Ông/Bà có muốn tiếp tục công tác tại cơ quan trong 5 năm tới không?', 'Do you want to keep working at the agency for the next 5 years?'),
    text('s6q18-reason', 'Lý do chính', 'The main reason'),
    text('s6q19-recommend', 'Kiến nghị của Ông/Bà với lãnh đạo tỉnh', 'Your recommendations to the provincial leadership', true),
    text('s6q20-other', 'Ý kiến khác', 'Other comments', true),
  ]);

  return {
    id: LARGE_ID,
    version: 1,
    title: tx('Khảo sát cán bộ, công chức về cải cách hành chính (bộ đo hiệu năng)', 'Civil servant survey on administrative reform (benchmark)'),
    description: tx(
      'Bảng hỏi lớn dùng để đo hiệu năng của ứng dụng: 150 câu hỏi trong 6 phần.',
      'A large questionnaire used to measure the app’s performance: 150 questions in 6 sections.',
    ),
    respondentGroups: [{ id: 'staff', label: tx('Cán bộ, công chức, viên chức', 'Civil servants and public employees'), stratumList: 'departments' }],
    scales: {
      [SAT5]: {
        label: tx('Mức độ hài lòng', 'Level of satisfaction'),
        options: [
          option('1', 'Rất không hài lòng', 'Very dissatisfied'),
          option('2', 'Không hài lòng', 'Dissatisfied'),
          option('3', 'Bình thường', 'Neither'),
          option('4', 'Hài lòng', 'Satisfied'),
          option('5', 'Rất hài lòng', 'Very satisfied'),
        ],
      },
      [AGREE4]: {
        label: tx('Mức độ đồng ý', 'Level of agreement'),
        options: [
          option('1', 'Hoàn toàn không đồng ý', 'Strongly disagree'),
          option('2', 'Không đồng ý', 'Disagree'),
          option('3', 'Đồng ý', 'Agree'),
          option('4', 'Hoàn toàn đồng ý', 'Strongly agree'),
          option('dk', 'Không biết', 'Don’t know', { missing: true }),
        ],
      },
      [YESNO]: { options: [option('yes', 'Có', 'Yes'), option('no', 'Không', 'No')] },
    },
    lists: { departments },
    sections: [s1, s2, s3, s4, s5, s6],
  };
}
