/**
 * Respondent links: a respondent fills a questionnaire from a link, with no account and no install.
 * Coordinators create links for a campaign's respondent group and stratum; the link's token is the
 * only credential. Schemas in zod/mini, like the rest of the contract.
 *
 * TOKENS
 *   26 characters of Crockford's base32 (130 random bits), lower case when issued, e.g.
 *   `k7qm2xpa9dh4ex0v3b8n6c1rtw`. The server stores only a hash of the normalised token: it is
 *   shown once, in the reply that creates it, and can never be shown again (a lost sheet means a
 *   new link). Normalising (as for enrolment codes): upper case, `-` and spaces dropped, O → 0,
 *   I and L → 1; so a token typed from paper in any case still works. A string that cannot be a
 *   token is answered exactly like an unknown one (404 link_unknown).
 *   The respondent's page is `${RESPONDENT_PAGE}<token>` (`/r/<token>`): the server answers it with
 *   the app's index.html; the creation reply gives this path, the browser prefixes its own origin.
 *   Tokens never appear in the server's logs (paths under /r/ and /api/links/ are redacted).
 *
 * LINK KINDS
 *   single: one respondent; maxUses = 1. The first stored interview consumes it.
 *   shared: one link for many respondents, limited to maxUses stored interviews.
 *   A link is consumed in the same database transaction that stores the interview, so a link
 *   never stores more than maxUses interviews, however many arrive at once.
 *
 * LINK STATES (LinkState, what coordinators see; the first that applies)
 *   revoked      a coordinator revoked it (revokedAt set): every public route refuses it.
 *   completed    single link whose interview is stored (uses = maxUses = 1).
 *   exhausted    shared link with uses = maxUses.
 *   in_progress  a respondent started answering (startedAt set), or a shared link has stored
 *                some interviews (0 < uses < maxUses) and still takes more.
 *   opened       someone opened the link (openedAt set), nobody started yet.
 *   unopened     nobody opened it yet.
 *   `inProgress` counts interviews started through the link and not stored (an abandoned one stays
 *   counted: the server cannot know it was abandoned).
 *
 * QUOTAS
 *   A link interview counts towards its campaign's quota like any other, in the transaction that
 *   stores it, and is marked self-administered (mode "self" in exports and in the API). Policy
 *   "stop" works as on the enumerators' devices: a NEW interview cannot start in a full stratum
 *   (409 quota_full from POST …/started, and from POST …/submissions for an interview that was never
 *   started); an interview the server let start is always accepted, even over quota. Policy
 *   "continue" never refuses.
 *   The database enforces this under concurrency, across server processes too: new interviews
 *   and starts for one stratum are decided one after the other on its counter, so however many
 *   new interviews arrive at once, exactly as many are stored as the stratum has places left.
 *   Starting reserves no place (abandoned starts, common with links, would otherwise hold a
 *   stratum shut): a start is admitted while accepted < target, so starts that overlap may
 *   together outnumber the places left, and each of those interviews is accepted when it arrives.
 *   Device uploads are never refused.
 *
 * HOW A CLIENT TELLS FINAL FROM TRANSIENT
 *   2xx: done. 429 rate_limited (with Retry-After), 5xx, 408 and network failures: transient, retry
 *   later with the same body (resending an interview is safe: see `duplicate`). Every other 4xx is
 *   final: retrying the same request will never succeed; keep the answers on the device and show the
 *   refusal's code. Every refusal is `{error: {code, message, details?, errors?}}` (LinkRefusal).
 *
 * PUBLIC ROUTES (no account; the token is the credential; rate limited per client address, 429
 * rate_limited with Retry-After when over the limit)
 *
 *   GET  /api/links/:token → 200 LinkInfo
 *     The link's questionnaire (id, version, title), campaign (with its organiser and purpose when
 *     the campaign file gives them), group and stratum (with labels),
 *     its state, what it still takes, and whether a new interview may start (quota). Records the
 *     first opening (openedAt). Refusals: 404 link_unknown, 410 link_revoked, 410 link_used (single
 *     link already completed), 410 link_exhausted (shared link full), 422 unknown_version (the
 *     server no longer has the link's questionnaire version).
 *     A respondent who completed the link and reopens it gets 410 link_used: the page should show
 *     its own stored or queued interview first when it has one.
 *
 *   POST /api/links/:token/started  LinkStartRequest {interviewId} → 200 LinkStarted
 *     The respondent began answering interview `interviewId` (the client-made UUID the interview
 *     will be submitted with). Idempotent per interview: repeating it changes nothing and answers
 *     200 with the first startedAt. Refusals: 404 link_unknown, 410 link_revoked, 410 link_used,
 *     410 link_exhausted, 409 quota_full (policy stop, the stratum is full, and this interview had
 *     not started before), 400 invalid_request.
 *     (An interview already stored through this link answers 200 too.)
 *
 *   POST /api/links/:token/submissions  LinkSubmission (one completed interview, the shape of a
 *   device's Submission; respondentGroup and stratum must be the link's), with the header
 *   `Interview-Id: <the interview's id>` →
 *     The link is checked before the body is read: an unknown token (404) or a closed link (410)
 *     is refused at once, unless the link already stored the interview the header names. The
 *     body may be at most twice the largest interview the server's questionnaires allow (413).
 *     201 LinkSubmitAck {status: 'stored'}: stored now; the link consumed one use in the same
 *       transaction.
 *     200 LinkSubmitAck {status: 'duplicate'}: this interview (same id, same content) was already
 *       stored through this link, e.g. the reply was lost: nothing changed. Acknowledged even when
 *       the link is now used, exhausted or revoked (when the request names it in Interview-Id).
 *     Refusals (nothing stored, the link unchanged):
 *       404 link_unknown
 *       410 link_revoked, link_used (a different interview already used this single link),
 *           link_exhausted
 *       409 conflict (an interview with this id is stored with different content, or through
 *           something else than this link)
 *       409 quota_full (policy stop, stratum full, the interview never started through the link)
 *       422 link_mismatch (surveyId, surveyVersion, respondentGroup or stratum differ from the link)
 *       422 unknown_survey, unknown_version, unknown_group, unknown_stratum (the questionnaire left
 *           the server since the link was made)
 *       422 invalid_answers (the engine's errors per question in `errors`, as for devices)
 *       400 invalid_json, invalid_request (details name the path); 413 body_too_large;
 *       415 unsupported_media_type
 *
 * COORDINATOR ROUTES (session cookie as for every /api/coordinator route: 401 unauthorized without
 * one, 403 forbidden with a device token instead)
 *
 *   POST /api/coordinator/links  LinkCreateRequest → 201 LinkCreated
 *     campaign (default: the current campaign), group, stratum (required when the group's
 *     questionnaire has strata, refused otherwise; a value of the group's stratum list or one the
 *     campaign plans for the group, which the list may lack), kind: single with count 1..500 links (default
 *     1), or shared with maxUses 1..10000 (one link); optional label (≤ 200 characters, e.g. a
 *     name or an office). The reply carries each link with its token and page path, ONCE
 *     (`tokensShownOnce: true`): only hashes are stored. Refusals: 400 invalid_request (details
 *     name the field), 404 not_found (no such campaign / no campaign on the server), 422
 *     unknown_group (the campaign has no such group), 422 unknown_stratum, 422 unknown_version
 *     (the group's questionnaire version is not on the server).
 *
 *   GET  /api/coordinator/links?campaign=<id>&group=<id> → 200 LinkList
 *     Every link (newest first), optionally of one campaign and/or group, with its state, uses,
 *     times and labels; never a token.
 *
 *   POST /api/coordinator/links/:id/revoke → 200 {link: LinkSummary}
 *     Revokes at once (idempotent: revoking again keeps the first revokedAt). Interviews already
 *     stored stay stored; an interview queued on a respondent's device is then refused with
 *     link_revoked. 404 not_found for an unknown id.
 */
