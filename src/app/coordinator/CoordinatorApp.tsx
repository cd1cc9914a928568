/** The coordinators' pages (their own lazily loaded chunk): login, then the dashboard, devices, links, questionnaires or campaigns page. */
import { lazy, Suspense, useCallback, useEffect, useState, type MouseEvent } from 'react';
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
import { isAdmin, isSessionRefusal, SessionLostContext, type Session } from './session';
import './coordinator.css';

// The questionnaires page is a chunk of its own: its preview shares the form's code with the
// interview page, which none of the other coordinators' pages needs.
const QuestionnairesPage = lazy(() => import('./questionnaires/QuestionnairesPage'));
// The campaigns' list and editor too: visited a few times a year, by a few people.
const CampaignPages = lazy(() => import('./campaigns/CampaignPages'));

export type CoordinatorPage = 'dashboard' | 'devices' | 'links' | 'questionnaires' | 'campaigns';

/** `campaignId`: on the campaigns page, the campaign whose editor is open. */
export default function CoordinatorApp({ page, campaignId }: { page: CoordinatorPage; campaignId?: string | undefined }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [checkProblem, setCheckProblem] = useState<{ error: unknown }>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.me().then(
      (me) => live && setSession({ state: 'in', username: me.username, role: me.role }),
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
          {session.state === 'in' && (
            <nav aria-label={t('nav.label')} className="coord-nav">
              <a href={paths.coordinator()} aria-current={page === 'dashboard' ? 'page' : undefined} onClick={go(paths.coordinator())}>
                {t('nav.dashboard')}
              </a>
              <a href={paths.coordinatorDevices()} aria-current={page === 'devices' ? 'page' : undefined} onClick={go(paths.coordinatorDevices())}>
                {t('nav.devices')}
              </a>
              <a href={paths.coordinatorLinks()} aria-current={page === 'links' ? 'page' : undefined} onClick={go(paths.coordinatorLinks())}>
                {t('nav.links')}
              </a>
              <a
                href={paths.coordinatorQuestionnaires()}
                aria-current={page === 'questionnaires' ? 'page' : undefined}
                onClick={go(paths.coordinatorQuestionnaires())}
              >
                {t('nav.questionnaires')}
              </a>
              <a href={paths.coordinatorCampaigns()} aria-current={page === 'campaigns' ? 'page' : undefined} onClick={go(paths.coordinatorCampaigns())}>
                {t('nav.campaigns')}
              </a>
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
      {session.state === 'out' && <LoginForm expired={session.expired} onLoggedIn={(me) => setSession({ state: 'in', username: me.username, role: me.role })} />}
      {session.state === 'in' && (
        <SessionLostContext.Provider value={lost}>
          {page === 'dashboard' ? (
            <Dashboard />
          ) : page === 'devices' ? (
            <DevicesPage />
          ) : page === 'links' ? (
            <LinksPage />
          ) : page === 'campaigns' ? (
            <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
              <CampaignPages campaignId={campaignId} admin={isAdmin(session)} />
            </Suspense>
          ) : (
            <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
              <QuestionnairesPage />
            </Suspense>
          )}
        </SessionLostContext.Provider>
      )}
    </div>
  );
}
