/** Test definitions and throwaway databases (a unique name each) for the store's tests. */
import type { Definition, Text } from '../../src/survey';
import { SurveyDb } from '../../src/store';

const t = (vi: string, en: string): Text => ({ vi, en });
const yesNo = [
  { value: 'yes', label: t('Có', 'Yes') },
  { value: 'no', label: t('Không', 'No') },
];

/** Two sections; `jobSector` is shown only when `hasJob` is "yes"; `comment` is optional. */
export const pilotV1: Definition = {
  id: 'pilot',
  version: 1,
  title: t('Khảo sát thử', 'Pilot survey'),
  respondentGroups: [
    { id: 'citizen', label: t('Người dân', 'Citizen') },
    { id: 'official', label: t('Cán bộ', 'Official'), stratumList: 'provinces' },
  ],
  lists: {
    provinces: [
      { value: 'HN', label: t('Hà Nội', 'Hanoi') },
      { value: 'HUE', label: t('Huế', 'Hue') },
    ],
  },
  sections: [
    {
      id: 'household',
      title: t('Hộ gia đình', 'Household'),
      questions: [
        { id: 'hasJob', type: 'single', label: t('Có việc làm?', 'Employed?'), options: yesNo, required: true },
        {
          id: 'jobSector',
          type: 'single',
          label: t('Ngành nghề', 'Sector'),
          options: [
            { value: 'farming', label: t('Nông nghiệp', 'Farming') },
            { value: 'services', label: t('Dịch vụ', 'Services') },
          ],
          required: true,
          visibleIf: { q: 'hasJob', equals: 'yes' },
        },
      ],
    },
    {
      id: 'services',
      title: t('Dịch vụ công', 'Public services'),
      questions: [
        { id: 'satisfied', type: 'single', label: t('Hài lòng?', 'Satisfied?'), options: yesNo, required: true },
        { id: 'comment', type: 'text', label: t('Góp ý', 'Comment') },
      ],
    },
  ],
};

/** The next version adds a required question. */
export const pilotV2: Definition = {
  ...pilotV1,
  version: 2,
  sections: [
    pilotV1.sections[0]!,
    {
      ...pilotV1.sections[1]!,
      questions: [
        ...pilotV1.sections[1]!.questions,
        { id: 'waitHours', type: 'integer', label: t('Số giờ chờ', 'Hours waited'), min: 0, required: true },
      ],
    },
  ],
};

export const completeAnswers = { hasJob: 'no', satisfied: 'yes' };

let opened: SurveyDb[] = [];
let counter = 0;

/** A database of its own for one test; remember to call deleteTestDbs after each test. */
export function testDb(name = `store-test-${++counter}-${Math.random().toString(36).slice(2)}`): SurveyDb {
  const db = new SurveyDb({ name });
  opened.push(db);
  return db;
}

export async function deleteTestDbs(): Promise<void> {
  const dbs = opened;
  opened = [];
  for (const db of dbs) db.close();
  for (const db of dbs) await db.delete().catch(() => undefined);
}
