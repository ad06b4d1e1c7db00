import { COLUMNS, type ImportColumn, type ImportKind } from '../../../domain/imports/import-rows.ts';

/** The columns the server reads for a kind, in the template's order. */
export function columnsOf(kind: ImportKind): ImportColumn[] {
  return COLUMNS[kind];
}

/** The header the template writes: the first (Chinese) alias. */
export const chineseHeader = (column: ImportColumn): string => column.aliases[0] ?? column.field;

/** Other headers the server accepts for the column (Chinese variants and English aliases). */
export const otherHeaders = (column: ImportColumn): string[] => column.aliases.slice(1);

/**
 * A CSV holding only the Chinese header row, written in the browser. UTF-8 with a BOM and CRLF, so
 * Excel in China opens it with the right encoding; the server reads it back the same way.
 */
export function templateCsv(kind: ImportKind): string {
  const cells = COLUMNS[kind].map((column) => {
    const text = chineseHeader(column);
    return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  });
  return `\uFEFF${cells.join(',')}\r\n`;
}

export function downloadTemplate(kind: ImportKind, fileName: string): void {
  const blob = new Blob([templateCsv(kind)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
