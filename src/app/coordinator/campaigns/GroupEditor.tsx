/**
 * One group of the campaign: the questionnaire and version it is surveyed with (published
 * versions in use), its respondent group in that questionnaire, its name, what devices do when it
 * is full, and its target: one number, or one per stratum (StrataTable).
 */
import { memo, useId } from 'react';
import { tr, type ListItem, type Text } from '../../../survey';
import type { PublishedVersion, QuestionnaireLists } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { ConfirmAction } from '../ConfirmAction';
import { fieldId, type DraftGroup } from './draft';
import { FieldProblems, SelectField, TextField, useProblems } from './fields';
import { StrataTable } from './StrataTable';

/** The questionnaires a group may use: each with a version in use, and the group's own whatever its state. */
function questionnaireChoices(published: readonly PublishedVersion[] | undefined, current: string) {
  const byId = new Map<string, { title: Text; inUse: boolean }>();
  for (const v of published ?? []) {
    const seen = byId.get(v.id);
    byId.set(v.id, { title: seen && seen.inUse ? seen.title : v.title, inUse: (seen?.inUse ?? false) || !v.retired });
  }
  const out = [...byId].filter(([id, q]) => q.inUse || id === current).map(([id, q]) => ({ id, title: q.title, inUse: q.inUse }));
  if (current !== '' && !byId.has(current)) out.unshift({ id: current, title: { vi: current, en: current }, inUse: true });
  return out;
}

/** The versions of `id` in use, newest first, and the group's own whatever its state. */
function versionChoices(published: readonly PublishedVersion[] | undefined, id: string, current: string) {
  const versions = (published ?? []).filter((v) => v.id === id && (!v.retired || String(v.version) === current)).sort((a, b) => b.version - a.version);
  const out = versions.map((v) => ({ version: String(v.version), retired: v.retired }));
  if (current !== '' && !out.some((v) => v.version === current)) out.unshift({ version: current, retired: false });
  return out;
}

export const newestInUse = (published: readonly PublishedVersion[] | undefined, id: string): string =>
  String((published ?? []).filter((v) => v.id === id && !v.retired).reduce((n, v) => Math.max(n, v.version), 0) || '');

export interface GroupEditorProps {
  group: DraftGroup;
  index: number;
  published: PublishedVersion[] | undefined;
  /** The questionnaire version's groups and lists: undefined while loading. */
  lists: QuestionnaireLists | undefined;
  listsError: unknown;
  /** Interviews counted so far for this group, per stratum ('' without strata). */
  counts: Record<string, number>;
  /** The group's target as computed (its one number, or its strata's sum). */
  target: number;
  admin: boolean;
  onChange: (change: (g: DraftGroup) => DraftGroup) => void;
  /** The respondent group changed from `before` to `after` (the declared total names groups by id). */
  onIdChange: (before: string, after: string) => void;
  onRemove: () => void;
}

