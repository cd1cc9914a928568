/**
 * A language switch. In the app's header: Vietnamese / English, the interface's languages. In an
 * open interview: the questionnaire's languages (vi, en and any other it carries, each under its
 * own name, e.g. "ភាសាខ្មែរ (km)"); a short list as buttons, a longer one as a list to choose from.
 */
import { languageLabel, LANGS } from '../survey';
import { useT } from './i18n';

/** Up to this many languages show as buttons side by side; more as a drop-down list. */
const MAX_BUTTONS = 3;

export function LangSwitch<L extends string>({ lang, onChange, options, label }: { lang: L; onChange: (lang: L) => void; options?: readonly L[] | undefined; label?: string | undefined }) {
  const { t } = useT();
  const langs = options ?? (LANGS as readonly string[] as readonly L[]);
  const name = label ?? t('app.language');
  if (langs.length > MAX_BUTTONS)
    return (
      <select className="lang-select" aria-label={name} value={lang} onChange={(e) => onChange(e.target.value as L)}>
        {langs.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageLabel(l)}
          </option>
        ))}
      </select>
    );
  return (
    <div className="lang-switch" role="group" aria-label={name}>
      {langs.map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} onClick={() => onChange(l)} lang={l}>
          {languageLabel(l)}
        </button>
      ))}
    </div>
  );
}
