import { describe, expect, test } from 'vitest';
import { fontFamilyFor } from './fonts.ts';

const CJK = [
  'PingFang SC',
  'Hiragino Sans GB',
  'Microsoft YaHei',
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
];
const families = (stack: string) => stack.split(',').map((family) => family.trim().replace(/^'|'$/g, ''));
const firstIndex = (list: string[], wanted: string[]) => Math.min(...wanted.map((name) => list.indexOf(name)).filter((i) => i >= 0));

describe('the font stack follows the language', () => {
  test('English: every Latin face comes before any CJK face, so apostrophes and quotes are not full-width', () => {
    const list = families(fontFamilyFor('en'));
    const firstCjk = firstIndex(list, CJK);
    for (const latin of ['Helvetica Neue', 'Arial', 'Liberation Sans', 'DejaVu Sans']) expect(list.indexOf(latin)).toBeLessThan(firstCjk);
    expect(list.at(-1)).toBe('sans-serif');
  });

  test('Chinese: CJK faces come before the Latin fallbacks, so Chinese punctuation keeps its shape', () => {
    const list = families(fontFamilyFor('zh-CN'));
    expect(firstIndex(list, CJK)).toBeLessThan(list.indexOf('Arial'));
    expect(list).toEqual(expect.arrayContaining(CJK));
  });
});
