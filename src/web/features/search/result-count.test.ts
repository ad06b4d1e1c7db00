import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixedTranslations } from '../../i18n/testing.ts';
import { resultCountText } from './result-count.ts';

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  ({ zh, english } = await fixedTranslations());
});

describe('the search results count', () => {
  test('a capped search says "more than": the total is not known', () => {
    const capped = { ranked: 1000, shown: 50, isCapped: true };
    expect(resultCountText(zh, capped)).toBe('超过 1000 条结果，显示最相关的 50 条');
    expect(resultCountText(english, capped)).toBe('More than 1000 results, showing the 50 most relevant');
  });

  test('otherwise the exact number, and how many are shown when not all are', () => {
    expect(resultCountText(zh, { ranked: 120, shown: 50, isCapped: false })).toBe('找到 120 条结果，显示最相关的 50 条');
    expect(resultCountText(english, { ranked: 120, shown: 50, isCapped: false })).toBe('120 results, showing the 50 most relevant');
    expect(resultCountText(zh, { ranked: 7, shown: 7, isCapped: false })).toBe('找到 7 条结果');
    expect(resultCountText(english, { ranked: 1, shown: 1, isCapped: false })).toBe('1 result');
  });
});
