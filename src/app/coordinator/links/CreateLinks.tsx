/** The form creating respondent links for one group and stratum of the current campaign: single-use × count, or one shared link. */
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_LINKS_PER_REQUEST, MAX_SHARED_USES, type LinkKind } from '../../../contract';
import { tr } from '../../../survey';
import { ApiFailure } from '../../../sync';
import { useCoordinatorApi, type LinkCreated, type LinkCreateRequest, type QuotaGroup, type QuotaSnapshot } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';

type Campaign = { state: 'loading' } | { state: 'none' } | { state: 'error'; error: unknown } | { state: 'ready'; quota: QuotaSnapshot };

/** A whole number in [1, max] typed by a person, or undefined. */
function wholeNumber(text: string, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

export function CreateLinks({ onCreated }: { onCreated: (created: LinkCreated) => void }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [campaign, setCampaign] = useState<Campaign>({ state: 'loading' });
  const [groupId, setGroupId] = useState('');
  const [stratum, setStratum] = useState('');
  const [kind, setKind] = useState<LinkKind>('single');
  const [count, setCount] = useState('1');
  const [maxUses, setMaxUses] = useState('10');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<{ field: 'stratum' | 'number' | 'form'; message: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.quota().then(
      (quota) => live && setCampaign({ state: 'ready', quota }),
      (error: unknown) => {
        if (!live) return;
        if (isSessionRefusal(error)) return lost();
        setCampaign(error instanceof ApiFailure && error.code === 'not_found' ? { state: 'none' } : { state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [api, lost]);

  if (campaign.state === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (campaign.state === 'none') return <p className="muted">{t('links.noCampaign')}</p>;
  if (campaign.state === 'error')
    return (
      <p className="error" role="alert">
        {t('common.error', { message: describeFailure(campaign.error, t) })}
      </p>
    );

  const { quota } = campaign;
  const group: QuotaGroup | undefined = quota.groups.find((g) => g.id === groupId) ?? quota.groups[0];
  // The strata the campaign plans: links are made for its plan. An unplanned stratum (target 0)
  // is one interviews arrived for, perhaps one the campaign dropped, which no link can have.
  const strata = (group?.strata ?? []).filter((s) => s.target > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!group) return;
    if (strata.length > 0 && !stratum) return setProblem({ field: 'stratum', message: t('links.stratumRequired') });
    const number = kind === 'single' ? wholeNumber(count, MAX_LINKS_PER_REQUEST) : wholeNumber(maxUses, MAX_SHARED_USES);
    if (number === undefined)
      return setProblem({
        field: 'number',
        message: kind === 'single' ? t('links.countInvalid', { max: MAX_LINKS_PER_REQUEST }) : t('links.maxUsesInvalid', { max: MAX_SHARED_USES }),
      });
    const request: LinkCreateRequest = {
      campaign: quota.campaignId,
      group: group.id,
      kind,
      ...(strata.length > 0 ? { stratum } : {}),
      ...(kind === 'single' ? { count: number } : { maxUses: number }),
      ...(label.trim() ? { label: label.trim() } : {}),
    };
    setBusy(true);
    setProblem(undefined);
    try {
      onCreated(await api.createLinks(request));
      setLabel('');
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem({ field: 'form', message: t('common.error', { message: describeFailure(err, t) }) });
    } finally {
      setBusy(false);
    }
  };

  const parents = new Map((group?.parents ?? []).map((p) => [p.value, tr(p.label, lang)]));
  const byParent = new Map<string, typeof strata>();
  for (const s of strata) byParent.set(s.parent ?? '', [...(byParent.get(s.parent ?? '') ?? []), s]);
  const options = (list: typeof strata) =>
    list.map((s) => (
      <option key={s.value} value={s.value}>
        {tr(s.label, lang)}
      </option>
    ));
  const invalid = (field: 'stratum' | 'number') => (problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'link-problem' } : {});

  return (
    <form className="link-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">{t('links.campaign', { title: tr(quota.title, lang) })}</p>
      <label htmlFor="link-group">{t('links.group')}</label>
      <select
        id="link-group"
        value={group?.id ?? ''}
        onChange={(e) => (setGroupId(e.target.value), setStratum(''), setProblem(undefined))}
      >
        {quota.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {tr(g.label, lang)}
          </option>
        ))}
      </select>
      {strata.length > 0 && (
        <>
          <label htmlFor="link-stratum">{t('links.stratum')}</label>
          <select id="link-stratum" value={stratum} onChange={(e) => (setStratum(e.target.value), setProblem(undefined))} {...invalid('stratum')}>
            <option value="">{t('links.chooseStratum')}</option>
            {parents.size === 0
              ? options(strata)
              : [...byParent].map(([parent, list]) => (
                  <optgroup key={parent} label={parents.get(parent) ?? parent}>
                    {options(list)}
                  </optgroup>
                ))}
          </select>
        </>
      )}
      <fieldset>
        <legend>{t('links.kind')}</legend>
        {(['single', 'shared'] as const).map((k) => (
          <label key={k} className={kind === k ? 'option selected' : 'option'}>
            <input type="radio" name="link-kind" value={k} checked={kind === k} onChange={() => (setKind(k), setProblem(undefined))} />
            <span>{k === 'single' ? t('links.kindSingle') : t('links.kindShared')}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'single' ? (
        <>
          <label htmlFor="link-count">{t('links.count')}</label>
          <input id="link-count" inputMode="numeric" value={count} onChange={(e) => (setCount(e.target.value), setProblem(undefined))} {...invalid('number')} />
        </>
      ) : (
        <>
          <label htmlFor="link-max">{t('links.maxUses')}</label>
          <input id="link-max" inputMode="numeric" value={maxUses} onChange={(e) => (setMaxUses(e.target.value), setProblem(undefined))} {...invalid('number')} />
        </>
      )}
      <label htmlFor="link-label">{t('links.label')}</label>
      <input id="link-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
      {problem && (
        <p className="error" role="alert" id="link-problem">
          {problem.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !group}>
        {busy ? t('links.creating') : t('links.create')}
      </button>
    </form>
  );
}
