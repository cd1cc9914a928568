/** The coordinators' texts: registered with the app's i18n when this chunk loads, so the enumerator's first load does not carry them. */
import coordinatorEn from '../i18n/coordinator-en';
import coordinatorVi from '../i18n/coordinator-vi';
import { i18n, useNamespaceT } from '../i18n';

i18n.addResourceBundle('vi', 'coordinator', coordinatorVi, true, true);
i18n.addResourceBundle('en', 'coordinator', coordinatorEn, true, true);

/** The typed translate function of the "coordinator" namespace and the current language. */
export function useCT() {
  return useNamespaceT('coordinator');
}