import * as z from 'zod/mini';
import { API_ERROR_CODES } from './errors';
import { Submission } from './schemas';

const Timestamp = z.iso.datetime({ offset: true });
const Count = z.int().check(z.minimum(0));
const Text = z.object({ vi: z.string(), en: z.string() });
const Id = z.string().check(z.minLength(1), z.maxLength(100));

/** Links a coordinator may create at once (single-use links). */
export const MAX_LINKS_PER_REQUEST = 500;
/** The largest number of completions of a shared link. */
export const MAX_SHARED_USES = 10_000;
/** Characters of a link token. */
export const LINK_TOKEN_LENGTH = 26;

/**
 * The header a link submission names its interview's id in (lower case: Node gives headers so).
 * The server checks a link before reading the body: a closed link reads only the body of the
 * interview it already stored under this id (a resend whose reply was lost); any other body is
 * refused unread.
 */
export const LINK_INTERVIEW_HEADER = 'interview-id';

export const LinkKind = z.enum(['single', 'shared']);
export type LinkKind = z.infer<typeof LinkKind>;

export const LinkState = z.enum(['unopened', 'opened', 'in_progress', 'completed', 'exhausted', 'revoked']);
export type LinkState = z.infer<typeof LinkState>;

// ---- coordinator ---------------------------------------------------------------------------

