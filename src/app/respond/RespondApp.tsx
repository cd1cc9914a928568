/**
 * The respondent's page for a link (/r/<token>), its own lazily loaded chunk: no account, no
 * enrolment, no enumerator chrome. A link not started on this device opens on a welcome (who asks,
 * why, how long, what is kept) and its start button makes the draft; a draft here is offered to
 * continue. The form follows, and after completing the page shows whether the answers wait on the
 * device, were sent, or were refused, sending them by itself when the connection returns.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LinkInfo } from '../../contract';
import type { InterviewRecord } from '../../store';
import { bindInterview, isInterfaceLanguage, type Definition } from '../../survey';
import { createLinkSyncer, type LinkSyncer } from '../../sync/link-syncer';
import { SurveyForm } from '../form/SurveyForm';
import { formatTime, i18n, setLang } from '../i18n';
import { LangSwitch } from '../LangSwitch';
import { isApiErrorCode } from '../sync/messages';
import { useRT } from './i18n';
import { beginInterview, failedView, openLink, refreshView, type SessionEnv, type View } from './session';
import { linkAudience, Resume, Welcome } from './Welcome';
import './respond.css';

/** Where the page talks to; tests give their own fetch or server. */
export const RespondEnvContext = createContext<SessionEnv>({ serverUrl: '' });

/**
 * The token as links print it (lower case, no separators; O read as 0, I and L as 1, as the server
 * reads them), so a token typed from paper finds the same interview on this device.
 */
export const canonicalToken = (typed: string): string => typed.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');

