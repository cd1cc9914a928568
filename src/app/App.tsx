/** The app shell: header with language switch and sync status, and the screen for the current route. */
import { lazy, Suspense, useEffect, useState, type ComponentProps } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { LangSwitch } from './LangSwitch';
import { setLang, useT } from './i18n';
import { Home } from './pages/Home';
import { loadedInterviewPage, loadInterviewPage } from './pages/interview-loader';
import { UpdateBanner } from './pwa/UpdateBanner';
import { useSyncer } from './sync/context';
import { SyncStatusBar } from './sync/SyncStatusBar';

// The form engine (react-hook-form and the question components) loads when an interview opens,
// keeping the first load of the home screen small.
function InterviewRoute(props: ComponentProps<typeof import('./pages/InterviewPage').InterviewPage>) {
  const { t } = useT();
  const [page, setPage] = useState(loadedInterviewPage);
  useEffect(() => {
    if (!page) void loadInterviewPage().then(setPage);
  }, [page]);
  if (!page) return <p className="muted">{t('app.loading')}</p>;
  return <page.InterviewPage {...props} />;
}
import { navigate, paths, useRoute } from './router';

// The coordinators' pages are their own chunk: nothing of them is in the enumerator's first load.
const CoordinatorApp = lazy(() => import('./coordinator/CoordinatorApp'));
// So is the respondent's page (it shares the form's code with the interview page).
const RespondApp = lazy(() => import('./respond/RespondApp'));
// The device page (enrolment, refused interviews, the device's data) is visited rarely: its own chunk too.
const DevicePage = lazy(() => import('./pages/DevicePage').then((m) => ({ default: m.DevicePage })));
// The start page (groups, strata, quotas, starting a draft) is one tap from the home screen: its
// own chunk, fetched once the home screen is idle (offline, the service worker has it).
const loadStartPage = () => import('./pages/StartInterview').then((m) => ({ default: m.StartInterview }));
const StartInterview = lazy(loadStartPage);

export function App() {
  const route = useRoute();
  const { t, lang } = useT();
  const [notice, setNotice] = useState<string>();
  const syncer = useSyncer();
  // The start page's code, fetched while the home screen waits for a tap.
  useEffect(() => {
    if (route.name !== 'home') return;
    const prefetch = () => void loadStartPage().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(prefetch, { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(prefetch, 1000);
    return () => clearTimeout(handle);
  }, [route.name]);
  if (route.name === 'respond')
    return (
      <ErrorBoundary resetKey={route.name}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <RespondApp token={route.token} />
        </Suspense>
      </ErrorBoundary>
    );
  if (route.name === 'coordinator')
    return (
      <ErrorBoundary resetKey={route.page} offerDownload={false}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <CoordinatorApp page={route.page} campaignId={route.campaignId} />
        </Suspense>
      </ErrorBoundary>
    );
  return (
    <div className="app">
      {/* During an interview the header leaves the room to the questions (one line on a phone). */}
      <header className={route.name === 'interview' ? 'app-head compact' : 'app-head'}>
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate(paths.home());
          }}
        >
          <strong>{t('app.title')}</strong>
          <span>{t('app.subtitle')}</span>
        </a>
        <div className="head-tools">
          {route.name !== 'device' && (
            <a
              href={paths.device()}
              className="device-link"
              onClick={(e) => {
                e.preventDefault();
                navigate(paths.device());
              }}
            >
              {t('device.link')}
            </a>
          )}
          {route.name !== 'interview' && <LangSwitch lang={lang} onChange={setLang} />}
        </div>
        <SyncStatusBar />
      </header>
      <UpdateBanner />
      <ErrorBoundary resetKey={route.name === 'interview' ? `interview ${route.id}` : route.name}>
        {route.name === 'home' && <Home notice={notice} />}
        {route.name === 'start' && (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <StartInterview surveyId={route.surveyId} />
          </Suspense>
        )}
        {route.name === 'interview' && (
          <InterviewRoute
            id={route.id}
            onCompleted={() => {
              setNotice(t('home.savedNotice'));
              navigate(paths.home(), { replace: true });
              void syncer.syncNow(); // the outbox entry was written with the record
            }}
          />
        )}
        {route.name === 'device' && (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <DevicePage />
          </Suspense>
        )}
        {route.name === 'notFound' && <p className="error">{t('app.notFound')}</p>}
      </ErrorBoundary>
    </div>
  );
}
