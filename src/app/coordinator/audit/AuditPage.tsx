/**
 * The audit trail (administrators only, a chunk of its own): who changed what and when, newest
 * first, a page at a time ("older" asks for the entries before the last one shown). Filtered by
 * action (one, or all of a kind), by who did it and by Vietnam days; the same filters give the
 * CSV download. Each entry: its time in Vietnam, who, the action in words, what it was done to,
 * and for an edit each change (path: before → after, the values as compact JSON).
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../contract';
import { useCoordinatorApi, type AuditAction, type AuditChange, type AuditEntry, type AuditFilter } from '../api';
import { formatDateTime, vietnamDayBounds } from '../dates';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import './audit.css';

type AuditKind = AuditAction extends `${infer Kind}.${string}` ? Kind : never;

/** The actions by their first part, in the contract's order. */
const ACTION_GROUPS: { kind: AuditKind; actions: AuditAction[] }[] = [];
for (const action of AUDIT_ACTIONS) {
  const kind = action.slice(0, action.indexOf('.')) as AuditKind;
  const group = ACTION_GROUPS.find((g) => g.kind === kind);
  if (group) group.actions.push(action);
  else ACTION_GROUPS.push({ kind, actions: [action] });
}

/** The actor the server writes for its own commands (src/server/audit.ts). */
const COMMAND_LINE = '(command line)';
const TARGET_KINDS = ['questionnaire', 'campaign', 'link', 'device', 'enumerator', 'account'] as const;
type TargetKind = (typeof TARGET_KINDS)[number];
const isTargetKind = (kind: string): kind is TargetKind => (TARGET_KINDS as readonly string[]).includes(kind);

