import { describe, expect, test } from 'vitest';
import { asciiFallback, contentDisposition } from './download.ts';

describe('contentDisposition', () => {
  test('Chinese names survive as RFC 5987 UTF-8, with an ASCII fallback for old clients', () => {
    expect(contentDisposition('补充协议-武汉市第一医院-BJ-2026-0001.pdf')).toBe(
      `attachment; filename="_-_-BJ-2026-0001.pdf"; filename*=UTF-8''${encodeURIComponent('补充协议-武汉市第一医院-BJ-2026-0001.pdf')}`,
    );
    expect(contentDisposition('截图.png', { isInline: true })).toBe(
      `inline; filename="download.png"; filename*=UTF-8''%E6%88%AA%E5%9B%BE.png`,
    );
    expect(contentDisposition('报价.pdf', { fallback: 'quote-BJ-2026-0001.pdf' })).toContain('filename="quote-BJ-2026-0001.pdf"');
  });

  test('quotes, backslashes, percent signs and RFC 5987 specials cannot break the header', () => {
    const header = contentDisposition(`a"b\\c%d'e(f)*.txt`);
    expect(header).toBe(`attachment; filename="a_b_c_d'e(f)*.txt"; filename*=UTF-8''a%22b%5Cc%25d%27e%28f%29%2A.txt`);
    expect(asciiFallback('Résumé.pdf')).toBe('Resume.pdf');
    expect(asciiFallback('\r\nx.exe')).toBe('_x.exe');
  });
});
