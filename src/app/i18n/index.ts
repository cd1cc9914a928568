/**
 * The one i18n module: interface texts in Vietnamese (first) and English, with translate keys
 * typed from vi.ts. Questionnaire texts are not here: they live in the survey definitions.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../../survey';
import vi from './vi';
import en from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    // "coordinator": the coordinators' pages, added with their own chunk (see coordinator/i18n.ts);
    // "respond": the respondent's page, likewise (see respond/i18n.ts).
    resources: {
      translation: typeof vi;
      coordinator: typeof import('./coordinator-vi').default;
      respond: typeof import('./respond-vi').default;
    };
  }
}

const STORAGE_KEY = 'governance-survey.lang';

export function savedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: savedLang(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});
syncDocument(i18n.language as Lang);

function syncDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  syncDocument(lang);
  void i18n.changeLanguage(lang);
}

/** The typed translate function and the current language. */
export function useT() {
  const { t, i18n: instance } = useTranslation();
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  return { t, lang };
}

/**
 * A moment as dd/mm/yyyy HH:MM in the device's time (a tablet in Vietnam), the one format of the
 * app's pages in both languages, as on the coordinators' pages.
 */
export function formatTime(iso: string, _lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
