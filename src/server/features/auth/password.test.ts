import { describe, expect, test, vi } from 'vitest';
import { hashPassword, lowerPasswordCostForTests, verifyPassword } from './password.ts';

describe('password hashing', () => {
  test('outside the test suites a hash uses scrypt at N=2^15, r=8, p=1 (OWASP minimum), with a 16-byte salt', async () => {
    // A fresh copy of the module, untouched by the suites' setup file.
    vi.resetModules();
    const fresh = await import('./password.ts');
    const hash = await fresh.hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', fresh.PRODUCTION_SCRYPT_N, 8, 1]);
    expect(fresh.PRODUCTION_SCRYPT_N).toBe(32768);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(await fresh.verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await fresh.verifyPassword('correct horse battery stapl', hash)).toBe(false);
  });

  test("a hash verifies by the work factor stored in it, whatever the current one (the suites' cheap hashes, older hashes)", async () => {
    const cheap = await hashPassword('密码-口令-2026');
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('密码-口令-2026', cheap)).toBe(true);
    expect(await verifyPassword('密码-口令-2027', cheap)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });

  test('the cheap work factor refuses to switch on outside vitest', async () => {
    const saved = process.env.VITEST;
    delete process.env.VITEST;
    try {
      expect(() => lowerPasswordCostForTests()).toThrow(/test suites only/);
    } finally {
      process.env.VITEST = saved;
    }
  });
});
