import { daysBetween } from './local-date.ts';

// Money is integer fen (分). Every computation here is exact integer arithmetic (BigInt where a
// product could leave the safe-integer range) and refuses results that JSON numbers cannot carry.

export class MoneyError extends RangeError {}

export function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function toSafe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new MoneyError(`${what} is out of range`);
  return Number(value);
}

/**
 * The suggested yearly maintenance fee after the free year: 10% of the system's total price (000).
 * Rounded half up to the whole fen: 10% of 12,345 fen is 1,234.5 → 1,235 fen.
 */
export function suggestedMaintenanceFeeFen(systemTotalFen: number): number {
  if (!isFen(systemTotalFen)) throw new MoneyError('system total must be a non-negative integer number of fen');
  return toSafe((BigInt(systemTotalFen) + 5n) / 10n, 'maintenance fee');
}

/** Default daily fee per engineer per day: 1,000 CNY (002, 按次上门服务的收费标准). */
export const DEFAULT_DAILY_FEE_FEN = 100_000;

export type VisitFeeInput = {
  people: number;
  travelPerPersonFen: number;
  lodgingPerPersonDayFen: number;
  dailyFeePerPersonDayFen: number;
  /** Local dates: the day the engineers arrive at the hospital and the day they leave it. */
  arrivalDate: string;
  departureDate: string;
};

/**
 * Days billed for a visit. 002 says "天数以工程师到达医院至离开医院计": days are counted from
 * arriving at the hospital to leaving it. Both ends count (inclusive): the engineers work on the day
 * they arrive and on the day they leave, and a same-day visit is one day, not zero — counting
 * nights instead would make a one-day emergency visit cost only the travel.
 */
export function billedDays(arrivalDate: string, departureDate: string): number {
  const d = daysBetween(arrivalDate, departureDate);
  if (d < 0) throw new MoneyError('departure is before arrival');
  return d + 1;
}

/**
 * Fee per visit (002): per person, round-trip travel + (lodging per day + daily fee per day) × days;
 * the quote is for all the engineers sent, so the per-person amount is multiplied by the people.
 */
export function visitFeeFen(input: VisitFeeInput, days: number): { perPersonFen: number; totalFen: number } {
  const { people, travelPerPersonFen, lodgingPerPersonDayFen, dailyFeePerPersonDayFen } = input;
  if (!Number.isSafeInteger(people) || people < 1) throw new MoneyError('people must be a positive whole number');
  for (const [name, v] of Object.entries({ travelPerPersonFen, lodgingPerPersonDayFen, dailyFeePerPersonDayFen })) {
    if (!isFen(v)) throw new MoneyError(`${name} must be a non-negative integer number of fen`);
  }
  if (!Number.isSafeInteger(days) || days < 1) throw new MoneyError('days must be a positive whole number');
  const perPerson = BigInt(travelPerPersonFen) + (BigInt(lodgingPerPersonDayFen) + BigInt(dailyFeePerPersonDayFen)) * BigInt(days);
  return { perPersonFen: toSafe(perPerson, 'fee per person'), totalFen: toSafe(perPerson * BigInt(people), 'total fee') };
}

/** 12345678 fen → "¥123,456.78" (zh-CN) / "CN¥123,456.78" (en): formatting only, never arithmetic. */
export function formatCny(fen: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${locale === 'zh-CN' ? '¥' : 'CN¥'}${yuan}.${cents}`;
}
