// Turns uploaded bytes into a table of cells: CSV (UTF-8 with or without BOM, or GB18030/GBK as
// Excel in China saves it) or XLSX. What the bytes are decides, not the file name or the browser's
// content type; anything else is 415.
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { readSheet } from 'read-excel-file/node';
import { type Cell, MAX_IMPORT_ROWS } from '../../../domain/imports/import-rows.ts';
import { AppError } from '../../errors.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * An XLSX is a zip: a few hundred KB can inflate to gigabytes (a zip bomb). The entries' declared
 * sizes are summed from the central directory before anything is inflated. A lying directory is
 * still bounded by the row cap and the upload limit of the compressed file; 100 MB is far above any
 * real list of 5,000 rows.
 */
const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;

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
  if (inflated > MAX_XLSX_INFLATED_BYTES) {
    throw new AppError('payload_too_large', 'the spreadsheet is too large once unpacked', { file: 'too large' });
  }
  try {
    // A Buffer, never a string: the library reads a string argument as a file path.
    const rows = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
