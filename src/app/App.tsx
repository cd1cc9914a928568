/** The app shell: header with language switch, and the screen for the current route. */
import { lazy, Suspense, useState } from 'react';
import { LangSwitch } from './LangSwitch';
import { setLang, useT } from './i18n';
import { Home } from './pages/Home';
import { StartInterview } from './pages/StartInterview';

// The form engine (react-hook-form and the question components) loads when an interview opens,
// keeping the first load of the home screen small.
const InterviewPage = lazy(() => import('./pages/InterviewPage').then((m) => ({ default: m.InterviewPage })));
import { navigate, paths, useRoute } from './router';

export function App() {
  const route = useRoute();
  const { t, lang } = useT();
  const [notice, setNotice] = useState<string>();
  return (
    <div className="app">
      <header className="app-head">
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
        {route.name !== 'interview' && <LangSwitch lang={lang} onChange={setLang} />}
      </header>
      {route.name === 'home' && <Home notice={notice} />}
      {route.name === 'start' && <StartInterview surveyId={route.surveyId} />}
      {route.name === 'interview' && (
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <InterviewPage
            id={route.id}
            onCompleted={() => {
              setNotice(t('home.savedNotice'));
              navigate(paths.home(), { replace: true });
            }}
          />
        </Suspense>
      )}
      {route.name === 'notFound' && <p className="error">{t('app.notFound')}</p>}
    </div>
  );
}
