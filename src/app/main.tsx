/**
 * The browser entry: mounts the app, starts uploading the outbox, asks the browser to keep the
 * data, and registers the offline service worker.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './styles.css';
import { App } from './App';
import { loadInterviewPage, prefetchInterview } from './pages/interview-loader';
import { startServiceWorker } from './pwa/app-update';
import { parseRoute } from './router';
import { requestPersistence } from './storage/storage';
import { appSyncer } from './sync/context';

const route = parseRoute(location.pathname);

// Uploads start now, and again on `online`, on becoming visible, and on a timer. A respondent's
// link sends its own interview (respond/RespondApp): no enumerator's outbox or enrolment there.
if (route.name !== 'respond') {
  appSyncer.start();
  // A respondent's link opened on this tablet completes an interview that goes out through its
  // link, not the device's enrolment: send those too, whichever page is open. Started a few
  // seconds in, so neither the first load nor opening an interview carries it.
  setTimeout(() => void import('../sync/link-syncer').then(({ createLinkSyncer }) => createLinkSyncer().start()), 5000);
}

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// Starting on an interview (a reload, a resumed tab): fetch the form's code and the draft
// together, and render once the code is here, so the first paint is the questionnaire itself.
// The language chosen on an earlier visit is ready first (English is a chunk of its own).
if (route.name === 'interview') {
  prefetchInterview(route.id);
  Promise.all([loadInterviewPage(), i18nReady]).then(render, render);
} else void i18nReady.then(render);

// Interviews live in IndexedDB for days before they reach the server: ask the browser not to
// evict them under storage pressure (granted to installed apps; the device page shows the result).
void requestPersistence();
// After the first render: the worker precaches the whole app for the next cold start offline.
startServiceWorker();
