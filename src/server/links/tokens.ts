/**
 * Respondent link tokens: 26 characters of Crockford's base32 (130 random bits), hashed before
 * they are stored, so a copy of the database opens no link. Typed from paper in any case, with
 * O for 0 or I/L for 1, a token still works (the same normalising as enrolment codes).
 */
import { randomBytes } from 'node:crypto';
import { LINK_TOKEN_LENGTH } from '../../contract';
import { canonicalCode, CROCKFORD_ALPHABET } from '../../contract/codes';
import { sha256 } from '../auth/secrets';

/** A new token, lower case (as it appears in a URL). */
export function newLinkToken(): string {
  const bytes = randomBytes(LINK_TOKEN_LENGTH);
  let token = '';
  // 32 symbols divide 256 evenly, so 5 bits of a random byte are unbiased: 26 × 5 = 130 bits.
  for (const b of bytes) token += CROCKFORD_ALPHABET[b & 31];
  return token.toLowerCase();
}

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
