/** A tiny path router over the History API: the app has a handful of screens, at the addresses of routes.ts. */
import { useSyncExternalStore } from 'react';
import { matchRoute, routePath, type RouteName } from './routes';

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
  | { name: 'coordinator'; page: 'dashboard' | 'devices' | 'links' | 'questionnaires' | 'campaigns' | 'report' | 'accounts' | 'audit'; campaignId?: string }
  /** A respondent's link: the questionnaire alone, no enumerator chrome. */
  | { name: 'respond'; token: string }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const at = (name: RouteName) => matchRoute(name, parts);
  let values: string[] | undefined;
  if (at('home')) return { name: 'home' };
  if ((values = at('start'))) return { name: 'start', surveyId: values[0]! };
  if ((values = at('interview'))) return { name: 'interview', id: values[0]! };
  if (at('device')) return { name: 'device' };
  if (at('coordinator')) return { name: 'coordinator', page: 'dashboard' };
  if (at('coordinatorDevices')) return { name: 'coordinator', page: 'devices' };
  if (at('coordinatorLinks')) return { name: 'coordinator', page: 'links' };
  if (at('coordinatorQuestionnaires')) return { name: 'coordinator', page: 'questionnaires' };
  if (at('coordinatorAccounts')) return { name: 'coordinator', page: 'accounts' };
  if (at('coordinatorAudit')) return { name: 'coordinator', page: 'audit' };
  if (at('coordinatorCampaigns')) return { name: 'coordinator', page: 'campaigns' };
  if ((values = at('coordinatorCampaign'))) return { name: 'coordinator', page: 'campaigns', campaignId: values[0]! };
  if ((values = at('coordinatorCampaignReport'))) return { name: 'coordinator', page: 'report', campaignId: values[0]! };
  if ((values = at('respond'))) return { name: 'respond', token: values[0]! };
  return { name: 'notFound' };
}

export const paths = {
  home: () => routePath('home'),
  start: (surveyId: string) => routePath('start', surveyId),
  interview: (id: string) => routePath('interview', id),
  device: () => routePath('device'),
  coordinator: () => routePath('coordinator'),
  coordinatorDevices: () => routePath('coordinatorDevices'),
  coordinatorLinks: () => routePath('coordinatorLinks'),
  coordinatorQuestionnaires: () => routePath('coordinatorQuestionnaires'),
  coordinatorAccounts: () => routePath('coordinatorAccounts'),
  coordinatorAudit: () => routePath('coordinatorAudit'),
  coordinatorCampaigns: () => routePath('coordinatorCampaigns'),
  /** One campaign's editor (read-only for a coordinator who is not an administrator). */
  coordinatorCampaign: (id: string) => routePath('coordinatorCampaign', id),
  /** One campaign's report. */
  coordinatorCampaignReport: (id: string) => routePath('coordinatorCampaignReport', id),
  /** Same as the contract's RESPONDENT_PAGE + token. */
  respond: (token: string) => routePath('respond', token),
};

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return parseRoute(pathname);
}
