/**
 * The coordinators' HTTP client: session (cookie) login, dashboard, devices, enrolment codes,
 * export links, questionnaires and campaigns, over sync's one HTTP client (timeout, typed failures), every
 * reply checked with the contract's schemas; a questionnaire file goes up as its bytes
 * (`sendRaw`); for administrators, accounts and the audit trail. Lives in the coordinators' chunk,
 * with the contract.
 */
import { createContext, useContext } from 'react';
import {
  AccountIssued,
  AccountList,
  AuditPage,
  API_PATHS,
  CampaignCheck,
  CampaignDetail,
  CampaignList,
  CampaignReport,
  StrataImport,
  type CampaignCopyRequest,
  CoordinatorDashboard,
  CoordinatorDevices,
  CoordinatorMe,
  EnrolmentCodeIssued,
  LinkCreated,
  LinkList,
  LinkRevoked,
  QuotaSnapshot as QuotaSnapshotSchema,
  ErrorDetailSchema,
  QuestionnaireDraftCreated,
  QuestionnaireDraftDetail,
  QuestionnaireList,
  QuestionnairePublished,
  type PublishedVersion,
  type QuestionnaireDraftSummary,
  type UploadWarning,
  type LinkCreateRequest,
  type LinkSummary,
  type CoordinatorMe as Me,
  type DeviceSummary,
  type QuotaGroup,
  type QuotaSnapshot,
  type QuotaStratum,
  type Account,
  type AccountCreate,
  type AuditAction,
  type AuditChange,
  type AuditEntry,
  type Role,
} from '../../contract';
import { ApiFailure, type FetchLike } from '../../sync';
import { getJson, postJson, putJson, sendRaw, type ReplySchema } from '../../sync/http';
import type { ListItem, RespondentGroup, Text } from '../../survey';

export type { CoordinatorDashboard, DeviceSummary, EnrolmentCodeIssued, LinkCreated, LinkCreateRequest, LinkSummary, QuotaGroup, QuotaSnapshot, QuotaStratum };
export type { PublishedVersion, QuestionnaireDraftDetail, QuestionnaireDraftSummary, QuestionnaireList, UploadWarning };
export type { Account, AccountCreate, AccountIssued, AuditAction, AuditChange, AuditEntry, AuditPage, Role };
export type { CampaignCheck, CampaignCopyRequest, CampaignDetail, CampaignList, CampaignReport, Me, StrataImport };

/** Which earlier campaign a report compares with: one's id, 'none', or undefined for the server's choice. */
export type CompareWith = string | undefined;

/** What the campaign editor reads of a published questionnaire: its respondent groups and its lists (strata, parents). */
export interface QuestionnaireLists {
  id: string;
  version: number;
  title: Text;
  respondentGroups: RespondentGroup[];
  lists: Record<string, ListItem[]>;
  /** The scored components (score targets name them); empty without scoring. */
  components: { id: string; label: Text }[];
  /** Its matrices whose rows are the campaign's strata (`"rowsFrom": {"strata": true}`), in order. */
  strataMatrices: { id: string; label: Text }[];
}

/** Which group of which questionnaire a strata file is checked against. */
export interface StrataTarget {
  questionnaire: string;
  version: number;
  group: string;
}
/**
 * The data exports; the SPSS and Stata files that read the codes CSV (labels in Vietnamese, or in
 * English: `-en`); and the scores alone (`scores-csv` with labels in Vietnamese, `scores-json`).
 */
export type ExportFormat = 'csv' | 'csv-vi' | 'csv-en' | 'xlsx' | 'json' | 'sps' | 'sps-en' | 'do' | 'do-en' | 'scores-csv' | 'scores-json';

