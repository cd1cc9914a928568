/**
 * The campaign's confidentiality and score targets: the minimum number of respondents behind a
 * shown result, and the scores the plan sets out to reach ("SIPAS index > 82 %"), each on a
 * questionnaire the campaign uses, its overall score or one component, for every group, one group
 * or one stratum.
 */
import { tr } from '../../../survey';
import type { ScoreTarget } from '../../../survey';
import type { QuestionnaireLists } from '../api';
import { useCT } from '../i18n';
import { draftTarget, type Draft, type DraftTarget } from './draft';
import { FieldProblems, SelectField, TextField, useProblems } from './fields';

const OPS: readonly ScoreTarget['op'][] = ['>', '>=', '<', '<='];

export function TargetsEditor({
  draft,
  lists,
  update,
}: {
  draft: Draft;
  /** The questionnaires' lists and components, by "id@version". */
  lists: Record<string, { data?: QuestionnaireLists } | undefined>;
  update: (change: (d: Draft) => Draft) => void;
}) {
  const { t, lang } = useCT();
  const { at } = useProblems();
  const setTarget = (key: number, change: Partial<DraftTarget>) =>
    update((d) => ({ ...d, targets: d.targets.map((x) => (x.key === key ? { ...x, ...change } : x)) }));
  const questionnaires = [...new Set(draft.groups.map((g) => g.questionnaireId).filter((x) => x !== ''))];
  return (
    <section aria-labelledby="campaign-results-heading" className="coord-section">
      <h2 id="campaign-results-heading">{t('campaigns.results.heading')}</h2>
      <p className="muted">{t('campaigns.results.intro')}</p>
      <div className="field-grid">
        <TextField
          place="minCellSize"
          label={t('campaigns.results.minCell')}
          hint={t('campaigns.results.minCellHint')}
          value={draft.minCell}
          onChange={(minCell) => update((d) => ({ ...d, minCell }))}
          inputMode="numeric"
          className="narrow"
        />
      </div>
      <h3>{t('campaigns.results.targets')}</h3>
      <FieldProblems place="scoreTargets" problems={at('scoreTargets')} />
      {draft.targets.length === 0 && <p className="muted">{t('campaigns.results.none')}</p>}
      {draft.targets.map((target, ti) => {
        const place = (field: string) => `scoreTargets[${ti}].${field}`;
        const groups = draft.groups.filter((g) => g.questionnaireId === target.questionnaire && g.id !== '');
        const group = groups.find((g) => g.id === target.group);
        const ref = group ?? groups[0];
        const components = ref ? (lists[`${ref.questionnaireId}@${ref.version}`]?.data?.components ?? []) : [];
        return (
          <fieldset key={target.key} className="campaign-target">
            <legend>{t('campaigns.results.target', { n: ti + 1 })}</legend>
            <div className="field-grid">
              <SelectField place={place('questionnaire')} label={t('campaigns.results.questionnaire')} value={target.questionnaire} onChange={(questionnaire) => setTarget(target.key, { questionnaire, component: '', group: '', stratum: '' })}>
                {target.questionnaire === '' && <option value="">—</option>}
                {questionnaires.map((q) => (
                  <option key={q} value={q}>
                    {q}
                  </option>
                ))}
              </SelectField>
              <SelectField place={place('component')} label={t('campaigns.results.component')} value={target.component} onChange={(component) => setTarget(target.key, { component })}>
                <option value="">{t('campaigns.results.overall')}</option>
                {components.map((c) => (
                  <option key={c.id} value={c.id}>
                    {tr(c.label, lang)}
                  </option>
                ))}
              </SelectField>
              <SelectField place={place('group')} label={t('campaigns.results.group')} value={target.group} onChange={(g) => setTarget(target.key, { group: g, stratum: '' })}>
                <option value="">{t('campaigns.results.allGroups')}</option>
                {groups.map((g) => (
                  <option key={g.key} value={g.id}>
                    {tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id}
                  </option>
                ))}
              </SelectField>
              {group && group.mode === 'strata' && (
                <SelectField place={place('stratum')} label={t('campaigns.results.stratum')} value={target.stratum} onChange={(stratum) => setTarget(target.key, { stratum })}>
                  <option value="">{t('campaigns.results.wholeGroup')}</option>
                  {group.strata.map((s) => (
                    <option key={s.key} value={s.value}>
                      {tr({ vi: s.labelVi, en: s.labelEn }, lang) || s.value}
                    </option>
                  ))}
                </SelectField>
              )}
              <SelectField place={place('op')} label={t('campaigns.results.op')} value={target.op} onChange={(op) => setTarget(target.key, { op: op as ScoreTarget['op'] })}>
                {OPS.map((op) => (
                  <option key={op} value={op}>
                    {t(`campaigns.results.ops.${op}`)}
                  </option>
                ))}
              </SelectField>
              <TextField place={place('value')} label={t('campaigns.results.value')} hint={t('campaigns.results.valueHint')} value={target.value} onChange={(value) => setTarget(target.key, { value })} className="narrow" />
              <TextField place={place('label.vi')} label={t('campaigns.results.labelVi')} value={target.labelVi} onChange={(labelVi) => setTarget(target.key, { labelVi })} lang={lang !== 'vi' ? 'vi' : undefined} />
              <TextField place={place('label.en')} label={t('campaigns.results.labelEn')} value={target.labelEn} onChange={(labelEn) => setTarget(target.key, { labelEn })} lang={lang !== 'en' ? 'en' : undefined} />
            </div>
            <button type="button" className="link-button" onClick={() => update((d) => ({ ...d, targets: d.targets.filter((x) => x.key !== target.key) }))}>
              {t('campaigns.results.remove', { n: ti + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => update((d) => ({ ...d, targets: [...d.targets, draftTarget({ questionnaire: questionnaires[0] ?? '' })] }))}>
        {t('campaigns.results.add')}
      </button>
    </section>
  );
}
