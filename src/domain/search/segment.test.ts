import { describe, expect, test } from 'vitest';
import { highlight, indexDocument, indexFields, indexTokens, parseQuery, requestNumberOf, snippet } from './segment.ts';

/** What the database does with `to_tsvector(doc) @@ to_tsquery(query)`, modelled for plain ANDs and `:*` prefixes. */
function matches(text: string, query: string): boolean {
  const tokens = new Set(indexTokens(text));
  const parsed = parseQuery(query);
  if (!parsed) return false;
  return parsed.tsquery.split(' & ').every((operand) => {
    if (!operand.endsWith(':*')) return tokens.has(operand);
    const prefix = operand.slice(0, -2);
    return [...tokens].some((t) => t.startsWith(prefix));
  });
}

describe('index tokens', () => {
  test('Han runs become adjacent pairs plus the last character; words are lower-cased', () => {
    expect(indexTokens('打印机故障 HIS Printer')).toEqual(['打印', '印机', '机故', '故障', '障', 'his', 'printer']);
  });

  test('full-width letters and digits fold to ASCII; punctuation separates', () => {
    expect(indexTokens('ＨＩＳ５．０，门诊')).toEqual(['his5', '0', '门诊', '诊']);
    expect(indexDocument('LIS接口-报错')).toBe('lis 接口 口 报错 错');
  });

  test('nothing for empty text; the token budget is kept, the first field first', () => {
    expect(indexTokens(null)).toEqual([]);
    expect(indexTokens('   ，。')).toEqual([]);
    expect(indexTokens('门诊收费系统', 3)).toEqual(['门诊', '诊收', '收费']);
    expect(indexFields(['打印机', '门诊收费', 'more words here'], 5)).toEqual(['打印 印机 机', '门诊 诊收', '']);
  });

  test('over-long words (hashes, base64) are not indexed', () => {
    expect(indexTokens(`trace ${'a'.repeat(100)} end`)).toEqual(['trace', 'end']);
  });
});

describe('queries', () => {
  test('a Chinese word is the AND of its pairs; words are prefixes; a single character is a prefix', () => {
    expect(parseQuery('门诊收费')?.tsquery).toBe('门诊 & 诊收 & 收费');
    expect(parseQuery('Print 打印')?.tsquery).toBe('print:* & 打印');
    expect(parseQuery('机')?.tsquery).toBe('机:*');
    expect(parseQuery('  ，。！ ')).toBeNull();
  });

  test('only letters, digits and Han characters reach the tsquery (no operator injection)', () => {
    expect(parseQuery("a' | b & !c:* <-> (d)")?.tsquery).toBe('a:* & b:* & c:* & d:*');
  });

  test.each([
    ['打印机故障，无法出票', '打印'],
    ['打印机故障，无法出票', '打印机'],
    ['打印机故障，无法出票', '机故'],
    ['门诊收费系统升级后无法登录', '门诊收费'],
    ['门诊收费系统升级后无法登录', '收费系统'],
    ['夜间数据库置疑，住院医生站无法开医嘱', '数据库置疑'],
    ['夜间数据库置疑，住院医生站无法开医嘱', '置疑'],
    ['医保结算失败，提示网络超时', '医保'],
    ['住院医生站打印病历卡顿', '卡顿'],
    ['检验科LIS接口报错', 'lis'],
    ['检验科LIS接口报错', 'LIS接口'],
    ['Printer offline after driver update', 'print'],
    ['打印机故障', '机'],
    ['打印机故障', '障'],
  ])('%s is found by %s', (text, query) => {
    expect(matches(text, query)).toBe(true);
  });

  test.each([
    ['打印机故障', '打印纸'],
    ['门诊收费系统', '住院收费'],
    ['printer offline', 'scanner'],
    ['打印 机', '打印机'],
  ])('%s is not found by %s', (text, query) => {
    expect(matches(text, query)).toBe(false);
  });

  test('request numbers are recognised in any case and padded', () => {
    expect(requestNumberOf(' sr-2026-000123 ')).toBe('SR-2026-000123');
    expect(requestNumberOf('SR-2026-42')).toBe('SR-2026-000042');
    expect(requestNumberOf('SR-2026-000123 打印')).toBeNull();
  });
});

describe('word segmentation (Intl.Segmenter) compared with bigrams on domain terms', () => {
  // The requirement is recall inside compounds. A word-segmenting index finds a query only when the
  // dictionary cut the text exactly there; bigrams find it whatever the cut.
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const words = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
  const segmenterFinds = (text: string, query: string) => {
    const indexed = new Set(words(text));
    return words(query).every((w) => indexed.has(w));
  };
  const cases: [string, string][] = [
    ['打印机故障', '打印'],
    ['门诊收费系统无法登录', '门诊收费'],
    ['数据库置疑', '数据库置疑'],
    ['医保结算失败', '医保'],
    ['住院医生站打印病历卡顿', '卡顿'],
    ['网络交换机掉线', '交换机'],
    ['网络交换机掉线', '掉线'],
  ];

  test('bigrams find every domain term inside its compound', () => {
    for (const [text, query] of cases) expect(matches(text, query), `${query} in ${text}`).toBe(true);
  });

  test('word segmentation misses some of them (the reason bigrams were chosen)', () => {
    const missed = cases.filter(([text, query]) => !segmenterFinds(text, query));
    expect(missed.length).toBeGreaterThan(0);
  });
});

describe('highlighting', () => {
  const q = (text: string) => parseQuery(text) ?? { hanTerms: [], wordTerms: [] };

  test('marks Chinese pairs inside compounds and words by prefix', () => {
    expect(highlight('打印机故障 Printer down', q('打印 print'))).toEqual([
      { text: '打印', isMatch: true },
      { text: '机故障 ', isMatch: false },
      { text: 'Print', isMatch: true },
      { text: 'er down', isMatch: false },
    ]);
    expect(highlight('门诊收费系统', q('门诊收费'))).toEqual([
      { text: '门诊收费', isMatch: true },
      { text: '系统', isMatch: false },
    ]);
  });

  test('a snippet is a window around the first match, with ellipses', () => {
    const text = `${'甲'.repeat(100)}数据库置疑${'乙'.repeat(100)}`;
    const s = snippet(text, q('数据库置疑'), 40);
    expect(s?.[0]).toEqual({ text: '…', isMatch: false });
    expect(s?.find((x) => x.isMatch)?.text).toBe('数据库置疑');
    expect(s?.[s.length - 1]).toEqual({ text: '…', isMatch: false });
    expect(snippet('没有命中', q('打印'))).toBeNull();
  });
});
