/**
 * One campaign's editor. Every change recomputes the targets per group and in all, and the
 * plan's totals that disagree with them, in the browser; the server checks the campaign ~400 ms
 * after the last change and each problem it finds is shown next to the field it locates and in
 * the list at the top. Saving sends the revision the edit started from: someone else's save in
 * between is said (the edits stay on the page until reloaded). Read-only for a coordinator who is
 * not an administrator.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { campaignDiscrepancies, groupTarget, tr, type Campaign } from '../../../survey';
import { ApiFailure } from '../../../sync';
import { navigate, paths } from '../../router';
import { locatedProblems, useCoordinatorApi, type CampaignDetail, type PublishedVersion, type QuestionnaireLists } from '../api';
import { formatDateTime } from '../dates';
import { DiscrepancyCard } from '../Discrepancies';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import {
  blankGroup,
  campaignJson,
  countableCampaign,
  draftOf,
  fieldId,
  isCampaign,
  layoutOf,
  localProblems,
  placeOf,
  placesOf,
  rowCounts,
  type Draft,
  type DraftGroup,
} from './draft';
import { FieldProblems, ProblemsContext, TextField, type ShownProblem } from './fields';
import { TargetsEditor } from './TargetsEditor';
import { GroupEditor, newestInUse } from './GroupEditor';
import { useTranslatedPlace } from './places';

/** How long the editor waits after the last change before asking the server to check the campaign. */
export const CHECK_DELAY_MS = 400;

const NO_COUNTS: Record<string, number> = {};

type ServerProblem = { path: string; message: string; messageVi?: string | undefined };

type Outcome = { kind: 'saved'; revision: number } | { kind: 'conflict' } | { kind: 'refused'; count: number } | { kind: 'failed'; message: string };

interface Loaded {
  detail: CampaignDetail;
  campaign: Campaign;
}

/** The questionnaire versions' groups and lists, fetched once each. */
function useQuestionnaireLists(wanted: readonly string[]) {
  const api = useCoordinatorApi();
  const [lists, setLists] = useState<Record<string, { data?: QuestionnaireLists; error?: unknown }>>({});
  const asked = useRef(new Set<string>());
  const key = [...new Set(wanted)].sort().join('\n');
  useEffect(() => {
    for (const k of key.split('\n')) {
      const [id, version] = k.split('@');
      if (!id || !version || !/^\d+$/.test(version) || asked.current.has(k)) continue;
      asked.current.add(k);
      api.questionnaireLists(id, Number(version)).then(
        (data) => setLists((l) => ({ ...l, [k]: { data } })),
        (error: unknown) => setLists((l) => ({ ...l, [k]: { error } })),
      );
    }
  }, [api, key]);
  return lists;
}

