/**
 * A new campaign from an existing one (its groups, questionnaires, strata and targets): a new id,
 * title and dates, sent to POST …/campaigns/:id/copy; the copy's editor opens next. Without a
 * fixed `source`, the form first asks which campaign to start from (“create a new campaign”).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { tr, type Text } from '../../../survey';
import { ApiFailure } from '../../../sync';
import { locatedProblems, useCoordinatorApi, type CampaignList } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { CAMPAIGN_ID } from './draft';
import { useTranslatedPlace } from './places';

type Entry = CampaignList['campaigns'][number];
type Field = 'id' | 'titleVi' | 'titleEn' | 'start' | 'end';

/** Next year's values from a campaign's: the year in its id and titles one up, its dates a year later. */
function nextYear(c: Entry | undefined): Record<Field, string> {
  if (!c) return { id: '', titleVi: '', titleEn: '', start: '', end: '' };
  const later = (s: string) => s.replace(/\b(19|20)\d{2}\b/g, (y) => String(Number(y) + 1));
  const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${Number(d.slice(0, 4)) + 1}${d.slice(4)}` : '');
  const id = later(c.id);
  return { id: id === c.id ? '' : id, titleVi: later(c.title.vi), titleEn: later(c.title.en), start: day(c.start), end: day(c.end) };
}

export interface CopyFormProps {
  campaigns: Entry[];
  /** The campaign copied; absent: the form asks for one (a new campaign from a template). */
  source?: string | undefined;
  onCancel: () => void;
  onCopied: (id: string) => void;
}

export function CopyForm({ campaigns, source, onCancel, onCopied }: CopyFormProps) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const describePlace = useTranslatedPlace();
  const ids = { heading: useId(), template: useId(), problem: useId(), idHint: useId() };
  const heading = useRef<HTMLHeadingElement>(null);
  const [template, setTemplate] = useState(source ?? campaigns[0]?.id ?? '');
  const from = campaigns.find((c) => c.id === template);
  const [values, setValues] = useState<Record<Field, string>>(() => nextYear(from));
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<{ text: string; items: { text: string; lang: 'vi' | 'en' }[] }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => heading.current?.focus(), []);

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setInvalid((i) => ({ ...i, [field]: undefined }));
  };

  const check = (): Partial<Record<Field, string>> => {
    const out: Partial<Record<Field, string>> = {};
    if (!CAMPAIGN_ID.test(values.id.trim())) out.id = t('campaigns.copy.idInvalid');
    else if (campaigns.some((c) => c.id === values.id.trim())) out.id = t('campaigns.copy.idTaken', { id: values.id.trim() });
    if (values.titleVi.trim() === '') out.titleVi = t('campaigns.copy.required');
    if (values.titleEn.trim() === '') out.titleEn = t('campaigns.copy.required');
    if (values.start === '') out.start = t('campaigns.copy.required');
    if (values.end === '') out.end = t('campaigns.copy.required');
    else if (values.start !== '' && values.end < values.start) out.end = t('campaigns.copy.endBeforeStart');
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    const found = check();
    setInvalid(found);
    if (Object.keys(found).length > 0 || !from) return;
    const id = values.id.trim();
    const title: Text = { vi: values.titleVi.trim(), en: values.titleEn.trim() };
    setBusy(true);
    try {
      await api.copyCampaign(from.id, { id, title, start: values.start, end: values.end });
      onCopied(id);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setBusy(false);
      if (err instanceof ApiFailure && err.code === 'conflict') return setInvalid({ id: t('campaigns.copy.idTaken', { id }) });
      const located = locatedProblems(err, 'invalid_campaign');
      setProblem({
        text: located.length > 0 ? t('campaigns.copy.refused', { count: located.length }) : t('campaigns.copy.failed', { message: describeFailure(err, t) }),
        items: located.map((p) =>
          lang === 'vi' && p.messageVi !== undefined ? { text: `${describePlace(p.path)}: ${p.messageVi}`, lang: 'vi' } : { text: `${describePlace(p.path)}: ${p.message}`, lang: 'en' },
        ),
      });
    }
  };

  const field = (name: Field, label: string, options: { type?: 'date'; hint?: string; lang?: 'vi' | 'en' } = {}) => {
    const id = `copy-${name}`;
    const problemId = `${id}-problem`;
    const describedBy = [options.hint !== undefined ? ids.idHint : undefined, invalid[name] !== undefined ? problemId : undefined].filter(Boolean).join(' ');
    return (
      <div className="campaign-field">
        <label htmlFor={id}>{label}</label>
        {options.hint !== undefined && (
          <p className="muted field-hint" id={ids.idHint}>
            {options.hint}
          </p>
        )}
        <input
          id={id}
          type={options.type ?? 'text'}
          value={values[name]}
          lang={options.lang !== lang ? options.lang : undefined}
          onChange={(e) => set(name)(e.target.value)}
          aria-invalid={invalid[name] !== undefined ? true : undefined}
          aria-describedby={describedBy || undefined}
          autoCapitalize={name === 'id' ? 'none' : undefined}
          spellCheck={name === 'id' ? false : undefined}
        />
        {invalid[name] !== undefined && (
          <p className="error" role="alert" id={problemId}>
            {invalid[name]}
          </p>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby={ids.heading} className="coord-section campaign-copy">
      <h2 id={ids.heading} ref={heading} tabIndex={-1}>
        {source !== undefined && from ? t('campaigns.copy.heading', { title: tr(from.title, lang) }) : t('campaigns.copy.newHeading')}
      </h2>
      <p className="muted">{t('campaigns.copy.intro')}</p>
      <form className="campaign-form copy-form" onSubmit={(e) => void submit(e)} noValidate>
        {source === undefined && (
          <div className="campaign-field">
            <label htmlFor={ids.template}>{t('campaigns.copy.template')}</label>
            <select
              id={ids.template}
              value={template}
              onChange={(e) => {
                setTemplate(e.target.value);
                setValues(nextYear(campaigns.find((c) => c.id === e.target.value)));
                setInvalid({});
              }}
            >
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {tr(c.title, lang)} ({c.id})
                </option>
              ))}
            </select>
          </div>
        )}
        {field('id', t('campaigns.copy.id'), { hint: t('campaigns.copy.idHint') })}
        {field('titleVi', t('campaigns.copy.titleVi'), { lang: 'vi' })}
        {field('titleEn', t('campaigns.copy.titleEn'), { lang: 'en' })}
        <div className="field-pair">
          {field('start', t('campaigns.copy.start'), { type: 'date' })}
          {field('end', t('campaigns.copy.end'), { type: 'date' })}
        </div>
        <div aria-live="polite">
          {problem && (
            <div className="copy-refused" id={ids.problem}>
              <p className="error">{problem.text}</p>
              {problem.items.length > 0 && (
                <ul>
                  {problem.items.map((p, i) => (
                    <li key={i} lang={p.lang !== lang ? p.lang : undefined}>
                      {p.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('campaigns.copy.submitting') : t('campaigns.copy.submit')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
