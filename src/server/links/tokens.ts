/**
 * Respondent link tokens: 26 characters of Crockford's base32 (130 random bits), hashed before
 * they are stored, so a copy of the database opens no link. Typed from paper in any case, with
 * O for 0 or I/L for 1, a token still works (the same normalising as enrolment codes).
 */
import { LINK_TOKEN_LENGTH } from '../../contract';
import { canonicalCode } from '../../contract/codes';
import { randomCrockford, sha256 } from '../auth/secrets';

/** A new token (26 × 5 = 130 random bits), lower case (as it appears in a URL). */
export const newLinkToken = (): string => randomCrockford(LINK_TOKEN_LENGTH).toLowerCase();

/** The canonical form of a token as received, or undefined when it cannot be one. */
export function normaliseLinkToken(received: string): string | undefined {
  if (received.length > 64) return undefined;
  return canonicalCode(received, LINK_TOKEN_LENGTH);
}

/** What is stored for a token: sha256 of its canonical form; undefined when it cannot be a token. */
export function linkTokenHash(received: string): string | undefined {
  const token = normaliseLinkToken(received);
  return token === undefined ? undefined : sha256(token);
}
