/** The respondent page's texts: registered with the app's i18n when its chunk loads, off the enumerator's first load. */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../survey';
import respondEn from '../i18n/respond-en';
import respondVi from '../i18n/respond-vi';
import { i18n } from '../i18n';

i18n.addResourceBundle('vi', 'respond', respondVi, true, true);
i18n.addResourceBundle('en', 'respond', respondEn, true, true);

/** The typed translate function of the "respond" namespace and the current language. */
export function useRT() {
  const { t, i18n: instance } = useTranslation('respond');
  const lang: Lang = instance.language === 'en' ? 'en' : 'vi';
  return { t, lang };
}