export function CampaignEditor({ id, admin }: { id: string; admin: boolean }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const describePlace = useTranslatedPlace();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState<Draft>();
  const [revision, setRevision] = useState(0);
  const [baseline, setBaseline] = useState('');
  const [server, setServer] = useState<{ problems: ServerProblem[]; layout: string }>({ problems: [], layout: '' });
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>();
  const [published, setPublished] = useState<PublishedVersion[]>();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  /** The campaign's JSON the server last checked (or is checking). */
  const checked = useRef('');

  useEffect(() => {
    let live = true;
    api.campaign(id).then(
      (detail) => {
        if (!live) return;
        if (!isCampaign(detail.campaign)) return setLoadError('unreadable');
        const d = draftOf(detail.campaign);
        const json = JSON.stringify(campaignJson(d));
        checked.current = json;
        setLoaded({ detail, campaign: detail.campaign });
        setDraft(d);
        setRevision(detail.revision);
        setBaseline(json);
        setServer({ problems: detail.check.problems, layout: layoutOf(d) });
        setOutcome(undefined);
        setLoadError(undefined);
      },
      (e: unknown) => {
        if (!live) return;
        if (isSessionRefusal(e)) lost();
        else setLoadError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, attempt, lost]);

  useEffect(() => {
    let live = true;
    api.questionnaires().then(
      (list) => live && setPublished(list.published),
      (e: unknown) => live && isSessionRefusal(e) && lost(),
    );
    return () => {
      live = false;
    };
  }, [api, lost]);

  const json = useMemo(() => (draft ? JSON.stringify(campaignJson(draft)) : ''), [draft]);

  // The live check: ~400 ms after the last change, the latest reply only.
  useEffect(() => {
    if (!admin || !draft || json === checked.current) return;
    const layout = layoutOf(draft);
    const timer = setTimeout(() => {
      checked.current = json;
      setChecking(true);
      api.checkCampaign(JSON.parse(json), id).then(
        (check) => {
          if (checked.current !== json) return;
          setServer({ problems: check.problems, layout });
          setCheckError(undefined);
          setChecking(false);
        },
        (e: unknown) => {
          if (isSessionRefusal(e)) return lost();
          if (checked.current !== json) return;
          setCheckError(e);
          setChecking(false);
        },
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [admin, api, draft, id, json, lost]);

  const lists = useQuestionnaireLists(draft?.groups.map((g) => `${g.questionnaireId}@${g.version}`) ?? []);

  // Problems: the page's own (numbers not yet whole), then the server's for the same layout of rows.
  // Placed once per change of the problems or of the rows, not per keystroke: the groups and rows
  // that did not change are not drawn again (a plan has a hundred units or more).
  const locals = useMemo(() => (draft ? localProblems(draft) : []), [draft]);
  const sameLayout = draft !== undefined && server.layout === layoutOf(draft);
  const localPaths = new Set(locals.map((p) => p.path));
  const shown: ShownProblem[] = [
    ...locals.map((p) => ({ path: p.path, text: tr(p.message, lang), lang, local: true })),
    ...(sameLayout ? server.problems : [])
      .filter((p) => !localPaths.has(p.path))
      .map((p): ShownProblem => (lang === 'vi' && p.messageVi !== undefined ? { path: p.path, text: p.messageVi, lang: 'vi', local: false } : { path: p.path, text: p.message, lang: 'en', local: false })),
  ];
  const shownKey = JSON.stringify(shown);
  const rowsKey = draft ? `${rowCounts(draft).join(',')}/${draft.targets.length}` : '';
  const view = useMemo(() => {
    const list = JSON.parse(shownKey) as ShownProblem[];
    const [rows = '', targets = '0'] = rowsKey.split('/');
    const places = placesOf(rows === '' ? [] : rows.split(',').map(Number), Number(targets));
    const byPlace = new Map<string, ShownProblem[]>();
    const placedList = list.map((p) => {
      const place = placeOf(p.path, places);
      byPlace.set(place, [...(byPlace.get(place) ?? []), p]);
      return { problem: p, place };
    });
    return { placed: placedList, problems: { at: (place: string) => byPlace.get(place) ?? [], pageLang: lang } };
  }, [shownKey, rowsKey, lang]);

  const dirty = draft !== undefined && json !== baseline;
  // Leaving the page (closing it, reloading it) with changes not saved asks first.
  useEffect(() => {
    if (!dirty || !admin) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty, admin]);

  const update = useCallback((change: (d: Draft) => Draft) => {
    setDraft((d) => (d ? change(d) : d));
    setOutcome((o) => (o?.kind === 'saved' ? undefined : o));
  }, []);
  const updateGroup = useCallback(
    (key: number, change: (g: DraftGroup) => DraftGroup) => update((d) => ({ ...d, groups: d.groups.map((g) => (g.key === key ? change(g) : g)) })),
    [update],
  );

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setOutcome(undefined);
    const layout = layoutOf(draft);
    const sent = json;
    try {
      const detail = await api.saveCampaign(id, JSON.parse(sent), revision);
      setLoaded((l) => (l ? { ...l, detail } : l));
      setRevision(detail.revision);
      setBaseline(sent);
      checked.current = sent;
      setServer({ problems: detail.check.problems, layout });
      setOutcome({ kind: 'saved', revision: detail.revision });
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      if (err instanceof ApiFailure && err.code === 'conflict') return setOutcome({ kind: 'conflict' });
      const problems = locatedProblems(err, 'invalid_campaign');
      if (problems.length > 0) {
        checked.current = sent;
        setServer({ problems, layout });
        setOutcome({ kind: 'refused', count: problems.length });
      } else setOutcome({ kind: 'failed', message: describeFailure(err, t) });
    } finally {
      setSaving(false);
    }
  };

  const back = (e: MouseEvent) => {
    e.preventDefault();
    navigate(paths.coordinatorCampaigns());
  };

  const backLink = (
    <p className="back-link">
      <a href={paths.coordinatorCampaigns()} onClick={back}>
        {t('campaigns.editor.back')}
      </a>
    </p>
  );

  if (!draft || !loaded)
    return (
      <main className="coord-campaign">
        {backLink}
        <h1>{t('campaigns.editor.headingId', { id })}</h1>
        {loadError !== undefined ? (
          <>
            <p className="error" role="alert">
              {loadError === 'unreadable' ? t('campaigns.editor.unreadable') : t('common.error', { message: describeFailure(loadError, t) })}
            </p>
            <button type="button" className="secondary" onClick={() => (setLoadError(undefined), setAttempt((n) => n + 1))}>
              {t('common.retry')}
            </button>
          </>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </main>
    );

  const { placed, problems } = view;

  const countable = countableCampaign(draft);
  const targets = countable.groups.map(groupTarget);
  const total = targets.reduce((n, x) => n + x, 0);
  const discrepancies = campaignDiscrepancies(countable);
  const counts = loaded.detail.counts;
  const title = tr({ vi: draft.titleVi, en: draft.titleEn }, lang) || id;
  const detail = loaded.detail;
  const groupsForCard = draft.groups.map((g) => ({ id: g.id, label: { vi: g.labelVi, en: g.labelEn } }));

  // A place is a field, or a part of the form (a group, a row, a set of choices): its first field then.
  const focusPlace = (place: string) => (e: MouseEvent) => {
    e.preventDefault();
    const at = document.getElementById(fieldId(place));
    const field = at?.matches('input, select, textarea, button, [tabindex]') ? at : at?.querySelector<HTMLElement>('input:not(:disabled), select:not(:disabled), textarea, button');
    at?.scrollIntoView?.({ block: 'center' });
    (field ?? at)?.focus();
  };

  const setField = (key: keyof Draft) => (value: string) => update((d) => ({ ...d, [key]: value }));

  return (
    <main className="coord-campaign">
      {backLink}
      <h1>{t('campaigns.editor.heading', { title })}</h1>
      <p className="muted campaign-meta">
        {t('campaigns.editor.meta', { id, revision })}
        {' · '}
        {detail.updatedBy !== undefined
          ? t('campaigns.editor.savedBy', { by: detail.updatedBy, time: formatDateTime(detail.updatedAt, lang) })
          : t('campaigns.editor.savedFromFile', { time: formatDateTime(detail.updatedAt, lang) })}
      </p>
      <p className="campaign-report-link">
        <a
          href={paths.coordinatorCampaignReport(id)}
          className="button-link"
          onClick={(e) => {
            e.preventDefault();
            navigate(paths.coordinatorCampaignReport(id));
          }}
        >
          {t('campaigns.editor.report')}
        </a>
      </p>
      {!admin && <p className="notice read-only-note">{t('campaigns.editor.readOnly')}</p>}

      <ProblemsContext.Provider value={problems}>
        <section aria-labelledby="campaign-check-heading" className="coord-section campaign-check" aria-busy={checking || undefined}>
          <h2 id="campaign-check-heading">{t('campaigns.check.heading')}</h2>
          {/* Only the count is announced (once per change of it), not each check's coming and going. */}
          <p aria-live="polite" className={placed.length > 0 ? 'error' : 'muted'} data-testid="campaign-check-summary">
            {placed.length > 0 ? t('campaigns.check.problems', { count: placed.length }) : t('campaigns.check.none')}
          </p>
          {checking && <p className="muted checking">{t('campaigns.check.checking')}</p>}
          {checkError !== undefined && <p className="error">{t('campaigns.check.failed', { message: describeFailure(checkError, t) })}</p>}
          {placed.length > 0 && (
            <ul className="campaign-problems">
              {placed.map(({ problem, place }, i) => (
                <li key={i} data-path={problem.path}>
                  {place !== '' ? (
                    <a href={`#${fieldId(place)}`} onClick={focusPlace(place)}>
                      {describePlace(problem.path, draft)}
                    </a>
                  ) : (
                    <span>{describePlace(problem.path, draft)}</span>
                  )}
                  {': '}
                  <span lang={problem.lang !== lang ? problem.lang : undefined}>{problem.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="campaign-totals-heading" className="coord-section campaign-totals">
          <h2 id="campaign-totals-heading">{t('campaigns.totals.heading')}</h2>
          <div className="table-scroll">
            <table className="coord-table totals-table">
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.totals.group')}</th>
                  <th scope="col" className="num">
                    {t('campaigns.totals.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('campaigns.totals.declared')}
                  </th>
                  <th scope="col" className="num">
                    {t('campaigns.totals.counted')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.groups.map((g, gi) => (
                  <tr key={g.key} data-group={g.id}>
                    <th scope="row">{tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id || t('campaigns.group.unnamed')}</th>
                    <td className="num">{targets[gi]}</td>
                    <td className="num">{countable.groups[gi]?.declaredTarget ?? '—'}</td>
                    <td className="num">{Object.values(counts[g.id] ?? {}).reduce((n, c) => n + c, 0)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('campaigns.totals.all')}</th>
                  <td className="num" data-testid="campaign-total">
                    {total}
                  </td>
                  <td className="num">
                    {countable.declaredTotal === undefined
                      ? '—'
                      : draft.declaredAll
                        ? countable.declaredTotal.value
                        : t('campaigns.totals.declaredFor', { value: countable.declaredTotal.value, count: draft.declaredGroups.length })}
                  </td>
                  <td className="num">{Object.values(counts).reduce((n, byStratum) => n + Object.values(byStratum).reduce((m, c) => m + c, 0), 0)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
        <DiscrepancyCard discrepancies={discrepancies} groups={groupsForCard} title={{ vi: draft.titleVi, en: draft.titleEn }} declaredGroups={draft.declaredAll ? undefined : draft.declaredGroups} />

        <fieldset className="campaign-editor" disabled={!admin}>
          <section aria-labelledby="campaign-general-heading" className="coord-section" id={fieldId('id')} tabIndex={-1}>
            <h2 id="campaign-general-heading">{t('campaigns.general.heading')}</h2>
            <div className="field-grid">
              <TextField place="title.vi" label={t('campaigns.general.titleVi')} value={draft.titleVi} onChange={setField('titleVi')} lang={lang !== 'vi' ? 'vi' : undefined} />
              <TextField place="title.en" label={t('campaigns.general.titleEn')} value={draft.titleEn} onChange={setField('titleEn')} lang={lang !== 'en' ? 'en' : undefined} />
              <TextField
                place="description.vi"
                label={t('campaigns.general.descriptionVi')}
                value={draft.descriptionVi}
                onChange={setField('descriptionVi')}
                lang={lang !== 'vi' ? 'vi' : undefined}
              />
              <TextField
                place="description.en"
                label={t('campaigns.general.descriptionEn')}
                value={draft.descriptionEn}
                onChange={setField('descriptionEn')}
                lang={lang !== 'en' ? 'en' : undefined}
              />
              <TextField place="start" type="date" label={t('campaigns.general.start')} value={draft.start} onChange={setField('start')} />
              <TextField place="end" type="date" label={t('campaigns.general.end')} value={draft.end} onChange={setField('end')} />
            </div>
            <FieldProblems place="id" problems={problems.at('id')} />
          </section>

          <section aria-labelledby="campaign-declared-heading" className="coord-section">
            <h2 id="campaign-declared-heading">{t('campaigns.declared.heading')}</h2>
            <p className="muted">{t('campaigns.declared.intro')}</p>
            <div className="field-grid">
              <TextField place="declaredTotal.value" label={t('campaigns.declared.value')} value={draft.declaredValue} onChange={setField('declaredValue')} inputMode="numeric" className="narrow" />
            </div>
            <fieldset className="choice-row" id={fieldId('declaredTotal.groups')}>
              <legend>{t('campaigns.declared.groups')}</legend>
              {([true, false] as const).map((all) => (
                <label key={String(all)} className={draft.declaredAll === all ? 'option selected' : 'option'}>
                  <input
                    type="radio"
                    name="declared-all"
                    checked={draft.declaredAll === all}
                    onChange={() => update((d) => ({ ...d, declaredAll: all, declaredGroups: all ? d.declaredGroups : d.declaredGroups.length > 0 ? d.declaredGroups : d.groups.map((g) => g.id).filter((x) => x !== '') }))}
                  />
                  <span>{t(all ? 'campaigns.declared.all' : 'campaigns.declared.some')}</span>
                </label>
              ))}
              {!draft.declaredAll && (
                <div className="declared-groups">
                  {draft.groups
                    .filter((g) => g.id !== '')
                    .map((g) => (
                      <label key={g.key} className="option">
                        <input
                          type="checkbox"
                          checked={draft.declaredGroups.includes(g.id)}
                          onChange={(e) => {
                            const on = e.target.checked;
                            update((d) => ({ ...d, declaredGroups: on ? [...d.declaredGroups.filter((x) => x !== g.id), g.id] : d.declaredGroups.filter((x) => x !== g.id) }));
                          }}
                        />
                        <span>{tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id}</span>
                      </label>
                    ))}
                </div>
              )}
              <FieldProblems place="declaredTotal.groups" problems={problems.at('declaredTotal.groups')} />
            </fieldset>
            <div className="field-grid">
              <TextField
                place="declaredTotal.source.vi"
                label={t('campaigns.declared.sourceVi')}
                value={draft.declaredSourceVi}
                onChange={setField('declaredSourceVi')}
                lang={lang !== 'vi' ? 'vi' : undefined}
              />
              <TextField
                place="declaredTotal.source.en"
                label={t('campaigns.declared.sourceEn')}
                value={draft.declaredSourceEn}
                onChange={setField('declaredSourceEn')}
                lang={lang !== 'en' ? 'en' : undefined}
              />
            </div>
          </section>

          <TargetsEditor draft={draft} lists={lists} update={update} />

          <section aria-labelledby="campaign-groups-heading" className="coord-section campaign-groups" id={fieldId('groups')} tabIndex={-1}>
            <h2 id="campaign-groups-heading">{t('campaigns.groups.heading')}</h2>
            <p className="muted">{t('campaigns.groups.intro')}</p>
            <FieldProblems place="groups" problems={problems.at('groups')} />
            {draft.groups.map((g, gi) => {
              const entry = lists[`${g.questionnaireId}@${g.version}`];
              return (
                <GroupEditor
                  key={g.key}
                  group={g}
                  index={gi}
                  published={published}
                  lists={entry?.data}
                  listsError={entry?.error}
                  counts={counts[g.id] ?? NO_COUNTS}
                  target={targets[gi] ?? 0}
                  admin={admin}
                  onChange={(change) => updateGroup(g.key, change)}
                  onIdChange={(before, after) =>
                    update((d) => ({ ...d, declaredGroups: d.declaredGroups.includes(before) ? d.declaredGroups.map((x) => (x === before ? after : x)) : d.declaredGroups }))
                  }
                  onRemove={() => update((d) => ({ ...d, groups: d.groups.filter((x) => x.key !== g.key), declaredGroups: d.declaredGroups.filter((x) => x !== g.id) }))}
                />
              );
            })}
            {admin && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  const first = published?.find((v) => !v.retired)?.id ?? '';
                  update((d) => ({ ...d, groups: [...d.groups, blankGroup(first, newestInUse(published, first))] }));
                }}
              >
                {t('campaigns.groups.add')}
              </button>
            )}
          </section>
        </fieldset>
      </ProblemsContext.Provider>

      {admin && (
        <div className="campaign-save">
          <div className="save-row">
            <button type="button" className="primary" disabled={saving || !dirty} onClick={() => void save()}>
              {saving ? t('campaigns.save.saving') : t('campaigns.save.submit')}
            </button>
            <span className="muted">{dirty ? t('campaigns.save.unsaved') : t('campaigns.save.unchanged')}</span>
          </div>
          <div aria-live="polite" data-testid="campaign-save-outcome">
            {outcome?.kind === 'saved' && <p className="notice">{t('campaigns.save.saved', { revision: outcome.revision })}</p>}
          </div>
          {outcome?.kind === 'conflict' && (
            <div className="save-conflict" role="alert">
              <p className="error">{t('campaigns.save.conflict')}</p>
              <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
                {t('campaigns.save.reload')}
              </button>
            </div>
          )}
          {outcome?.kind === 'refused' && (
            <p className="error" role="alert">
              {t('campaigns.save.refused', { count: outcome.count })}
            </p>
          )}
          {outcome?.kind === 'failed' && (
            <p className="error" role="alert">
              {t('campaigns.save.failed', { message: outcome.message })}
            </p>
          )}
        </div>
      )}
    </main>
  );
}
