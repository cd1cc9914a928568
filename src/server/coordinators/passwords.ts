/**
 * Coordinator passwords: scrypt (N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds
 * per guess) with a random 16-byte salt, compared in constant time. Stored as
 * `scrypt$N$r$p$salt$hash` (base64url) so the parameters can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { randomCrockford } from '../auth/secrets';
import { Limiter } from '../concurrency';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** Twice what N and r need (128 · N · r bytes), so Node does not refuse. */
const MAX_MEM = 2 * 128 * N * R + 1024 * 1024;

/**
 * At most two hashes at once (libuv has four threads, shared with static files and the database
 * driver) and 32 waiting: a burst of logins waits its turn or is refused (Busy → 503 overloaded),
 * and never starves the pages.
 */
export const hashing = new Limiter(2, 32);

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return hashing.run(() => scryptOnce(password, salt, options, length));
}

function scryptOnce(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFC: the same password typed with another Vietnamese input method is the same password.
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P, maxmem: MAX_MEM }, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 2 * 128 * Number(n) * Number(r) + 1024 * 1024 };
  const key = await derive(password, Buffer.from(salt, 'base64url'), options, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;
/** A hash to check against when the username is unknown, so a wrong name takes as long as a wrong password. */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));


/** A new random password in Crockford's base32 (readable from a terminal, typable): 16 symbols (80 bits) in groups of four, e.g. `7KQM-2XPA-9DWE-H3RT`. */
export const generatePassword = (): string => randomCrockford(16).match(/.{4}/g)!.join('-');