/** The filters as typed in the form: days are YYYY-MM-DD, read as Vietnam days. */
interface FilterForm {
  action: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTER: FilterForm = { action: '', actor: '', from: '', to: '' };

/** The server's filter of the form's: a day's first and last instant in Vietnam (the server's plain days are UTC). */
function auditFilterOf(form: FilterForm): AuditFilter {
  return {
    action: form.action || undefined,
    actor: form.actor.trim() || undefined,
    from: vietnamDayBounds(form.from)?.start,
    to: vietnamDayBounds(form.to)?.end,
  };
}

interface Trail {
  entries: AuditEntry[];
  /** `before` for the next, older page; undefined on the last. */
  next: number | undefined;
  /** The filter these entries are of. */
  filter: AuditFilter;
  loading: 'first' | 'older' | false;
  error: unknown;
}

export default function AuditPage() {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [formProblem, setFormProblem] = useState<string>();
  const [trail, setTrail] = useState<Trail>({ entries: [], next: undefined, filter: {}, loading: 'first', error: undefined });
  // Only the latest request's reply is shown: a page of an earlier filter arriving late is dropped.
  const latest = useRef(0);

  const fetchPage = useCallback(
    async (filter: AuditFilter, before?: number) => {
      const request = ++latest.current;
      setTrail((s) => ({ ...s, filter, loading: before === undefined ? 'first' : 'older', error: undefined, ...(before === undefined ? { entries: [], next: undefined } : {}) }));
      try {
        const page = await api.audit(filter, before);
        if (request !== latest.current) return;
        setTrail((s) => ({ ...s, entries: before === undefined ? page.entries : [...s.entries, ...page.entries], next: page.next, loading: false }));
      } catch (error) {
        if (isSessionRefusal(error)) return lost();
        if (request === latest.current) setTrail((s) => ({ ...s, loading: false, error }));
      }
    },
    [api, lost],
  );

  useEffect(() => {
    const requests = latest;
    void fetchPage({});
    return () => void ++requests.current; // replies after leaving the page are dropped
  }, [fetchPage]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (form.from !== '' && form.to !== '' && form.from > form.to) return setFormProblem(t('audit.datesReversed'));
    setFormProblem(undefined);
    void fetchPage(auditFilterOf(form));
  };

  const filtered = Object.values(trail.filter).some((v) => v !== undefined);
  return (
    <main className="coord-audit">
      <h1>{t('audit.heading')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <Filters
        form={form}
        problem={formProblem}
        onChange={(f) => (setForm(f), setFormProblem(undefined))}
        onSubmit={apply}
        onClear={() => {
          setForm(NO_FILTER);
          setFormProblem(undefined);
          void fetchPage({});
        }}
        csvUrl={api.auditCsvUrl(trail.filter)}
      />
      <section aria-labelledby="audit-entries-heading" className="coord-section audit-entries">
        <h2 id="audit-entries-heading" className="sr-only">
          {t('audit.caption')}
        </h2>
        {trail.error !== undefined && (
          <p className="error" role="alert">
            {t('audit.failed', { message: describeFailure(trail.error, t) })}
          </p>
        )}
        {trail.loading === 'first' ? (
          <p className="muted">{t('common.loading')}</p>
        ) : trail.entries.length === 0 ? (
          trail.error === undefined && <p className="muted">{t(filtered ? 'audit.empty' : 'audit.emptyAll')}</p>
        ) : (
          <>
            <EntryTable entries={trail.entries} />
            <div className="audit-paging" aria-live="polite">
              <p className="muted">
                {t('audit.shown', { count: trail.entries.length })} {trail.next === undefined && t('audit.end')}
              </p>
              {trail.next !== undefined && (
                <button type="button" className="secondary" disabled={trail.loading === 'older'} onClick={() => void fetchPage(trail.filter, trail.next)}>
                  {trail.loading === 'older' ? t('audit.loadingOlder') : t('audit.older')}
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </main>
  );
}

interface FiltersProps {
  form: FilterForm;
  problem: string | undefined;
  onChange: (form: FilterForm) => void;
  onSubmit: (e: FormEvent) => void;
  onClear: () => void;
  /** The CSV of the filters applied (not of those typed and not yet applied). */
  csvUrl: string;
}

function Filters({ form, problem, onChange, onSubmit, onClear, csvUrl }: FiltersProps) {
  const { t } = useCT();
  const ids = { action: useId(), actor: useId(), actorHint: useId(), from: useId(), to: useId(), problem: useId() };
  const set = (name: keyof FilterForm) => (e: { target: { value: string } }) => onChange({ ...form, [name]: e.target.value });
  return (
    <section aria-labelledby="audit-filters-heading" className="coord-section audit-filter-box">
      <h2 id="audit-filters-heading">{t('audit.filters')}</h2>
      <form className="audit-filters" role="search" aria-labelledby="audit-filters-heading" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.action}>{t('audit.action')}</label>
          <select id={ids.action} value={form.action} onChange={set('action')}>
            <option value="">{t('audit.allActions')}</option>
            {ACTION_GROUPS.map((g) => (
              <optgroup key={g.kind} label={t(`audit.group.${g.kind}`)}>
                <option value={g.kind}>{t(`audit.groupAll.${g.kind}`)}</option>
                {g.actions.map((a) => (
                  <option key={a} value={a}>
                    {t(`audit.actions.${a}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.actor}>{t('audit.actor')}</label>
          <input
            id={ids.actor}
            type="text"
            value={form.actor}
            maxLength={200}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={ids.actorHint}
            onChange={set('actor')}
          />
          <small className="muted" id={ids.actorHint}>
            {t('audit.actorHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>{t('audit.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={form.from}
            max={form.to || undefined}
            onChange={set('from')}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? ids.problem : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('audit.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={form.to}
            min={form.from || undefined}
            onChange={set('to')}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? ids.problem : undefined}
          />
        </div>
        {problem && (
          <p className="error" role="alert" id={ids.problem}>
            {problem}
          </p>
        )}
        <div className="audit-filter-actions">
          <button type="submit" className="primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="secondary" onClick={onClear}>
            {t('audit.clear')}
          </button>
          <a className="download" href={csvUrl} download aria-label={t('audit.csvLabel')}>
            {t('audit.csv')}
          </a>
        </div>
      </form>
    </section>
  );
}

function EntryTable({ entries }: { entries: AuditEntry[] }) {
  const { t, lang } = useCT();
  const column = {
    time: t('audit.column.time'),
    actor: t('audit.column.actor'),
    action: t('audit.column.action'),
    target: t('audit.column.target'),
    changes: t('audit.column.changes'),
  };
  return (
    <div className="table-scroll">
      <table className="coord-table stack audit">
        <caption className="sr-only">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{column.time}</th>
            <th scope="col">{column.actor}</th>
            <th scope="col">{column.action}</th>
            <th scope="col">{column.target}</th>
            <th scope="col">{column.changes}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-entry={e.id} data-action={e.action}>
              <th scope="row" data-label={column.time}>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              </th>
              <td data-label={column.actor}>{e.actor === COMMAND_LINE ? t('audit.commandLine') : e.actor}</td>
              <td data-label={column.action}>{t(`audit.actions.${e.action}`)}</td>
              <td data-label={column.target}>
                <Target target={e.target} detail={e.detail} />
              </td>
              <td data-label={column.changes}>{e.changes && e.changes.length > 0 ? <Changes changes={e.changes} /> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A value as compact JSON; "(none)" where there was none (a field added or removed). */
function Value({ value }: { value: unknown }) {
  const { t } = useCT();
  if (value === undefined) return <span className="muted">{t('audit.none')}</span>;
  return <code className="audit-value">{JSON.stringify(value)}</code>;
}

/** What was done to: its kind in words (`campaign:quang-tri-2026` → Campaign quang-tri-2026), then anything else recorded. */
function Target({ target, detail }: { target: string; detail: AuditEntry['detail'] }) {
  const { t } = useCT();
  const colon = target.indexOf(':');
  const kind = colon > 0 ? target.slice(0, colon) : '';
  const details = detail ? Object.entries(detail).filter(([, v]) => v !== undefined && v !== null) : [];
  return (
    <div className="audit-target">
      <span>
        {isTargetKind(kind) ? (
          <>
            {t(`audit.target.${kind}`)} <code>{target.slice(colon + 1)}</code>
          </>
        ) : (
          <code>{target}</code>
        )}
      </span>
      {details.length > 0 && (
        <small className="muted audit-detail">
          {t('audit.detail')}: <code>{JSON.stringify(Object.fromEntries(details))}</code>
        </small>
      )}
    </div>
  );
}

/** An edit's changes, each "path: before → after"; a long list folds away under its count. */
function Changes({ changes }: { changes: AuditChange[] }) {
  const { t } = useCT();
  const list = (
    <ul className="audit-changes">
      {changes.map((c, i) => (
        <li key={i}>
          <code className="audit-path">{c.path}</code>: <Value value={c.before} /> → <Value value={c.after} />
        </li>
      ))}
    </ul>
  );
  if (changes.length <= 5) return list;
  return (
    <details className="audit-changes-more">
      <summary>{t('audit.changes', { count: changes.length })}</summary>
      {list}
    </details>
  );
}
