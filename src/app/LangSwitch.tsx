/** The Vietnamese / English switch: interface and questionnaire change together. */
import type { Lang } from '../survey';
import { useT } from './i18n';

export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  const { t } = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} onClick={() => onChange(l)} lang={l}>
          {l === 'vi' ? 'Tiếng Việt' : 'English'}
        </button>
      ))}
    </div>
  );
}
