import { isFen, MoneyError } from './money.ts';

// 中文大写金额 (amounts in Chinese capital numerals), as written on cheques and agreements under the
// People's Bank of China's payment rules (《支付结算办法》附件一):
// - 零壹贰叁肆伍陆柒捌玖 with 拾佰仟 inside each group of four and 万/亿 between groups; 10 is 壹拾;
// - a run of zeros inside the number is one 零; zeros at the end of a group are not written;
// - an amount that stops at 元 ends with 整, so does one that stops at 角; one with 分 does not;
// - 元 followed by 0 角 and some 分 writes 零: 1,680.05 → 壹仟陆佰捌拾元零伍分.
// Pure and exact: the input is integer fen, never a float of yuan.

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const UNITS = ['', '拾', '佰', '仟'] as const;

/** 1..9999, without leading zeros (the caller decides whether a 零 comes before it). */
function group(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + UNITS[p];
  }
  return out;
}

/** A positive whole number of yuan: 10001_0000_0000 → 壹万零壹亿. */
function whole(n: number): string {
  if (n < 10_000) return group(n);
  const [size, unit] = n < 100_000_000 ? [10_000, '万'] : [100_000_000, '亿'];
  const high = Math.floor(n / size);
  const low = n % size;
  if (low === 0) return whole(high) + unit;
  // The lower part needs a 零 when its leading digit is a zero: 1_0500 → 壹万零伍佰.
  return whole(high) + unit + (low < size / 10 ? '零' : '') + whole(low);
}

/** 940000 fen → 玖仟肆佰元整; 1005 → 壹拾元零伍分; 0 → 零元整. */
export function cnyCapital(fen: number): string {
  if (!isFen(fen)) throw new MoneyError('amount must be a non-negative integer number of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${whole(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  return fenDigit > 0 ? `${out}${DIGITS[fenDigit]}分` : `${out}整`;
}
