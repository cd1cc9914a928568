/** The quota an interview counts towards (questionnaire, respondent group, stratum), as an IndexedDB key. */
import type { InterviewRecord, QuotaKey } from './types';

/** A stratum value is never empty, so '' stands for "no stratum" (undefined cannot be part of a key). */
export const NO_STRATUM = '';

export const quotaKeyOf = (r: Pick<InterviewRecord, 'surveyId' | 'respondentGroup' | 'stratum'>): QuotaKey => [
  r.surveyId,
  r.respondentGroup,
  r.stratum ?? NO_STRATUM,
];