/** POST /api/coordinator/links */
export const LinkCreateRequest = z.object({
  /** The campaign; default the current one. */
  campaign: z.optional(Id),
  /** A respondent group of the campaign. */
  group: Id,
  /** A value of the group's stratum list, or a stratum the campaign plans for it; required exactly when the group has strata. */
  stratum: z.optional(Id),
  kind: LinkKind,
  /** single only: how many links (one per respondent), default 1. */
  count: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_LINKS_PER_REQUEST))),
  /** shared only, required: how many interviews the link may store. */
  maxUses: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_SHARED_USES))),
  /** Shown to coordinators (and on printed sheets), e.g. an office or a person. */
  label: z.optional(z.string().check(z.maxLength(200))),
});
export type LinkCreateRequest = z.infer<typeof LinkCreateRequest>;

/** A link as coordinators see it (never its token). */
export const LinkSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  survey: z.object({ id: z.string(), version: z.int() }),
  group: z.object({ id: z.string(), label: Text }),
  /** null for a group without strata. */
  stratum: z.nullable(z.object({ value: z.string(), label: Text })),
  kind: LinkKind,
  label: z.nullable(z.string()),
  state: LinkState,
  /** Interviews stored through the link. */
  uses: Count,
  /** 1 for a single link. */
  maxUses: z.int().check(z.minimum(1)),
  /** Interviews started through the link and not stored (yet). */
  inProgress: Count,
  createdAt: Timestamp,
  /** First opening of the link. */
  openedAt: z.nullable(Timestamp),
  /** First interview started through it. */
  startedAt: z.nullable(Timestamp),
  /** Last interview stored through it. */
  lastUsedAt: z.nullable(Timestamp),
  revokedAt: z.nullable(Timestamp),
});
export type LinkSummary = z.infer<typeof LinkSummary>;

/** One created link, with its token: the only time the token is ever shown. */
export const IssuedLink = z.object({
  link: LinkSummary,
  token: z.string().check(z.length(LINK_TOKEN_LENGTH)),
  /** The respondent's page, `/r/<token>`: prefix the server's origin for the full URL. */
  path: z.string(),
});
export type IssuedLink = z.infer<typeof IssuedLink>;

/** 201 reply of POST /api/coordinator/links. */
export const LinkCreated = z.object({
  links: z.array(IssuedLink),
  /** Always true: tokens are stored hashed; print, copy or download them now. */
  tokensShownOnce: z.literal(true),
  /** Says the same in both languages, for showing beside the links. */
  notice: Text,
});
export type LinkCreated = z.infer<typeof LinkCreated>;

/** GET /api/coordinator/links */
export const LinkList = z.object({ links: z.array(LinkSummary) });
export type LinkList = z.infer<typeof LinkList>;

/** POST /api/coordinator/links/:id/revoke */
export const LinkRevoked = z.object({ link: LinkSummary });
export type LinkRevoked = z.infer<typeof LinkRevoked>;

// ---- public (respondent) -------------------------------------------------------------------

