/** The coordinators' texts: registered with the app's i18n when this chunk loads, so the enumerator's first load does not carry them. */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../survey';
import coordinatorEn from '../i18n/coordinator-en';
import coordinatorVi from '../i18n/coordinator-vi';
import { i18n } from '../i18n';

i18n.addResourceBundle('vi', 'coordinator', coordinatorVi, true, true);
i18n.addResourceBundle('en', 'coordinator', coordinatorEn, true, true);

/** The typed translate function of the "coordinator" namespace and the current language. */
export function useCT() {
  const { t, i18n: instance } = useTranslation('coordinator');
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  return { t, lang };
}

/** Hours and minutes, for "updated at HH:MM". */
export function formatClock(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD from the server) as dd/mm(/yyyy), the way both languages' readers here write it; no time-zone shift. */
export function formatDay(day: string, withYear = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return withYear ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}/${m[2]}`;
}
