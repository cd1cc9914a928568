/**
 * The one i18n module: interface texts in Vietnamese (first) and English, with translate keys
 * typed from vi.ts. Questionnaire texts are not here: they live in the survey definitions.
 */
import i18next from 'i18next';
import { useMemo, useSyncExternalStore } from 'react';
import type { Lang } from '../../survey';
import vi from './vi';

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

// Vietnamese is in the first load; the English texts are a chunk of their own, loaded when English
// is chosen (or was, before the first render: see `i18nReady`). The offline app caches it like
// every chunk, so choosing English works offline too.
export const i18n = i18next.createInstance();
void i18n.init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});
syncDocument('vi');

let english: Promise<void> | undefined;
/** Adds the English interface texts (once). */
export function loadEnglish(): Promise<void> {
  english ??= import('./en').then(
    (m) => void i18n.addResourceBundle('en', 'translation', m.default, true, true),
    (e: unknown) => {
      english = undefined;
      throw e;
    },
  );
  return english;
}

function syncDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

function apply(lang: Lang): void {
  syncDocument(lang);
  void i18n.changeLanguage(lang);
}

/**
 * Switches the interface's language and remembers it. At once when its texts are here; English
 * the first time once its chunk has loaded. Never rejects.
 */
let chosen: Lang = 'vi';
export function setLang(lang: Lang): Promise<void> {
  chosen = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  // Its chunk unreachable (a first visit that went offline): the interface stays as it was.
  // Another language chosen meanwhile wins.
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation'))
    return loadEnglish().then(() => void (chosen === lang && apply(lang)), () => undefined);
  apply(lang);
  return Promise.resolve();
}

/** Settles once the language chosen on an earlier visit is ready: the first render waits for it. */
export const i18nReady: Promise<void> = savedLang() === 'en' ? setLang('en') : Promise.resolve();

const subscribe = (listener: () => void) => {
  i18n.on('languageChanged', listener);
  return () => i18n.off('languageChanged', listener);
};
const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'vi');

/** The interface's language; re-renders when it changes. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, currentLang);
}

type Namespace = 'translation' | 'coordinator' | 'respond';

/** The typed translate function of a namespace and the current language. */
export function useNamespaceT<N extends Namespace>(ns: N) {
  const lang = useLang();
  const t = useMemo(() => i18n.getFixedT(lang, ns), [lang, ns]);
  return { t, lang };
}

/** The typed translate function and the current language. */
export function useT() {
  return useNamespaceT('translation');
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
