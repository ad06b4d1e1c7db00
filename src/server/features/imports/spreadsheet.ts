// Turns uploaded bytes into a table of cells: CSV (UTF-8 with or without BOM, or GB18030/GBK as
// Excel in China saves it) or XLSX. What the bytes are decides, not the file name or the browser's
// content type; anything else is 415.
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync, zipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { readSheet } from 'read-excel-file/node';
import { type Cell, MAX_IMPORT_ROWS } from '../../../domain/imports/import-rows.ts';
import { AppError } from '../../errors.ts';
import { UnzipLimitError, unzipCapped } from '../../lib/unzip-capped.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * An XLSX is a zip: a few hundred KB can inflate to gigabytes (a zip bomb). First the sizes the
 * central directory declares are summed (an honest large file is refused without inflating
 * anything); then the entries the reader needs are really inflated with a running count that stops
 * at the cap (lib/unzip-capped.ts), because a directory can lie. 32 MB is three times a real
 * 5,000-row sheet of 30 Chinese columns (11 MB unpacked).
 */
export const MAX_XLSX_INFLATED_BYTES = 32 * 1024 * 1024;
/** The parts read-excel-file reads; anything else in the archive is neither inflated nor counted. */
const isSheetPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');
const tooLarge = () => new AppError('payload_too_large', 'the spreadsheet is too large once unpacked', { file: 'too large' });

export type SpreadsheetFormat = 'csv' | 'xlsx';

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 — a superset of GBK and
 * GB2312, which is what Excel's "CSV" writes on Chinese Windows. Valid UTF-8 is very rarely also
 * meaningful GBK, so trying UTF-8 first with `fatal` is a safe detector.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Cell[][] {
  const text = decodeText(bytes);
  // A comma-separated file from Excel, or a semicolon/tab one from other locales' tools.
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  try {
    return parseCsv(text, {
      delimiter,
      relax_column_count: true,
      // Blank lines are kept (and skipped later), so row numbers match what Excel shows.
      skip_empty_lines: false,
      // Header + the cap + one more row to notice the file is over the cap, plus slack for blank lines.
      to: MAX_IMPORT_ROWS * 2 + 2,
    }) as Cell[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('unsupported_media_type', `not a readable CSV file: ${message}`, { file: 'unreadable CSV' });
  }
}

async function readXlsx(bytes: Uint8Array): Promise<Cell[][]> {
  let inflated = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        inflated += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw new AppError('unsupported_media_type', 'not a readable .xlsx file', { file: 'unreadable XLSX' });
  }
  if (inflated > MAX_XLSX_INFLATED_BYTES) throw tooLarge();
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipCapped(bytes, { maxBytes: MAX_XLSX_INFLATED_BYTES, filter: isSheetPart });
  } catch (error) {
    if (error instanceof UnzipLimitError) throw tooLarge();
    throw new AppError('unsupported_media_type', 'not a readable .xlsx file', { file: 'unreadable XLSX' });
  }
  try {
    // The reader gets exactly the bytes counted above, stored (level 0) with true sizes, so it
    // cannot inflate anything the count did not see. A Buffer, never a string: the library reads a
    // string argument as a file path.
    const rows = await readSheet(Buffer.from(zipSync(parts, { level: 0 })));
    return rows as unknown as Cell[][];
  } catch {
    throw new AppError('unsupported_media_type', 'not a readable .xlsx file', { file: 'unreadable XLSX' });
  }
}

/** The first sheet (XLSX) or the whole file (CSV) as rows of cells. */
export async function readSpreadsheet(bytes: Uint8Array): Promise<{ format: SpreadsheetFormat; table: Cell[][] }> {
  if (bytes.length === 0) throw new AppError('validation_failed', 'file is empty', { file: 'empty' });
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime === XLSX_TYPE) return { format: 'xlsx', table: await readXlsx(bytes) };
  if (detected?.mime === 'application/x-cfb') {
    throw new AppError('unsupported_media_type', 'old .xls files are not read: save the sheet as .xlsx or CSV', { file: 'xls' });
  }
  if (detected)
    throw new AppError('unsupported_media_type', `a ${detected.mime} file is not a spreadsheet: send CSV or .xlsx`, {
      file: detected.mime,
    });
  // Text has no NUL bytes; UTF-16 (Excel's "Unicode text") and binaries do.
  if (bytes.includes(0))
    throw new AppError('unsupported_media_type', 'not a spreadsheet: send CSV (UTF-8 or GBK) or .xlsx', { file: 'binary' });
  return { format: 'csv', table: readCsv(bytes) };
}
