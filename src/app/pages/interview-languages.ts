/**
 * The languages an interview of a questionnaire may be conducted in, with their names: loaded by
 * the start page with the questionnaire (import()), so the names and the walk over a definition's
 * texts stay out of the enumerator's first load.
 */
import { definitionLanguages, languageLabel, type Definition, type TextLang } from '../../survey';

export interface InterviewLanguage {
  code: TextLang;
  label: string;
}

export const interviewLanguages = (def: Definition): InterviewLanguage[] => definitionLanguages(def).map((code) => ({ code, label: languageLabel(code) }));