export default function RespondApp({ token: typed }: { token: string }) {
  const token = canonicalToken(typed);
  const env = useContext(RespondEnvContext);
  const { t, lang } = useRT();
  const syncer = useMemo(() => createLinkSyncer({ serverUrl: env.serverUrl, fetch: env.fetch, timeoutMs: env.timeoutMs }), [env]);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [beginning, setBeginning] = useState(false);
  const current = useRef(view);
  current.current = view;

  useEffect(() => {
    syncer.start();
    return () => syncer.stop();
  }, [syncer]);

  useEffect(() => {
    let live = true;
    setView({ kind: 'loading' });
    openLink(token, env).then(
      (next) => {
        if (!live) return;
        if (next.kind === 'resume' && isInterfaceLanguage(next.record.lang)) void setLang(next.record.lang);
        setView(next);
        // Report a start not reported yet, or send what waits.
        if (next.kind === 'resume' || next.kind === 'queued') void syncer.syncNow();
      },
      (e: unknown) => live && setView(failedView(e)),
    );
    return () => {
      live = false;
    };
  }, [token, env, syncer, attempt]);

  // Nothing could be shown for want of a connection: try again when it returns. Listened to from
  // the start, so a connection that returns just as that page appears is not missed.
  useEffect(() => {
    const retry = () => {
      const kind = current.current.kind;
      if (kind === 'needsConnection' || kind === 'failed') setAttempt((n) => n + 1);
    };
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, []);

  // After every send attempt: the interview may have been sent, or the link refused.
  useEffect(() => {
    let runs = syncer.getStatus().runs;
    return syncer.subscribe((status) => {
      if (status.runs === runs) return;
      runs = status.runs;
      const before = current.current;
      void refreshView(token, before).then(
        (next) => next !== before && current.current === before && setView(next),
        () => undefined,
      );
    });
  }, [syncer, token]);

  /** Start (or continue): the draft is made now, its start reported to the server. */
  const begin = () => {
    const from = current.current;
    if ((from.kind !== 'welcome' && from.kind !== 'resume') || beginning) return;
    setBeginning(true);
    beginInterview(token, from, from.kind === 'resume' ? from.record.lang : lang)
      .then(
        (next) => {
          if (current.current !== from) return;
          setView(next);
          // The start button is at the welcome's end: the questionnaire opens at its top.
          if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
          void syncer.syncNow();
        },
        (e: unknown) => current.current === from && setView(failedView(e)),
      )
      .finally(() => setBeginning(false));
  };

  const completed = (record: InterviewRecord) => {
    if (current.current.kind !== 'form') return;
    setView({ kind: 'queued', record, info: current.current.info });
    void syncer.syncNow();
  };

  // Who the questionnaire is for, while it is before the respondent (not on the one-message pages).
  const withForm = view.kind === 'welcome' || view.kind === 'resume' || view.kind === 'form' ? view : undefined;
  // As shown (the stored definition stays as published): the question recording the stratum
  // offers the link's stratum with the campaign's label when the list lacks it, and a matrix rating
  // the campaign's strata rates those the link's campaign plans for its group, and keeps the rows a
  // draft here rated.
  const shown = useMemo(() => {
    if (!withForm) return undefined;
    const { info } = withForm;
    const stratum = { respondentGroup: info.group.id, stratum: info.stratum?.value, stratumLabel: info.stratum?.label };
    return bindInterview(withForm.definition, stratum, info.plan, withForm.kind === 'welcome' ? undefined : withForm.record.answers);
  }, [withForm]);
  return (
    <div className="app respond">
      <header className="app-head">
        <div className="brand">
          <strong>{t('brand')}</strong>
          {withForm && <LinkContext info={withForm.info} definition={withForm.definition} />}
        </div>
        {view.kind !== 'form' && (
          <div className="head-tools">
            <LangSwitch lang={lang} onChange={setLang} />
          </div>
        )}
      </header>
      {view.kind === 'form' ? (
        <SurveyForm key={view.record.id} definition={shown ?? view.definition} record={view.record} onCompleted={completed} />
      ) : view.kind === 'welcome' ? (
        <Welcome info={view.info} definition={shown ?? view.definition} busy={beginning} onStart={begin} />
      ) : view.kind === 'resume' ? (
        <Resume info={view.info} definition={shown ?? view.definition} record={view.record} busy={beginning} onContinue={begin} />
      ) : (
        <StatusView view={view} syncer={syncer} onRetry={() => setAttempt((n) => n + 1)} />
      )}
    </div>
  );
}

/** "Phiếu dành cho: Người dân, tổ chức tại Thành phố Đồng Hới". */
function LinkContext({ info, definition }: { info: LinkInfo; definition: Definition }) {
  const { t, lang } = useRT();
  const who = linkAudience(info, definition, lang, (group, stratum) => t('context.at', { group, stratum }));
  return (
    <span className="respond-context" aria-label={t('context.label')}>
      {t('context.for', { who })}
    </span>
  );
}

/** A page with one message: its heading takes the focus, so a screen reader reads the news. */
function Status({ heading, kind, children }: { heading: string; kind: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [kind]);
  return (
    <main className={`respond-status ${kind}`} data-state={kind}>
      <h1 tabIndex={-1} ref={ref}>
        {heading}
      </h1>
      {children}
    </main>
  );
}

/** Refusals with their own explanation; the questionnaire having left the server is one more; anything else names its code. */
const OWN_TEXT = ['link_unknown', 'link_revoked', 'link_used', 'link_exhausted', 'quota_full'] as const;
const SURVEY_GONE: ReadonlySet<string> = new Set(['unknown_survey', 'unknown_version', 'unknown_group', 'unknown_stratum', 'link_mismatch']);

function refusalText(code: string): (typeof OWN_TEXT)[number] | 'surveyGone' | 'other' {
  const own = OWN_TEXT.find((c) => c === code);
  return own ?? (SURVEY_GONE.has(code) ? 'surveyGone' : 'other');
}

function StatusView({ view, syncer, onRetry }: { view: Exclude<View, { kind: 'form' | 'welcome' | 'resume' }>; syncer: LinkSyncer; onRetry: () => void }) {
  const { t, lang } = useRT();
  switch (view.kind) {
    case 'loading':
      return (
        <main className="respond-status loading" data-state="loading">
          <p className="muted" role="status">
            {t('loading')}
          </p>
        </main>
      );
    case 'needsConnection':
      return (
        <Status heading={t('needsConnection.heading')} kind="needsConnection">
          <p>{t('needsConnection.body')}</p>
          <p className="muted">{t('needsConnection.auto')}</p>
          <button type="button" className="primary" onClick={onRetry}>
            {t('retry')}
          </button>
        </Status>
      );
    case 'failed':
      return (
        <Status heading={t('failed.heading')} kind="failed">
          <p>{t('failed.body')}</p>
          {view.code !== undefined && <p className="muted">{t('failed.code', { code: view.code })}</p>}
          <button type="button" className="primary" onClick={onRetry}>
            {t('retry')}
          </button>
          {/* The browser's or the server's own words, often English: folded, for whoever helps. */}
          <details className="respond-details">
            <summary>{t('failed.details')}</summary>
            <p lang="en">{view.message}</p>
          </details>
        </Status>
      );
    case 'refused': {
      const key = refusalText(view.code);
      const reason = isApiErrorCode(view.code) ? i18n.t(`apiError.${view.code}`, { lng: lang }) : t('refused.other.unknown');
      return (
        <Status heading={t(`refused.${key}.heading`)} kind="refused">
          <p data-code={view.code}>{t(`refused.${key}.body`, { code: view.code, reason })}</p>
          {view.kept && <p className="muted">{t('refused.kept')}</p>}
        </Status>
      );
    }
    case 'queued':
      return <Queued syncer={syncer} />;
    case 'sent':
      return (
        <Status heading={t('sent.heading')} kind="sent">
          <p className="notice" role="status">
            {t('sent.body')}
          </p>
        </Status>
      );
    case 'answered':
      return (
        <Status heading={t('answered.heading')} kind="answered">
          <p>{t('answered.body', { time: formatTime(view.at, lang) })}</p>
        </Status>
      );
  }
}

const REASONS = ['network', 'timeout', 'rate_limited'] as const;

/** Completed, not sent yet: the message stays until the server has the answers. */
function Queued({ syncer }: { syncer: LinkSyncer }) {
  const { t, lang } = useRT();
  const status = useSyncExternalStore(syncer.subscribe, syncer.getStatus);
  const code = status.lastError?.code === 'overloaded' || status.lastError?.code === 'database_unavailable' ? 'rate_limited' : status.lastError?.code;
  const reason = t(`queued.reason.${REASONS.find((r) => r === code) ?? 'other'}`);
  const line = !status.online
    ? t('queued.offline')
    : status.syncing
      ? t('queued.sending')
      : status.lastError && status.nextRetryAt
        ? t('queued.retryAt', { reason, time: formatTime(status.nextRetryAt, lang) })
        : '';
  return (
    <Status heading={t('queued.heading')} kind="queued">
      <p className="notice respond-queued" role="status">
        {t('queued.body')}
      </p>
      <p>{t('queued.keepOpen')}</p>
      <p className="muted" aria-live="polite">
        {line}
      </p>
      <button type="button" className="primary" disabled={status.syncing} onClick={() => void syncer.syncNow()}>
        {t('queued.sendNow')}
      </button>
    </Status>
  );
}