/** Each format's file after `<version>`, and its query. */
const EXPORT_FILES: Record<ExportFormat, readonly [file: string, query: string]> = {
  csv: ['.csv', ''],
  'csv-vi': ['.csv', '?labels=vi'],
  'csv-en': ['.csv', '?labels=en'],
  xlsx: ['.xlsx', ''],
  json: ['.json', ''],
  sps: ['.sps', ''],
  'sps-en': ['.sps', '?labels=en'],
  do: ['.do', ''],
  'do-en': ['.do', '?labels=en'],
  'scores-csv': ['.scores.csv', ''],
  'scores-json': ['.scores.json', ''],
};

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
  /** The published questionnaire versions and the drafts waiting to be published. */
  questionnaires(): Promise<QuestionnaireList>;
  /**
   * Uploads a questionnaire file (XLSForm .xlsx / .xls, or the app's JSON) as a new draft. A file
   * that is not a valid questionnaire is refused (ApiFailure `invalid_definition`, nothing saved):
   * `locatedProblems` reads where each problem is.
   */
  uploadQuestionnaire(file: File): Promise<QuestionnaireDraftSummary>;
  /** A draft with its definition, for the preview. */
  questionnaireDraft(draftId: string): Promise<QuestionnaireDraftDetail>;
  deleteQuestionnaireDraft(draftId: string): Promise<void>;
  /** Publishes a draft; the version published may be a later one if another took the draft's meanwhile. */
  publishQuestionnaireDraft(draftId: string): Promise<PublishedVersion>;
  /** No new interviews on this version; interviews already begun on it are still accepted. */
  retireQuestionnaire(id: string, version: number): Promise<PublishedVersion>;
  reinstateQuestionnaire(id: string, version: number): Promise<PublishedVersion>;
  /** Where to download a published version as an XLSForm (a plain link: the session cookie goes along). */
  questionnaireXlsformUrl(id: string, version: number): string;
  /** Every campaign with its totals, and the interviews no campaign counts. */
  campaigns(): Promise<CampaignList>;
  /** One campaign as stored (the file format), its revision, counts so far and problems. */
  campaign(id: string): Promise<CampaignDetail>;
  /** The editor's live check: the campaign's problems located by path, whatever they are (never refused). */
  checkCampaign(campaign: unknown, replacing?: string): Promise<CampaignCheck>;
  /**
   * Saves an edit made from `revision` (administrators only): ApiFailure `conflict` when someone
   * saved since, `invalid_campaign` with every problem located (`locatedProblems`).
   */
  saveCampaign(id: string, campaign: unknown, revision: number): Promise<CampaignDetail>;
  /** A new campaign from `id`'s groups, strata and targets (administrators only); `conflict` when the new id is taken. */
  copyCampaign(id: string, request: CampaignCopyRequest): Promise<CampaignDetail>;
  /**
   * The strata of a spreadsheet or CSV (value, label, parent, target), checked against a group's
   * lists; a refused file is ApiFailure `invalid_campaign` with each problem's sheet, row and column.
   */
  importStrata(file: File, against?: StrataTarget): Promise<StrataImport>;
  /** A published questionnaire version's respondent groups and lists. */
  questionnaireLists(id: string, version: number): Promise<QuestionnaireLists>;
  /**
   * A campaign's report: scores per questionnaire, targets, and the comparison with `compare` (an
   * earlier campaign's id, 'none', or absent for the server's choice).
   */
  report(campaignId: string, compare?: CompareWith): Promise<CampaignReport>;
  /** Where to download the same report as a Word document in `lang` (a plain link: the session cookie goes along). */
  reportDocxUrl(campaignId: string, lang: 'vi' | 'en', compare?: CompareWith): string;
  /** Administrators only (else 403 forbidden): every account, the oldest first. */
  accounts(): Promise<Account[]>;
  /** A new account; without a password the server generates one, returned this once (`password`). */
  createAccount(request: AccountCreate): Promise<AccountIssued>;
  /** A new password (the server's when none is given, returned this once); the account's sessions end. */
  resetAccountPassword(id: string, password?: string): Promise<AccountIssued>;
  /** Disables (its sessions end) or enables an account; 409 conflict for one's own or the last administrator. */
  setAccountDisabled(id: string, disabled: boolean): Promise<Account>;
  /** 409 conflict when it would leave no enabled administrator. */
  setAccountRole(id: string, role: Role): Promise<Account>;
  /** One page of the audit trail, newest first; `before` (the previous page's `next`) for the older ones. */
  audit(filter: AuditFilter, before?: number): Promise<AuditPage>;
  /** Where to download every entry matching `filter` as CSV (a plain link: the session cookie goes along). */
  auditCsvUrl(filter: AuditFilter): string;
}

/**
 * The reply of disabling, enabling or changing the role of an account, `{account}`: the shape of
 * AccountIssued without its password (the contract names no schema of its own for it).
 */
const AccountChanged = AccountIssued;

/**
 * The audit trail's filters as the server reads them: an action or its first part
 * (`campaign`), an actor's exact name, and the first and last instant (inclusive: a day
 * YYYY-MM-DD counts in UTC, a timestamp as it is). An empty or absent value filters nothing.
 */
