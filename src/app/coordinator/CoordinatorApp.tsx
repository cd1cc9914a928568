/**
 * The coordinators' pages (their own lazily loaded chunk): login, then the dashboard, devices,
 * links, questionnaires or campaigns page (a campaign's editor read-only for a coordinator); for administrators also the accounts and the audit trail. The
 * session's role (absent from an older server: a coordinator's) decides what is offered: a
 * coordinator at an administrator's address is told so, and nothing is asked of the server.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { LangSwitch } from '../LangSwitch';
import { setLang } from '../i18n';
import { navigate, paths } from '../router';
import { useCoordinatorApi } from './api';
import { Dashboard } from './Dashboard';
import { DevicesPage } from './DevicesPage';
import { LinksPage } from './links/LinksPage';
import { describeFailure } from './failure';
import { useCT } from './i18n';
import { LoginForm } from './LoginForm';
import { AccountContext, accountOf, isAdmin, isSessionRefusal, SessionLostContext, type Session } from './session';
import './coordinator.css';

// The questionnaires page is a chunk of its own: its preview shares the form's code with the
// interview page, which none of the other coordinators' pages needs.
const QuestionnairesPage = lazy(() => import('./questionnaires/QuestionnairesPage'));
// The administrators' pages are chunks of their own too: a coordinator never loads them.
const AccountsPage = lazy(() => import('./accounts/AccountsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
// The campaigns' list and editor too: visited a few times a year, by a few people.
const CampaignPages = lazy(() => import('./campaigns/CampaignPages'));
// A campaign's report too: read at the end of fieldwork, with its charts and tables.
const ReportPage = lazy(() => import('./report/ReportPage'));

export type CoordinatorPage = 'dashboard' | 'devices' | 'links' | 'questionnaires' | 'campaigns' | 'report' | 'accounts' | 'audit';

/** The pages of the menu, in its order; the last two for administrators only. */
const NAV = [
  { page: 'dashboard', path: paths.coordinator, admin: false },
  { page: 'devices', path: paths.coordinatorDevices, admin: false },
  { page: 'links', path: paths.coordinatorLinks, admin: false },
  { page: 'questionnaires', path: paths.coordinatorQuestionnaires, admin: false },
  { page: 'campaigns', path: paths.coordinatorCampaigns, admin: false },
  { page: 'accounts', path: paths.coordinatorAccounts, admin: true },
  { page: 'audit', path: paths.coordinatorAudit, admin: true },
] as const satisfies readonly { page: CoordinatorPage; path: () => string; admin: boolean }[];

/** The menu's entry a page is under: a campaign's report is under the campaigns. */
const menuPageOf = (page: CoordinatorPage): CoordinatorPage => (page === 'report' ? 'campaigns' : page);

/** `campaignId`: on the campaigns page, the campaign whose editor is open; on the report page, the campaign reported. */
export default function CoordinatorApp({ page, campaignId }: { page: CoordinatorPage; campaignId?: string | undefined }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [checkProblem, setCheckProblem] = useState<{ error: unknown }>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.me().then(
      (me) => live && setSession({ state: 'in', ...accountOf(me) }),
      (e: unknown) => {
        if (!live) return;
        if (isSessionRefusal(e)) setSession({ state: 'out' });
        else setCheckProblem({ error: e });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const lost = useCallback(() => setSession({ state: 'out', expired: true }), []);
  // Asks the server again who is logged in (after an administrator changed their own role).
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  const account = useMemo(() => (session.state === 'in' ? { username: session.username, role: session.role, recheck } : undefined), [session, recheck]);

  const logout = async () => {
    await api.logout().catch(() => undefined); // unreachable server: its session lapses on its own; the page forgets it now
    setSession({ state: 'out' });
  };

  const go = (path: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(path);
  };

  return (
    <div className="app coord">
      <header className="app-head">
        <a href={paths.coordinator()} className="brand" onClick={go(paths.coordinator())}>
          <strong>{t('title')}</strong>
          <span>{session.state === 'in' ? t('nav.signedInAs', { username: session.username }) : ''}</span>
        </a>
        <div className="head-tools">
          {account && (
            <nav aria-label={t('nav.label')} className="coord-nav">
              {NAV.filter((n) => !n.admin || isAdmin(account)).map((n) => (
                <a key={n.page} href={n.path()} aria-current={menuPageOf(page) === n.page ? 'page' : undefined} onClick={go(n.path())}>
                  {t(`nav.${n.page}`)}
                </a>
              ))}
            </nav>
          )}
          <LangSwitch lang={lang} onChange={setLang} />
          {session.state === 'in' && (
            <button type="button" className="secondary" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          )}
        </div>
      </header>
      {session.state === 'checking' &&
        (checkProblem ? (
          <div>
            <p className="error" role="alert">
              {t('common.error', { message: describeFailure(checkProblem.error, t) })}
            </p>
            <button type="button" className="secondary" onClick={() => (setCheckProblem(undefined), setAttempt((n) => n + 1))}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        ))}
      {session.state === 'out' && <LoginForm expired={session.expired} onLoggedIn={(me) => setSession({ state: 'in', ...accountOf(me) })} />}
      {account && (
        <SessionLostContext.Provider value={lost}>
          <AccountContext.Provider value={account}>
            {page === 'dashboard' ? (
              <Dashboard />
            ) : page === 'devices' ? (
              <DevicesPage />
            ) : page === 'links' ? (
              <LinksPage />
            ) : (page === 'accounts' || page === 'audit') && !isAdmin(account) ? (
              <AdminOnly page={page} />
            ) : (
              <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                {page === 'accounts' ? (
                  <AccountsPage />
                ) : page === 'audit' ? (
                  <AuditPage />
                ) : page === 'campaigns' ? (
                  <CampaignPages campaignId={campaignId} admin={isAdmin(account)} />
                ) : page === 'report' ? (
                  campaignId === undefined ? (
                    <CampaignPages admin={isAdmin(account)} />
                  ) : (
                    <ReportPage key={campaignId} campaignId={campaignId} />
                  )
                ) : (
                  <QuestionnairesPage />
                )}
              </Suspense>
            )}
          </AccountContext.Provider>
        </SessionLostContext.Provider>
      )}
    </div>
  );
}

/** What a coordinator sees at an administrator's address: a plain sentence, no request to the server. */
function AdminOnly({ page }: { page: 'accounts' | 'audit' }) {
  const { t } = useCT();
  return (
    <main className="coord-admin-only">
      <h1>{t(page === 'accounts' ? 'accounts.heading' : 'audit.heading')}</h1>
      <p className="coord-note" data-testid="admin-only">
        {t(page === 'accounts' ? 'adminOnly.accounts' : 'adminOnly.audit')}
      </p>
    </main>
  );
}
