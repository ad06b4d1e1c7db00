import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt with N=2^15, r=8, p=1 (OWASP's minimum); the parameters travel with the hash so they can rise later.
export const PRODUCTION_SCRYPT_N = 32768;
const N = PRODUCTION_SCRYPT_N;
let hashN = PRODUCTION_SCRYPT_N;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, hashN, R, P);
  return `scrypt$${hashN}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Tests only (vitest's setup file): a cheap work factor for the thousands of accounts the suites create — each
 * production hash costs ~80 ms of CPU. Verification reads N from the stored hash, so nothing else changes.
 */
export function lowerPasswordCostForTests(): void {
  if (!process.env.VITEST) throw new Error('cheap password hashing is for the test suites only');
  hashN = 1024;
}

/** A hash no password matches, so unknown emails cost the same time as wrong passwords. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