export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The query string of `filter` (and the paging's `before`), its values in a fixed order, the empty ones left out. */
export function auditQuery(filter: AuditFilter, before?: number): string {
  const query = new URLSearchParams();
  for (const name of ['action', 'actor', 'from', 'to'] as const) {
    const value = filter[name];
    if (value !== undefined && value !== '') query.set(name, value);
  }
  if (before !== undefined) query.set('before', String(before));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The query string of a report's address: its language (the Word file's), then the campaign compared with. */
export function reportQuery(options: { lang?: 'vi' | 'en'; compare?: CompareWith }): string {
  const query = new URLSearchParams();
  if (options.lang !== undefined) query.set('lang', options.lang);
  if (options.compare !== undefined && options.compare !== '') query.set('compare', options.compare);
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** An upload of up to 10 MB over a slow connection takes longer than a JSON request. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** One problem of a refused questionnaire file, as the contract's ErrorDetailSchema reads it. */
export type LocatedProblem = ReturnType<typeof ErrorDetailSchema.parse>;

/**
 * Where each problem of a refused questionnaire file is (sheet, row, column, or the JSON path) and
 * what it is, in English (`message`) and Vietnamese (`messageVi`); empty for any other failure.
 * `code`: the refusal that carries them (a campaign's or a strata file's: `invalid_campaign`).
 */
export function locatedProblems(e: unknown, code: 'invalid_definition' | 'invalid_campaign' = 'invalid_definition'): LocatedProblem[] {
  if (!(e instanceof ApiFailure) || e.code !== code) return [];
  return e.details.map((d) => {
    const parsed = ErrorDetailSchema.safeParse(d);
    return parsed.success ? parsed.data : { path: d.path, message: d.message };
  });
}

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).vi === 'string' && typeof (v as Text).en === 'string';
const isListItem = (v: unknown): v is ListItem => typeof v === 'object' && v !== null && typeof (v as ListItem).value === 'string' && isText((v as ListItem).label);

/** A questionnaire's JSON, read for its respondent groups and lists only (the server checked the rest when it was published). */
function questionnaireListsSchema(id: string, version: number): ReplySchema<QuestionnaireLists> {
  return {
    safeParse(input) {
      if (typeof input !== 'object' || input === null) return { success: false };
      const d = input as Record<string, unknown>;
      const groups = d['respondentGroups'];
      const lists = d['lists'] ?? {};
      if (d['id'] !== id || d['version'] !== version || !isText(d['title']) || !Array.isArray(groups) || typeof lists !== 'object' || lists === null) return { success: false };
      const respondentGroups: RespondentGroup[] = [];
      for (const g of groups as unknown[]) {
        const r = g as Record<string, unknown> | null;
        if (!r || typeof r['id'] !== 'string' || !isText(r['label'])) return { success: false };
        respondentGroups.push({ id: r['id'], label: r['label'], ...(typeof r['stratumList'] === 'string' ? { stratumList: r['stratumList'] } : {}) });
      }
      const out: Record<string, ListItem[]> = {};
      for (const [name, items] of Object.entries(lists)) {
        if (!Array.isArray(items) || !items.every(isListItem)) return { success: false };
        out[name] = items.map((i) => ({ value: i.value, label: i.label }));
      }
      const scored = (d['scoring'] as { components?: unknown } | undefined)?.components;
      const components = Array.isArray(scored)
        ? (scored as unknown[]).flatMap((c) => {
            const r = c as Record<string, unknown> | null;
            return r && typeof r['id'] === 'string' && isText(r['label']) ? [{ id: r['id'], label: r['label'] }] : [];
          })
        : [];
      const sections = Array.isArray(d['sections']) ? (d['sections'] as unknown[]) : [];
      const strataMatrices = sections.flatMap((s) => {
        const questions = (s as { questions?: unknown } | null)?.questions;
        return (Array.isArray(questions) ? (questions as unknown[]) : []).flatMap((q) => {
          const r = q as Record<string, unknown> | null;
          const rowsFrom = r?.['rowsFrom'];
          return r && r['type'] === 'matrix' && typeof rowsFrom === 'object' && rowsFrom !== null && typeof r['id'] === 'string' && isText(r['label']) ? [{ id: r['id'], label: r['label'] }] : [];
        });
      });
      return { success: true, data: { id, version, title: d['title'], respondentGroups, lists: out, components, strataMatrices } };
    },
  };
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
  const questionnaireUrl = (path: string) => base + API_PATHS.coordinatorQuestionnaires + path;
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
      const [file, query] = EXPORT_FILES[format];
      return url(`/exports/${encodeURIComponent(surveyId)}/${version}${file}${query}`);
    },
    questionnaires: () => getJson(questionnaireUrl(''), QuestionnaireList, http),
    uploadQuestionnaire: (file) =>
      sendRaw('POST', questionnaireUrl(''), file, QuestionnaireDraftCreated, {
        fetch: http.fetch,
        // The name is percent-encoded: a header carries ASCII only, and names are often Vietnamese.
        headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
        timeoutMs: options.timeoutMs ?? UPLOAD_TIMEOUT_MS,
      }),
    questionnaireDraft: (draftId) => getJson(questionnaireUrl(`/drafts/${encodeURIComponent(draftId)}`), QuestionnaireDraftDetail, http),
    deleteQuestionnaireDraft: async (draftId) =>
      void (await sendRaw('DELETE', questionnaireUrl(`/drafts/${encodeURIComponent(draftId)}`), undefined, anyReply, http)),
    publishQuestionnaireDraft: async (draftId) =>
      (await postJson(questionnaireUrl(`/drafts/${encodeURIComponent(draftId)}/publish`), {}, QuestionnairePublished, http)).questionnaire,
    retireQuestionnaire: async (id, version) => (await postJson(questionnaireUrl(`/${encodeURIComponent(id)}/${version}/retire`), {}, QuestionnairePublished, http)).questionnaire,
    reinstateQuestionnaire: async (id, version) =>
      (await postJson(questionnaireUrl(`/${encodeURIComponent(id)}/${version}/reinstate`), {}, QuestionnairePublished, http)).questionnaire,
    questionnaireXlsformUrl: (id, version) => questionnaireUrl(`/${encodeURIComponent(id)}/${version}.xlsx`),
    accounts: async () => (await getJson(url('/accounts'), AccountList, http)).accounts,
    createAccount: (request) => postJson(url('/accounts'), request, AccountIssued, http),
    resetAccountPassword: (id, password) =>
      postJson(url(`/accounts/${encodeURIComponent(id)}/password`), password === undefined ? {} : { password }, AccountIssued, http),
    setAccountDisabled: async (id, disabled) =>
      (await postJson(url(`/accounts/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`), {}, AccountChanged, http)).account,
    setAccountRole: async (id, role) => (await postJson(url(`/accounts/${encodeURIComponent(id)}/role`), { role }, AccountChanged, http)).account,
    audit: (filter, before) => getJson(url(`/audit${auditQuery(filter, before)}`), AuditPage, http),
    auditCsvUrl: (filter) => url(`/audit.csv${auditQuery(filter)}`),
    campaigns: () => getJson(url('/campaigns'), CampaignList, http),
    campaign: (id) => getJson(url(`/campaigns/${encodeURIComponent(id)}`), CampaignDetail, http),
    checkCampaign: (campaign, replacing) =>
      postJson(url(`/campaigns/check${replacing !== undefined ? `?replacing=${encodeURIComponent(replacing)}` : ''}`), campaign, CampaignCheck, http),
    saveCampaign: (id, campaign, revision) => putJson(url(`/campaigns/${encodeURIComponent(id)}`), { campaign, revision }, CampaignDetail, http),
    copyCampaign: (id, request) => postJson(url(`/campaigns/${encodeURIComponent(id)}/copy`), request, CampaignDetail, http),
    importStrata(file, against) {
      const query = against
        ? `?${new URLSearchParams({ questionnaire: against.questionnaire, version: String(against.version), group: against.group }).toString()}`
        : '';
      return sendRaw('POST', url(`/campaigns/strata${query}`), file, StrataImport, {
        fetch: http.fetch,
        headers: { 'content-type': file.type || 'application/octet-stream' },
        timeoutMs: options.timeoutMs ?? UPLOAD_TIMEOUT_MS,
      });
    },
    report: (campaignId, compare) => getJson(url(`/campaigns/${encodeURIComponent(campaignId)}/report${reportQuery({ compare })}`), CampaignReport, http),
    reportDocxUrl: (campaignId, lang, compare) => url(`/campaigns/${encodeURIComponent(campaignId)}/report.docx${reportQuery({ lang, compare })}`),
    questionnaireLists: (id, version) =>
      getJson(`${base}${API_PATHS.definitions}/${encodeURIComponent(id)}/${version}`, questionnaireListsSchema(id, version), http),
  };
}

/** The client the pages use; tests provide one talking to their own server or fetch. */
export const CoordinatorApiContext = createContext<CoordinatorApi>(createCoordinatorApi());

export const useCoordinatorApi = (): CoordinatorApi => useContext(CoordinatorApiContext);
