/** The respondent page's texts: registered with the app's i18n when its chunk loads, off the enumerator's first load. */
import respondEn from '../i18n/respond-en';
import respondVi from '../i18n/respond-vi';
import { i18n, useNamespaceT } from '../i18n';

i18n.addResourceBundle('vi', 'respond', respondVi, true, true);
i18n.addResourceBundle('en', 'respond', respondEn, true, true);

/** The typed translate function of the "respond" namespace and the current language. */
export function useRT() {
  return useNamespaceT('respond');
}