/** 200 reply of GET /api/links/:token: what the respondent's page needs to start. */
export const LinkInfo = z.object({
  kind: LinkKind,
  /** Only states in which the link takes an interview: the others are refusals. */
  state: z.enum(['opened', 'in_progress']),
  /** Fetch it from GET /api/definitions/:id/:version. */
  survey: z.object({ id: z.string(), version: z.int(), title: Text }),
  /**
   * organiser (who runs the survey) and purpose (what the answers are for), for the respondent's
   * welcome: present when the campaign file gives them (servers before them never send them).
   */
  campaign: z.object({
    id: z.string(),
    title: Text,
    start: z.string(),
    end: z.string(),
    organiser: z.optional(Text),
    purpose: z.optional(Text),
    /** Results resting on fewer respondents than this are never shown (the welcome states it). */
    minCell: z.optional(z.int()),
  }),
  /** Set the interview's respondentGroup to group.id. */
  group: z.object({ id: z.string(), label: Text }),
  /** Set the interview's stratum to stratum.value (leave it out when null). */
  stratum: z.nullable(z.object({ value: z.string(), label: Text })),
  /**
   * What the link's campaign plans for its group, present when the questionnaire has a matrix
   * rating the campaign's strata (its rows): the version the campaign surveys the group with and
   * its planned strata, in order, with their labels.
   */
  plan: z.optional(z.object({ version: z.int(), strata: z.array(z.object({ value: z.string(), label: Text })) })),
  /** Interviews the link still takes (1 for an unused single link). */
  remaining: Count,
  quota: z.object({
    policy: z.enum(['stop', 'continue']),
    /** The stratum's target (the group's without strata); 0 for a stratum the campaign does not plan. */
    target: Count,
    accepted: Count,
    full: z.boolean(),
  }),
  /**
   * False when a new interview would be refused (policy stop and full): show that instead of the
   * questionnaire, unless this device already started an interview through the link (its
   * POST …/started is accepted).
   */
  startAllowed: z.boolean(),
  serverTime: Timestamp,
});
export type LinkInfo = z.infer<typeof LinkInfo>;

/** POST /api/links/:token/started */
export const LinkStartRequest = z.object({ interviewId: z.uuid() });
export type LinkStartRequest = z.infer<typeof LinkStartRequest>;

export const LinkStarted = z.object({ interviewId: z.string(), startedAt: Timestamp });
export type LinkStarted = z.infer<typeof LinkStarted>;

/** POST /api/links/:token/submissions: one completed interview, as a device sends it. */
export const LinkSubmission = Submission;
export type LinkSubmission = z.infer<typeof LinkSubmission>;

/** 201 (stored) or 200 (duplicate) reply of POST /api/links/:token/submissions. */
export const LinkSubmitAck = z.object({
  id: z.string(),
  status: z.enum(['stored', 'duplicate']),
  /** When the server stored the interview (the first time, for a duplicate). */
  receivedAt: Timestamp,
});
export type LinkSubmitAck = z.infer<typeof LinkSubmitAck>;

const ItemError = z.object({ code: z.string(), message: Text });

/** Every refusal of the link routes: the usual error body, plus the engine's errors for invalid_answers. */
export const LinkRefusal = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    /** invalid_answers: question id → the engine's code and message. */
    errors: z.optional(z.record(z.string(), ItemError)),
  }),
});
export type LinkRefusal = z.infer<typeof LinkRefusal>;

/** Refusals after which the same request will never succeed: stop retrying, keep the answers. */
export const FINAL_LINK_CODES = [
  'link_unknown',
  'link_revoked',
  'link_used',
  'link_exhausted',
  'link_mismatch',
  'quota_full',
  'conflict',
  'unknown_survey',
  'unknown_version',
  'unknown_group',
  'unknown_stratum',
  'invalid_answers',
  'invalid_json',
  'invalid_request',
  'body_too_large',
  'unsupported_media_type',
] as const satisfies readonly (typeof API_ERROR_CODES)[number][];

/** True for an HTTP status after which a link request is worth sending again later. */
export const isTransientLinkStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