function GroupEditorView({ group: g, index, published, lists, listsError, counts, target, admin, onChange, onIdChange, onRemove }: GroupEditorProps) {
  const { t, lang } = useCT();
  const { at } = useProblems();
  const headingId = useId();
  const removeNoteId = useId();
  const place = `groups[${index}]`;
  const label = tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id || t('campaigns.group.unnamed');
  const counted = Object.values(counts).reduce((n, c) => n + c, 0);
  const respondentGroup = lists?.respondentGroups.find((r) => r.id === g.id);
  const stratumList = respondentGroup?.stratumList;
  const strataItems: ListItem[] | undefined = stratumList !== undefined ? lists?.lists[stratumList] : undefined;
  const parents = g.parentList !== '' ? lists?.lists[g.parentList] : undefined;
  const set = <K extends keyof DraftGroup>(key: K) => (value: DraftGroup[K]) => onChange((x) => ({ ...x, [key]: value }));

  const chooseRespondentGroup = (id: string) => {
    const before = lists?.respondentGroups.find((r) => r.id === g.id);
    const next = lists?.respondentGroups.find((r) => r.id === id);
    onChange((x) => ({
      ...x,
      id,
      // The name follows the questionnaire's unless the user wrote another.
      labelVi: next && (x.labelVi === '' || x.labelVi === before?.label.vi) ? next.label.vi : x.labelVi,
      labelEn: next && (x.labelEn === '' || x.labelEn === before?.label.en) ? next.label.en : x.labelEn,
      mode: next && next.stratumList === undefined ? 'one' : x.mode,
    }));
    onIdChange(g.id, id);
  };

  return (
    <section aria-labelledby={headingId} className="campaign-group" data-group={g.id} id={fieldId(place)} tabIndex={-1}>
      <div className="group-head">
        <h3 id={headingId}>{t('campaigns.group.heading', { n: index + 1, label })}</h3>
        <p className="group-total" data-testid={`group-total-${index}`}>
          {g.mode === 'strata' ? t('campaigns.group.totalStrata', { target, count: g.strata.length }) : t('campaigns.group.total', { target })}
          {' · '}
          {t('campaigns.group.counted', { count: counted })}
        </p>
      </div>
      <FieldProblems place={place} problems={at(place)} />
      <div className="field-grid">
        <SelectField
          place={`${place}.questionnaire.id`}
          label={t('campaigns.group.questionnaire')}
          value={g.questionnaireId}
          onChange={(id) => onChange((x) => ({ ...x, questionnaireId: id, version: newestInUse(published, id) }))}
        >
          {g.questionnaireId === '' && <option value="">{t('campaigns.choose')}</option>}
          {questionnaireChoices(published, g.questionnaireId).map((q) => (
            <option key={q.id} value={q.id}>
              {q.inUse ? t('campaigns.group.questionnaireOption', { title: tr(q.title, lang), id: q.id }) : t('campaigns.group.questionnaireRetired', { title: tr(q.title, lang), id: q.id })}
            </option>
          ))}
        </SelectField>
        <SelectField place={`${place}.questionnaire.version`} label={t('campaigns.group.version')} value={g.version} onChange={set('version')}>
          {g.version === '' && <option value="">{t('campaigns.choose')}</option>}
          {versionChoices(published, g.questionnaireId, g.version).map((v) => (
            <option key={v.version} value={v.version}>
              {v.retired ? t('campaigns.group.versionRetired', { version: v.version }) : t('campaigns.group.versionOption', { version: v.version })}
            </option>
          ))}
        </SelectField>
        <SelectField
          place={`${place}.id`}
          label={t('campaigns.group.respondentGroup')}
          value={g.id}
          onChange={chooseRespondentGroup}
          hint={listsError !== undefined ? t('campaigns.group.listsFailed', { message: describeFailure(listsError, t) }) : undefined}
        >
          {(g.id === '' || !lists) && <option value={g.id}>{g.id === '' ? t('campaigns.choose') : g.id}</option>}
          {lists && g.id !== '' && !respondentGroup && <option value={g.id}>{t('campaigns.group.notInQuestionnaire', { id: g.id })}</option>}
          {lists?.respondentGroups.map((r) => (
            <option key={r.id} value={r.id}>
              {tr(r.label, lang)} ({r.id})
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field-grid">
        <TextField place={`${place}.label.vi`} label={t('campaigns.group.labelVi')} value={g.labelVi} onChange={set('labelVi')} lang={lang !== 'vi' ? 'vi' : undefined} />
        <TextField place={`${place}.label.en`} label={t('campaigns.group.labelEn')} value={g.labelEn} onChange={set('labelEn')} lang={lang !== 'en' ? 'en' : undefined} />
      </div>
      <fieldset className="choice-row" id={fieldId(`${place}.policy`)}>
        <legend>{t('campaigns.group.policy')}</legend>
        {(['stop', 'continue'] as const).map((p) => (
          <label key={p} className={g.policy === p ? 'option selected' : 'option'}>
            <input type="radio" name={`policy-${g.key}`} value={p} checked={g.policy === p} onChange={() => set('policy')(p)} />
            <span>{t(p === 'stop' ? 'campaigns.group.policyStop' : 'campaigns.group.policyContinue')}</span>
          </label>
        ))}
        <FieldProblems place={`${place}.policy`} problems={at(`${place}.policy`)} />
      </fieldset>
      <fieldset className="choice-row">
        <legend>{t('campaigns.group.mode')}</legend>
        {(['one', 'strata'] as const).map((m) => (
          <label key={m} className={g.mode === m ? 'option selected' : 'option'}>
            <input type="radio" name={`mode-${g.key}`} value={m} checked={g.mode === m} onChange={() => set('mode')(m)} />
            <span>{t(m === 'one' ? 'campaigns.group.modeOne' : 'campaigns.group.modeStrata')}</span>
          </label>
        ))}
        {lists && respondentGroup && stratumList === undefined && <p className="muted field-hint">{t('campaigns.group.noStratumList')}</p>}
        {g.mode === 'one' && <FieldProblems place={`${place}.strata`} problems={at(`${place}.strata`)} />}
      </fieldset>
      {g.mode === 'one' ? (
        <div className="field-grid">
          <TextField place={`${place}.target`} label={t('campaigns.group.target')} value={g.target} onChange={set('target')} inputMode="numeric" className="narrow" />
        </div>
      ) : (
        <>
          {lists && (
            <SelectField
              place={`${place}.parentList`}
              label={t('campaigns.group.parentList')}
              hint={t('campaigns.group.parentListHint')}
              value={g.parentList}
              onChange={set('parentList')}
            >
              <option value="">{t('campaigns.group.noParentList')}</option>
              {g.parentList !== '' && !lists.lists[g.parentList] && <option value={g.parentList}>{g.parentList}</option>}
              {Object.keys(lists.lists)
                .filter((name) => name !== stratumList)
                .map((name) => {
                  const items = lists.lists[name] ?? [];
                  return (
                    <option key={name} value={name}>
                      {t('campaigns.group.listOption', { first: items.slice(0, 2).map((i) => tr(i.label, lang)).join(', '), count: items.length, name })}
                    </option>
                  );
                })}
            </SelectField>
          )}
          {lists && respondentGroup && lists.strataMatrices.length > 0 && (
            <p className="muted field-hint">
              {t('campaigns.group.strataAreRows', { questions: lists.strataMatrices.map((q) => `“${tr(q.label, lang)}”`).join(', ') })}
            </p>
          )}
          <StrataTable
            group={g}
            index={index}
            items={strataItems}
            parents={parents}
            counts={counts}
            admin={admin}
            against={g.questionnaireId !== '' && /^\d+$/.test(g.version) && g.id !== '' ? { questionnaire: g.questionnaireId, version: Number(g.version), group: g.id } : undefined}
            onChange={(change) => onChange((x) => ({ ...x, strata: change(x.strata) }))}
          />
        </>
      )}
      <div className="field-grid">
        <TextField
          place={`${place}.declaredTarget`}
          label={t('campaigns.group.declaredTarget')}
          hint={t('campaigns.group.declaredTargetHint')}
          value={g.declaredTarget}
          onChange={set('declaredTarget')}
          inputMode="numeric"
          className="narrow"
        />
      </div>
      {admin && (
        <div className="group-remove">
          {counted > 0 ? (
            <>
              <button type="button" className="secondary" disabled aria-describedby={removeNoteId}>
                {t('campaigns.group.remove')}
              </button>
              <p className="muted field-hint" id={removeNoteId}>
                {t('campaigns.group.removeRefused', { count: counted })}
              </p>
            </>
          ) : (
            <ConfirmAction
              id={`remove-group-${g.key}`}
              danger
              label={t('campaigns.group.remove')}
              name={t('campaigns.group.removeFor', { label })}
              question={t('campaigns.group.confirmRemove', { label })}
              yes={t('campaigns.group.confirmRemoveYes')}
              onConfirm={() => Promise.resolve(onRemove())}
            />
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Drawn again only when what it shows changed: its group, lists, counts, target or rights (and
 * the problems, through their context). Its callbacks change with every render of the editor but
 * act through the group's key and functional updates, so the ones it was drawn with stay right.
 */
export const GroupEditor = memo(GroupEditorView, (a, b) =>
  (Object.keys(a) as (keyof GroupEditorProps)[]).every((k) => typeof a[k] === 'function' || Object.is(a[k], b[k])),
);
