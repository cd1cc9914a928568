/**
 * A questionnaire in Vietnamese, English and Khmer, as a province in the Mekong delta writes it for
 * interviews read out in Khmer: every text of every kind carries the three languages.
 */
import type { Definition } from '../../src/survey/types';

export const THREE_LANGUAGES: Definition = {
  id: 'ba-ngon-ngu',
  version: 1,
  title: { vi: 'Khảo sát người dân', en: 'Citizen survey', km: 'ការស្ទង់មតិប្រជាពលរដ្ឋ' },
  description: { vi: 'Về dịch vụ công', en: 'About public services', km: 'អំពីសេវាសាធារណៈ' },
  respondentGroups: [{ id: 'citizens', label: { vi: 'Người dân', en: 'Citizens', km: 'ប្រជាពលរដ្ឋ' }, stratumList: 'communes' }],
  scales: {
    sat: {
      label: { vi: 'Mức hài lòng', en: 'Satisfaction', km: 'កម្រិតពេញចិត្ត' },
      options: [
        { value: '1', label: { vi: 'Không hài lòng', en: 'Dissatisfied', km: 'មិនពេញចិត្ត' } },
        { value: '2', label: { vi: 'Hài lòng', en: 'Satisfied', km: 'ពេញចិត្ត' } },
      ],
    },
  },
  lists: {
    communes: [
      { value: 'vinh-chau', label: { vi: 'Phường Vĩnh Châu', en: 'Vĩnh Châu Ward', km: 'សង្កាត់វិញចូវ' } },
      { value: 'tran-de', label: { vi: 'Xã Trần Đề', en: 'Trần Đề Commune', km: 'ឃុំត្រាន់ដេ' } },
    ],
  },
  sections: [
    {
      id: 'chung',
      title: { vi: 'Thông tin chung', en: 'About you', km: 'ព័ត៌មានទូទៅ' },
      description: { vi: 'Đọc cho người trả lời', en: 'Read to the respondent', km: 'អានឱ្យអ្នកឆ្លើយ' },
      questions: [
        {
          type: 'single',
          id: 'gioi',
          label: { vi: 'Giới tính', en: 'Sex', km: 'ភេទ' },
          hint: { vi: 'Chọn một', en: 'Choose one', km: 'ជ្រើសរើសមួយ' },
          required: true,
          requiredMessage: { vi: 'Hãy chọn giới tính', en: 'Choose a sex', km: 'សូមជ្រើសរើសភេទ' },
          options: [
            { value: 'nam', label: { vi: 'Nam', en: 'Male', km: 'ប្រុស' } },
            { value: 'nu', label: { vi: 'Nữ', en: 'Female', km: 'ស្រី' } },
          ],
        },
        {
          type: 'integer',
          id: 'tuoi',
          label: { vi: 'Tuổi', en: 'Age', km: 'អាយុ' },
          unit: { vi: 'tuổi', en: 'years', km: 'ឆ្នាំ' },
          constraints: [{ test: { q: 'tuoi', gte: 18 }, message: { vi: 'Từ 18 tuổi', en: '18 or older', km: 'ចាប់ពី ១៨ ឆ្នាំ' } }],
        },
        {
          type: 'text',
          id: 'dien_thoai',
          label: { vi: 'Điện thoại', en: 'Phone', km: 'ទូរស័ព្ទ' },
          pattern: '0[0-9]{9}',
          patternMessage: { vi: '10 chữ số', en: '10 digits', km: 'លេខ ១០ ខ្ទង់' },
        },
      ],
    },
    {
      id: 'danh_gia',
      title: { vi: 'Đánh giá', en: 'Rating', km: 'ការវាយតម្លៃ' },
      questions: [
        {
          type: 'matrix',
          id: 'hai_long',
          label: { vi: 'Mức hài lòng về', en: 'Satisfaction with', km: 'ការពេញចិត្តចំពោះ' },
          scale: 'sat',
          rows: [
            { value: 'thai_do', label: { vi: 'Thái độ', en: 'Attitude', km: 'អាកប្បកិរិយា' } },
            { value: 'thoi_gian', label: { vi: 'Thời gian', en: 'Time', km: 'ពេលវេលា' } },
          ],
        },
        { type: 'note', id: 'cam_on', label: { vi: 'Cảm ơn', en: 'Thank you', km: 'សូមអរគុណ' } },
      ],
    },
  ],
  scoring: {
    method: 'share',
    weights: { sat: { '1': 0, '2': 1 } },
    components: [{ id: 'dich_vu', label: { vi: 'Dịch vụ', en: 'Service', km: 'សេវា' }, items: ['hai_long'] }],
  },
};
