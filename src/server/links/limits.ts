/** The respondent-link routes' rate limit settings (apart from the plugin, so the CLI's config does not load it). */
export interface LinkRateLimit {
  /** Requests per client address and window, over GET, …/started and …/submissions together. */
  max: number;
  windowMs: number;
}

/**
 * 120 a minute: a respondent needs about five requests for one questionnaire, and a whole office
 * behind one address can fill a shared link at once; guessing a token (130 bits) is hopeless anyway.
 */
export const DEFAULT_LINK_RATE_LIMIT: LinkRateLimit = { max: 120, windowMs: 60_000 };
