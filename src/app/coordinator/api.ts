/**
 * The coordinators' HTTP client: session (cookie) login, dashboard, devices, enrolment codes and
 * export links, over sync's one HTTP client (timeout, typed failures), every reply checked with the
 * contract's schemas. Lives in the coordinators' chunk, with the contract.
 */
import { createContext, useContext } from 'react';
import {
  API_PATHS,
  CoordinatorDashboard,
  CoordinatorDevices,
  CoordinatorMe,
  EnrolmentCodeIssued,
  LinkCreated,
  LinkList,
  LinkRevoked,
  QuotaSnapshot as QuotaSnapshotSchema,
  type LinkCreateRequest,
  type LinkSummary,
  type CoordinatorMe as Me,
  type DeviceSummary,
  type QuotaGroup,
  type QuotaSnapshot,
  type QuotaStratum,
} from '../../contract';
import type { FetchLike } from '../../sync';
import { getJson, postJson, type ReplySchema } from '../../sync/http';

export type { CoordinatorDashboard, DeviceSummary, EnrolmentCodeIssued, LinkCreated, LinkCreateRequest, LinkSummary, QuotaGroup, QuotaSnapshot, QuotaStratum };
/** The data exports, and the scores alone (`scores-csv` with labels in Vietnamese, `scores-json`). */
export type ExportFormat = 'csv' | 'csv-vi' | 'csv-en' | 'xlsx' | 'json' | 'scores-csv' | 'scores-json';

export interface CoordinatorApi {
  me(): Promise<Me>;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  /** The current campaign's dashboard, or another campaign's by id. */
  dashboard(campaignId?: string): Promise<CoordinatorDashboard>;
  devices(): Promise<DeviceSummary[]>;
  issueEnrolmentCode(name: string): Promise<EnrolmentCodeIssued>;
  revokeDevice(id: string): Promise<void>;
  /** The current campaign's quota snapshot (its groups and strata); not_found without a campaign. */
  quota(): Promise<QuotaSnapshot>;
  /** Creates respondent links; the reply is the only time their tokens are shown. */
  createLinks(request: LinkCreateRequest): Promise<LinkCreated>;
  /** Every respondent link, newest first (never their tokens). */
  links(): Promise<LinkSummary[]>;
  revokeLink(id: string): Promise<LinkSummary>;
  /** Where to download one questionnaire's data (a plain link: the session cookie goes along). */
  exportUrl(surveyId: string, version: number, format: ExportFormat): string;
}

/** A reply whose content is not used (204, or an acknowledgement). */
const anyReply: ReplySchema<unknown> = { safeParse: (input) => ({ success: true, data: input }) };

export interface CoordinatorApiOptions {
  /** The server's address; '' (the default) for the origin the page came from. */
  baseUrl?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export function createCoordinatorApi(options: CoordinatorApiOptions = {}): CoordinatorApi {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((u, init) => globalThis.fetch(u, init));
  // The session is an HttpOnly cookie: same-origin requests carry it, nothing else can read it.
  const http = { fetch: ((u, init) => doFetch(u, { ...init, credentials: 'same-origin' })) as FetchLike, timeoutMs: options.timeoutMs };
  const url = (path: string) => base + API_PATHS.coordinator + path;
  return {
    me: () => getJson(url('/me'), CoordinatorMe, http),
    login: (username, password) => postJson(url('/login'), { username, password }, CoordinatorMe, http),
    logout: async () => void (await postJson(url('/logout'), {}, anyReply, http)),
    dashboard: (campaignId) => getJson(url(`/dashboard${campaignId ? `?campaign=${encodeURIComponent(campaignId)}` : ''}`), CoordinatorDashboard, http),
    devices: async () => (await getJson(url('/devices'), CoordinatorDevices, http)).devices,
    issueEnrolmentCode: (name) => postJson(url('/enrolment-codes'), { name }, EnrolmentCodeIssued, http),
    revokeDevice: async (id) => void (await postJson(url(`/devices/${encodeURIComponent(id)}/revoke`), {}, anyReply, http)),
    quota: () => getJson(base + API_PATHS.quota, QuotaSnapshotSchema, http),
    createLinks: (request) => postJson(base + API_PATHS.coordinatorLinks, request, LinkCreated, http),
    links: async () => (await getJson(base + API_PATHS.coordinatorLinks, LinkList, http)).links,
    revokeLink: async (id) => (await postJson(`${base}${API_PATHS.coordinatorLinks}/${encodeURIComponent(id)}/revoke`, {}, LinkRevoked, http)).link,
    exportUrl(surveyId, version, format) {
      const extension = format.endsWith('json') ? 'json' : format === 'xlsx' ? 'xlsx' : 'csv';
      const labels = format === 'csv-vi' ? '?labels=vi' : format === 'csv-en' ? '?labels=en' : '';
      const scores = format.startsWith('scores-') ? '.scores' : '';
      return url(`/exports/${encodeURIComponent(surveyId)}/${version}${scores}.${extension}${labels}`);
    },
  };
}

/** The client the pages use; tests provide one talking to their own server or fetch. */
export const CoordinatorApiContext = createContext<CoordinatorApi>(createCoordinatorApi());

export const useCoordinatorApi = (): CoordinatorApi => useContext(CoordinatorApiContext);
