/**
 * Enrolment codes and device tokens: how they are made (codes of random Crockford symbols, as link
 * tokens and generated passwords are), normalised and hashed. Only hashes are
 * stored, so a copy of the database does not let anyone act as a device.
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonicalCode, CROCKFORD_ALPHABET, DEVICE_TOKEN_PATTERN, ENROLMENT_CODE_LENGTH as CODE_LENGTH } from '../../contract/codes';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * `length` random symbols of Crockford's base32 (5 bits each), upper case: enrolment codes, link
 * tokens and generated passwords. 32 symbols divide 256 evenly, so 5 bits of a random byte are unbiased.
 */
export function randomCrockford(length: number): string {
  let out = '';
  for (const b of randomBytes(length)) out += CROCKFORD_ALPHABET[b & 31];
  return out;
}

/** A new enrolment code, grouped for reading: `K7QM-2XPA-9D`. */
export function newEnrolmentCode(): string {
  const code = randomCrockford(CODE_LENGTH);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The canonical form of a typed code: upper case, no separators, and the letters people confuse
 * with digits read as those digits (O → 0, I and L → 1). Undefined when it cannot be a code.
 */
export const normaliseEnrolmentCode = (typed: string): string | undefined => canonicalCode(typed, CODE_LENGTH);

/** A new device token: 32 random bytes, base64url. */
export const newDeviceToken = (): string => randomBytes(32).toString('base64url');

/** Token shape check before hashing: 43 base64url characters. */
export const looksLikeToken = (token: string): boolean => DEVICE_TOKEN_PATTERN.test(token);
