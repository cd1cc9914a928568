/**
 * Codes people type from paper or read aloud (enrolment codes, respondent-link tokens, generated
 * passwords) are Crockford's base32: no I, L, O or U. Their canonical form, the same on the device
 * and the server: upper case, no spaces or dashes, and the letters people confuse with digits read
 * as those digits (O → 0, I and L → 1). Device tokens are 32 random bytes in base64url.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An enrolment code: 10 symbols (50 bits), printed as `K7QM-2XPA-9D`. */
export const ENROLMENT_CODE_LENGTH = 10;

/** A device token: 43 base64url characters (32 bytes). */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The canonical form of a typed code of `length` symbols, or undefined when it cannot be one. */
export function canonicalCode(typed: string, length: number): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== length) return undefined;
  for (const c of code) if (!CROCKFORD_ALPHABET.includes(c)) return undefined;
  return code;
}
