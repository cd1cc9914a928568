/** A tiny path router over the History API: the app has a handful of screens. */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

export type Route =
  | { name: 'home' }
  | { name: 'start'; surveyId: string }
  | { name: 'interview'; id: string }
  | { name: 'device' }
  | { name: 'coordinator'; page: 'dashboard' | 'devices' | 'links' }
  /** A respondent's link: the questionnaire alone, no enumerator chrome. */
  | { name: 'respond'; token: string }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'start' && parts[1] && parts.length === 2) return { name: 'start', surveyId: parts[1] };
  if (parts[0] === 'interview' && parts[1] && parts.length === 2) return { name: 'interview', id: parts[1] };
  if (parts[0] === 'device' && parts.length === 1) return { name: 'device' };
  if (parts[0] === 'coordinator' && parts.length === 1) return { name: 'coordinator', page: 'dashboard' };
  if (parts[0] === 'coordinator' && parts[1] === 'devices' && parts.length === 2) return { name: 'coordinator', page: 'devices' };
  if (parts[0] === 'coordinator' && parts[1] === 'links' && parts.length === 2) return { name: 'coordinator', page: 'links' };
  if (parts[0] === 'r' && parts[1] && parts.length === 2) return { name: 'respond', token: parts[1] };
  return { name: 'notFound' };
}

export const paths = {
  home: () => '/',
  start: (surveyId: string) => `/start/${encodeURIComponent(surveyId)}`,
  interview: (id: string) => `/interview/${encodeURIComponent(id)}`,
  device: () => '/device',
  coordinator: () => '/coordinator',
  coordinatorDevices: () => '/coordinator/devices',
  coordinatorLinks: () => '/coordinator/links',
  /** Same as the contract's RESPONDENT_PAGE + token. */
  respond: (token: string) => `/r/${encodeURIComponent(token)}`,
};

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return parseRoute(pathname);
}
