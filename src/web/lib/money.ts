// Money on screen: integer fen on the wire, entered in yuan as a decimal string and converted exactly
// (string → fen by digits, never through a float), shown as CNY with the domain's own formatter.
import { formatCny } from '../../domain/contracts/money.ts';
import { currentLanguage } from '../i18n/index.ts';

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450 fen; "" / "-1" / "1.234" / "abc" → null. Commas and spaces a user types are ignored. */
export function yuanToFen(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const m = YUAN.exec(String(text).replace(/[,\s¥]/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123450 fen → "1234.50", for prefilling a yuan input. */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** 123450 fen → "¥1,234.50" (zh-CN) / "CN¥1,234.50" (en). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatCny(fen, currentLanguage());
}
