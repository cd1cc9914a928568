/**
 * The language switch of an open interview: the questionnaire's languages (Vietnamese, English and
 * any other its texts carry), each under its own name, e.g. "ភាសាខ្មែរ (km)". A short list shows as
 * buttons like the app's own switch (../LangSwitch); a longer one as a list to choose from.
 */
import { languageLabel, type TextLang } from '../../survey';
import { useT } from '../i18n';

/** Up to this many languages show as buttons side by side; more as a drop-down list. */
const MAX_BUTTONS = 3;

export function TextLangSwitch({ lang, languages, onChange }: { lang: TextLang; languages: readonly TextLang[]; onChange: (lang: TextLang) => void }) {
  const { t } = useT();
  // Vietnamese and English alone: the switch of the interface and the questionnaire together, as the app's own.
  const name = languages.length > 2 ? t('form.language') : t('app.language');
  if (languages.length > MAX_BUTTONS)
    return (
      <select className="lang-select" aria-label={name} value={lang} onChange={(e) => onChange(e.target.value)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageLabel(l)}
          </option>
        ))}
      </select>
    );
  return (
    <div className="lang-switch" role="group" aria-label={name}>
      {languages.map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} onClick={() => onChange(l)} lang={l}>
          {languageLabel(l)}
        </button>
      ))}
    </div>
  );
}
