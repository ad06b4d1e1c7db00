import { describe, expect, test } from 'vitest';
import { cleanFileName } from './file-name.ts';

describe('cleanFileName', () => {
  test('a right-to-left override cannot disguise an executable; the other bidi and control characters go too', () => {
    expect(cleanFileName('invoice\u202Egnp.exe')).toEqual({ ok: true, name: 'invoicegnp.exe' });
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(cleanFileName(`a${c}b.pdf`)).toEqual({ ok: true, name: 'ab.pdf' });
    }
    expect(cleanFileName('a\u0000b\u0007c\u007f\u0085.txt')).toEqual({ ok: true, name: 'abc.txt' });
  });

  test('Chinese names survive; paths keep their last segment; long names are cut between characters', () => {
    expect(cleanFileName('验收报告（2026）.pdf')).toEqual({ ok: true, name: '验收报告（2026）.pdf' });
    expect(cleanFileName('C:\\fakepath\\截图.png')).toEqual({ ok: true, name: '截图.png' });
    expect(cleanFileName('../../etc/passwd')).toEqual({ ok: true, name: 'passwd' });
    const long = cleanFileName('😀'.repeat(300));
    expect(long.ok && Array.from(long.name)).toHaveLength(200);
    expect(long.ok && long.name.endsWith('😀')).toBe(true);
    expect(cleanFileName('\u202E')).toEqual({ ok: true, name: 'file' });
  });

  test('invalid UTF-8 (decoded as U+FFFD) and lone surrogates are refused, not stored as "�"', () => {
    expect(cleanFileName('bad\uFFFD.pdf')).toEqual({ ok: false, reason: 'invalid_encoding' });
    expect(cleanFileName('bad\uD800.pdf')).toEqual({ ok: false, reason: 'invalid_encoding' });
    expect(cleanFileName('bad\uDC00x.pdf')).toEqual({ ok: false, reason: 'invalid_encoding' });
  });
});
