/** The app shell: header with language switch, and the screen for the current route. */
import { useState } from 'react';
import { LangSwitch } from './form/SurveyForm';
import { setLang, useT } from './i18n';
import { Home } from './pages/Home';
import { InterviewPage } from './pages/InterviewPage';
import { StartInterview } from './pages/StartInterview';
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
        <InterviewPage
          id={route.id}
          onCompleted={() => {
            setNotice(t('home.savedNotice'));
            navigate(paths.home(), { replace: true });
          }}
        />
      )}
      {route.name === 'notFound' && <p className="error">{t('app.notFound')}</p>}
    </div>
  );
}
