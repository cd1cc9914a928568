/** The browser entry: mounts the app and starts uploading the outbox. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { appSyncer } from './sync/context';

// Uploads start now, and again on `online`, on becoming visible, and on a timer.
appSyncer.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
