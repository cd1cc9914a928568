/**
 * The app's addresses, segment by segment (`:name` stands for a parameter). The router reads and
 * builds them (router.ts); the build's preload script matches them before the app runs
 * (build/route-preload.ts), so both always agree. Plain data and functions: no React, no browser.
 */
export const ROUTES = {
  home: [],
  start: ['start', ':surveyId'],
  interview: ['interview', ':id'],
  device: ['device'],
  coordinator: ['coordinator'],
  coordinatorDevices: ['coordinator', 'devices'],
  coordinatorLinks: ['coordinator', 'links'],
  coordinatorQuestionnaires: ['coordinator', 'questionnaires'],
  /** Administrators only: accounts and the audit trail. */
  coordinatorAccounts: ['coordinator', 'accounts'],
  coordinatorAudit: ['coordinator', 'audit'],
  coordinatorCampaigns: ['coordinator', 'campaigns'],
  coordinatorCampaign: ['coordinator', 'campaigns', ':id'],
  /** One campaign's report (scores, targets, comparison; its Word document). */
  coordinatorCampaignReport: ['coordinator', 'campaigns', ':id', 'report'],
  /** A respondent's link: the contract's RESPONDENT_PAGE + token. */
  respond: ['r', ':token'],
} as const satisfies Record<string, readonly string[]>;

export type RouteName = keyof typeof ROUTES;

const isParameter = (segment: string) => segment.startsWith(':');

/** The parameters of route `name` in a path's decoded segments, in order; undefined when the path is not that route. */
export function matchRoute(name: RouteName, parts: readonly string[]): string[] | undefined {
  const segments: readonly string[] = ROUTES[name];
  if (parts.length !== segments.length) return undefined;
  const values: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if (isParameter(segment)) values.push(part);
    else if (part !== segment) return undefined;
  }
  return values;
}

/** The path of route `name` with its parameters, in order, encoded. */
export function routePath(name: RouteName, ...values: string[]): string {
  let next = 0;
  return '/' + ROUTES[name].map((segment: string) => (isParameter(segment) ? encodeURIComponent(values[next++] ?? '') : segment)).join('/');
}

/** A regular expression (its source) that location.pathname of any of these routes matches. */
export function routePattern(...names: RouteName[]): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const one = (name: RouteName) => ROUTES[name].map((segment: string) => '/' + (isParameter(segment) ? '[^/]+' : escape(segment))).join('') || '/';
  return names.length === 1 ? `^${one(names[0]!)}$` : `^(?:${names.map(one).join('|')})$`;
}
