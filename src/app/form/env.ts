/** What every question component needs besides the form itself: the definition, languages, texts and tap queue. */
import { createContext, useContext } from 'react';
import type { Definition, Lang, Text, TextLang } from '../../survey';
import type { useT } from '../i18n';
import type { TapQueue } from './taps';

export interface FormEnv {
  definition: Definition;
  /** The interface language: the app's own texts (`t`) and the engine's messages. */
  lang: Lang;
  /** The language of the questionnaire's texts: vi, en or another of its languages (km, hmn…). */
  textLang: TextLang;
  /** A questionnaire text in `textLang`, falling back to the questionnaire's default language, then Vietnamese. */
  text: (text: Text) => string;
  /** Radios hand their answers to the form through this, after the tap is painted. */
  taps: TapQueue;
  /** The interface texts in `lang`: one subscription for the whole form, not one per question. */
  t: ReturnType<typeof useT>['t'];
}

export const FormEnvContext = createContext<FormEnv | null>(null);

export function useFormEnv(): FormEnv {
  const env = useContext(FormEnvContext);
  if (!env) throw new Error('useFormEnv outside a survey form');
  return env;
}

/**
 * Called with a question id each time that question renders. Production passes nothing; tests
 * and benchmarks use it to prove that answering one question re-renders only that question.
 */
export const RenderProbeContext = createContext<((questionId: string) => void) | null>(null);
