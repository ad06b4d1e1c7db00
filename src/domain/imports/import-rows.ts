// Spreadsheet import of the customer archive (issue 4): customers, contacts and installed modules.
// Pure rules only: a table of cells (already read from CSV or XLSX) in, normalised records and a list
// of every bad row with its reason out. Reading files and looking things up in the database are the
// server's business (features/imports); the limits below mirror the API's Zod schemas and the
// database constraints, so a row that passes here is one the API would have accepted.
import { z } from 'zod';
import { ACCEPTANCE_STATES, type AcceptanceState } from '../contracts/vocabulary.ts';
import { DISTANCE_CLASSES, type DistanceClass } from '../sla.ts';
import { CONTACT_ROLES, type ContactRole, CUSTOMER_KINDS, type CustomerKind } from '../vocabulary.ts';

export const IMPORT_KINDS = ['customers', 'contacts', 'modules'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Data rows per file (below the header). Vendors' lists are hundreds of hospitals; 5,000 is generous and keeps one transaction short. */
export const MAX_IMPORT_ROWS = 5000;
/** No cell of any column may be longer than this (each column has its own, usually smaller, cap). */
export const MAX_CELL_LENGTH = 1000;
/** Rows shown back in the preview. */
export const SAMPLE_SIZE = 10;

/** What a CSV or XLSX reader hands over: XLSX cells keep their type (numbers, dates, booleans). */
export type Cell = string | number | boolean | Date | null | undefined;

export const ROW_ERROR_CODES = [
  'empty_file',
  'missing_column',
  'duplicate_column',
  'too_many_rows',
  'required',
  'too_long',
  'invalid',
  'duplicate_in_file',
  'exists',
  'unknown_customer',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

const RowErrorBase = { row: z.number().int(), column: z.string().optional(), reason: z.string() };
const rowError = <C extends RowErrorCode, P extends z.ZodType>(code: C, params: P) =>
  z.object({ ...RowErrorBase, code: z.literal(code), params });

/** What is wrong with a cell whose code is `invalid`: `rule` names the check, the rest are its values. */
export const InvalidCellParams = z.discriminatedUnion('rule', [
  /** Not one of a column's words; `allowed` lists the codes it accepts (hospital, agency, …). */
  z.object({ rule: z.literal('choice'), value: z.string(), allowed: z.array(z.string()) }),
  z.object({ rule: z.literal('beds'), value: z.string(), min: z.number().int(), max: z.number().int() }),
  z.object({ rule: z.literal('phone'), value: z.string() }),
  z.object({ rule: z.literal('email'), value: z.string() }),
  z.object({ rule: z.literal('yes_no'), value: z.string() }),
  z.object({ rule: z.literal('date'), value: z.string() }),
  /** An acceptance date on a module whose state is not accepted. */
  z.object({ rule: z.literal('acceptance_date_not_accepted'), state: z.enum(ACCEPTANCE_STATES) }),
  z.object({ rule: z.literal('acceptance_before_go_live'), acceptance: z.string(), goLive: z.string() }),
  /** A second primary contact for one customer in the file; `firstRow` is the first one. */
  z.object({ rule: z.literal('second_primary'), firstRow: z.number().int() }),
]);
export type InvalidCellParams = z.infer<typeof InvalidCellParams>;

/**
 * One reason a row cannot be imported. `row` is the spreadsheet's own row number (the header is row 1),
 * so it points at the line the user sees in Excel; `column` is the header as written in the file.
 * `code` and `params` are for machines (the web translates from them); `reason` is a plain English
 * sentence for API clients and logs. The server's response schema is this one.
 */
export const RowErrorSchema = z.discriminatedUnion('code', [
  rowError('empty_file', z.object({ missing: z.enum(['header', 'rows']) })),
  /** `column` is the Chinese header, `alias` its English one. */
  rowError('missing_column', z.object({ column: z.string(), alias: z.string() })),
  /** `column` repeats `first` (both as written in the file). */
  rowError('duplicate_column', z.object({ column: z.string(), first: z.string() })),
  rowError('too_many_rows', z.object({ max: z.number().int() })),
  /** `when: 'accepted'`: the acceptance date, required only for an accepted module. */
  rowError('required', z.object({ when: z.literal('accepted').optional() })),
  rowError('too_long', z.object({ max: z.number().int() })),
  rowError('invalid', InvalidCellParams),
  rowError('duplicate_in_file', z.object({ firstRow: z.number().int() })),
  rowError('exists', z.object({ kind: z.enum(IMPORT_KINDS) })),
  rowError('unknown_customer', z.object({ customer: z.string() })),
]);
export type RowError = z.infer<typeof RowErrorSchema>;
// Every code has its shape (a compile error here means ROW_ERROR_CODES and the schema disagree).
const _everyCodeHasParams: Record<RowErrorCode, true> = { ...({} as Record<RowError['code'], true>) };
void _everyCodeHasParams;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A row error without its place: what rules hand to the reader, which adds the row and column. */
export type RowProblem = DistributiveOmit<RowError, 'row' | 'column'>;

export type CustomerRecord = {
  name: string;
  kind: CustomerKind;
  province: string;
  city: string;
  grade: string | null;
  address: string | null;
  beds: number | null;
  distanceClass: DistanceClass;
};
export type ContactRecord = {
  customerName: string;
  name: string;
  role: ContactRole;
  title: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
};
export type ModuleRecord = {
  customerName: string;
  system: string;
  module: string;
  version: string | null;
  goLiveDate: string | null;
  acceptanceState: AcceptanceState;
  acceptanceDate: string | null;
};
export type ImportRecord = CustomerRecord | ContactRecord | ModuleRecord;
type RecordOf<K extends ImportKind> = K extends 'customers' ? CustomerRecord : K extends 'contacts' ? ContactRecord : ModuleRecord;

export type ParsedImport<K extends ImportKind = ImportKind> = {
  kind: K;
  /** Non-blank data rows in the file (capped at MAX_IMPORT_ROWS + 1). */
  rows: number;
  /** Rows that passed their own checks, with their spreadsheet row numbers. */
  records: { row: number; value: RecordOf<K> }[];
  errors: RowError[];
  /** Headers that name no known column (序号, 备注, …): left out rather than refused. */
  ignoredColumns: string[];
  /** Header text per field, to name the column in errors found later (duplicates, references). */
  headers: Partial<Record<string, string>>;
};

// ---------------------------------------------------------------------------------------------
// Columns: Chinese headers as vendors write them, English aliases for exported lists. Matching
// ignores case, spaces, "_" and "-", a trailing "*" (required marker) and a bracketed hint such as
// "上线日期（YYYY-MM-DD）".

export type ImportColumn = { field: string; aliases: string[]; required?: boolean; max: number };
type Column = ImportColumn;

const CUSTOMER_NAME = ['客户名称', '客户', '医院名称', '单位名称'];
/** Exported for the web's import screen (the headers it lists and the template it writes). */
export const COLUMNS: Record<ImportKind, Column[]> = {
  customers: [
    { field: 'name', aliases: [...CUSTOMER_NAME, '名称', 'name', 'customer'], required: true, max: 200 },
    { field: 'province', aliases: ['省份', '省', 'province'], required: true, max: 50 },
    { field: 'city', aliases: ['城市', '市', 'city'], required: true, max: 50 },
    { field: 'grade', aliases: ['等级', '医院等级', 'grade'], max: 50 },
    { field: 'kind', aliases: ['类型', '客户类型', 'kind', 'type'], max: 20 },
    { field: 'beds', aliases: ['床位', '床位数', 'beds'], max: 20 },
    { field: 'address', aliases: ['地址', '详细地址', 'address'], max: 300 },
    { field: 'distanceClass', aliases: ['距离', '距离分类', 'distance', 'distanceclass'], max: 20 },
  ],
  contacts: [
    { field: 'customerName', aliases: [...CUSTOMER_NAME, 'customer', 'customername'], required: true, max: 200 },
    { field: 'name', aliases: ['姓名', '联系人', 'name'], required: true, max: 100 },
    { field: 'role', aliases: ['角色', 'role'], max: 30 },
    { field: 'title', aliases: ['职务', '职位', 'title'], max: 100 },
    { field: 'phone', aliases: ['电话', '手机', '联系电话', 'phone', 'mobile'], max: 30 },
    { field: 'email', aliases: ['邮箱', '电子邮箱', 'email', 'e-mail'], max: 254 },
    { field: 'isPrimary', aliases: ['主要联系人', '主联系人', 'primary', 'isprimary'], max: 10 },
  ],
  modules: [
    { field: 'customerName', aliases: [...CUSTOMER_NAME, 'customer', 'customername'], required: true, max: 200 },
    { field: 'system', aliases: ['系统', '系统名称', 'system'], required: true, max: 50 },
    { field: 'module', aliases: ['模块', '模块名称', 'module'], required: true, max: 100 },
    { field: 'version', aliases: ['版本', '版本号', 'version'], max: 50 },
    { field: 'goLiveDate', aliases: ['上线日期', '上线时间', 'go-live', 'golive', 'golivedate'], max: 30 },
    { field: 'acceptanceState', aliases: ['验收状态', '状态', 'acceptance', 'acceptancestate'], max: 30 },
    // The archive requires a date for an accepted module (DB check), so the import has the column too.
    { field: 'acceptanceDate', aliases: ['验收日期', '验收时间', 'acceptance-date', 'acceptancedate'], max: 30 },
  ],
};

export function normaliseHeader(header: string): string {
  return header
    .trim()
    .replace(/[（(][^）)]*[）)]$/u, '')
    .replace(/\*+$/u, '')
    .replace(/^\*+/u, '')
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

// ---------------------------------------------------------------------------------------------
// Vocabulary words: the labels the web shows in zh-CN, common variants, and the English codes.

const word = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');

function vocabulary<T extends string>(codes: readonly T[], words: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(word(code), code);
    for (const w of words[code]) map.set(word(w), code);
  }
  return map;
}

const CUSTOMER_KIND_WORDS = vocabulary(CUSTOMER_KINDS, {
  hospital: ['医院', '医疗机构'],
  agency: ['政府机构', '机构', '机关', '事业单位', '单位'],
});
const DISTANCE_WORDS = vocabulary(DISTANCE_CLASSES, {
  same_city: ['同城', '本市', '市内'],
  same_province: ['同省', '省内', '本省'],
  elsewhere: ['外省', '省外'],
});
const ROLE_WORDS = vocabulary(CONTACT_ROLES, {
  leadership: ['医院领导', '院领导', '领导', '院长', '副院长'],
  it_director: ['信息科主任', '信息中心主任', '信息科长', '信息主任', 'IT主任', 'IT director'],
  sysadmin: ['系统管理员', '管理员', '网管', 'admin'],
  department_user: ['科室用户', '科室', '用户'],
  other: ['其他', '其它'],
});
const ACCEPTANCE_WORDS = vocabulary(ACCEPTANCE_STATES, {
  accepted: ['已验收', '验收', '验收通过'],
  running_unaccepted: ['运行未验收', '已上线未验收', '上线未验收', '未验收', 'running'],
  not_launched: ['未上线', '未启用'],
  on_hold: ['搁置', '已搁置', 'on hold'],
});
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell as text: numbers keep their digits (phone numbers typed as numbers), dates become YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cell.trim();
}

function isValidDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// Serial 61 is 1900-03-01: earlier serials are distorted by Excel's fictitious 1900-02-29, and no
// hospital system went live before 1900. 2958465 is 9999-12-31, Excel's last date.
const MIN_SERIAL = 61;
const MAX_SERIAL = 2_958_465;

/** Excel's 1900 date system: days since 1899-12-30 (a fraction is the time of day and is dropped). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial > MAX_SERIAL) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A calendar date from a cell: an XLSX date cell (a Date at UTC midnight), an Excel serial number
 * (a date cell read without its format, or a CSV exported from one), 2026-03-01, 2026/3/1 (what
 * Excel in China writes to CSV), 2026.3.1 or 2026年3月1日. null when it is none of these.
 */
export function parseDateCell(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') return excelSerialToDate(cell);
  const text = cellText(cell);
  if (/^\d{5}(\.\d+)?$/u.test(text)) return excelSerialToDate(Number(text));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$/u.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? `${m[1]}-${pad(mo)}-${pad(d)}` : null;
}

/** Beds of one customer: a whole number in this range (as the archive API accepts). */
const MIN_BEDS = 0;
const MAX_BEDS = 100_000;
const PHONE = /^[0-9+\-() ]{3,30}$/u;
const Email = z.email().max(254);

// ---------------------------------------------------------------------------------------------
// The table → records

type HeaderMap = { byField: Map<string, number>; headers: Partial<Record<string, string>>; ignored: string[]; errors: RowError[] };

function mapHeader(kind: ImportKind, header: Cell[], headerRow: number): HeaderMap {
  const columns = COLUMNS[kind];
  const byField = new Map<string, number>();
  const headers: Partial<Record<string, string>> = {};
  const ignored: string[] = [];
  const errors: RowError[] = [];
  header.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const key = normaliseHeader(text);
    const column = columns.find((c) => c.aliases.some((a) => normaliseHeader(a) === key));
    if (!column) {
      ignored.push(text);
      return;
    }
    if (byField.has(column.field)) {
      errors.push({
        row: headerRow,
        column: text,
        code: 'duplicate_column',
        params: { column: text, first: headers[column.field] as string },
        reason: `column "${text}" repeats "${headers[column.field]}"`,
      });
      return;
    }
    byField.set(column.field, index);
    headers[column.field] = text;
  });
  for (const column of columns) {
    if (column.required && !byField.has(column.field)) {
      const alias = column.aliases.find((a) => /^[a-z]/u.test(a)) as string;
      errors.push({
        row: headerRow,
        column: column.aliases[0],
        code: 'missing_column',
        params: { column: column.aliases[0] as string, alias },
        reason: `required column "${column.aliases[0]}" (${alias}) is missing`,
      });
    }
  }
  return { byField, headers, ignored, errors };
}

const isBlankRow = (row: Cell[] | undefined) => !row || row.every((cell) => cellText(cell) === '');

/** Per-row reader: fetches a field's cell, checks length and requiredness, records errors. */
function rowReader(kind: ImportKind, row: Cell[], rowNumber: number, header: HeaderMap, errors: RowError[]) {
  const columnOf = (field: string) => COLUMNS[kind].find((c) => c.field === field) as Column;
  const label = (field: string) => header.headers[field] ?? columnOf(field).aliases[0];
  const fail = (field: string, problem: RowProblem) => {
    errors.push({ row: rowNumber, column: label(field), ...problem } as RowError);
    return undefined;
  };
  const raw = (field: string): Cell => {
    const index = header.byField.get(field);
    return index === undefined ? undefined : row[index];
  };
  /** Text of a field: '' when absent; undefined (with an error) when too long or missing but required. */
  const text = (field: string): string | undefined => {
    const value = cellText(raw(field));
    const column = columnOf(field);
    if (value.length > Math.min(column.max, MAX_CELL_LENGTH)) {
      return fail(field, { code: 'too_long', params: { max: column.max }, reason: `longer than ${column.max} characters` });
    }
    if (column.required && value === '') return fail(field, { code: 'required', params: {}, reason: 'required' });
    return value;
  };
  const optional = (field: string): string | null | undefined => {
    const value = text(field);
    return value === undefined ? undefined : value === '' ? null : value;
  };
  const choice = <T extends string>(field: string, words: Map<string, T>, fallback: T): T | undefined => {
    const value = text(field);
    if (value === undefined) return undefined;
    if (value === '') return fallback;
    const code = words.get(word(value));
    if (code) return code;
    const allowed = [...new Set(words.values())];
    return fail(field, {
      code: 'invalid',
      params: { rule: 'choice', value, allowed },
      reason: `"${value}" is not one of ${allowed.join(', ')}`,
    });
  };
  const date = (field: string): string | null | undefined => {
    const cell = raw(field);
    const value = text(field);
    if (value === undefined) return undefined;
    if (value === '') return null;
    return (
      parseDateCell(cell) ??
      fail(field, {
        code: 'invalid',
        params: { rule: 'date', value },
        reason: `"${value}" is not a date (2026-03-01, 2026/3/1 or an Excel date)`,
      })
    );
  };
  return { raw, text, optional, choice, date, fail };
}

function customerRow(r: ReturnType<typeof rowReader>): CustomerRecord | undefined {
  const name = r.text('name');
  const province = r.text('province');
  const city = r.text('city');
  const grade = r.optional('grade');
  const address = r.optional('address');
  const kind = r.choice('kind', CUSTOMER_KIND_WORDS, 'hospital');
  // Same default as POST /customers: a hospital in the base's province but another city.
  const distanceClass = r.choice('distanceClass', DISTANCE_WORDS, 'same_province');
  let beds: number | null | undefined = null;
  const bedsText = r.text('beds');
  if (bedsText === undefined) beds = undefined;
  else if (bedsText !== '') {
    const n = Number(bedsText.replace(/,/gu, ''));
    beds =
      Number.isInteger(n) && n >= MIN_BEDS && n <= MAX_BEDS
        ? n
        : r.fail('beds', {
            code: 'invalid',
            params: { rule: 'beds', value: bedsText, min: MIN_BEDS, max: MAX_BEDS },
            reason: `"${bedsText}" is not a whole number of beds (${MIN_BEDS}–${MAX_BEDS})`,
          });
  }
  if (
    name === undefined ||
    province === undefined ||
    city === undefined ||
    grade === undefined ||
    address === undefined ||
    kind === undefined ||
    distanceClass === undefined ||
    beds === undefined
  )
    return undefined;
  return { name, kind, province, city, grade, address, beds, distanceClass };
}

function contactRow(r: ReturnType<typeof rowReader>): ContactRecord | undefined {
  const customerName = r.text('customerName');
  const name = r.text('name');
  const role = r.choice('role', ROLE_WORDS, 'other');
  const title = r.optional('title');
  let phone = r.optional('phone');
  if (phone && !PHONE.test(phone)) {
    phone = r.fail('phone', {
      code: 'invalid',
      params: { rule: 'phone', value: phone },
      reason: `"${phone}" is not a phone number (digits, spaces, + - ( ) only)`,
    });
  }
  let email = r.optional('email');
  if (email && !Email.safeParse(email).success) {
    email = r.fail('email', { code: 'invalid', params: { rule: 'email', value: email }, reason: `"${email}" is not an e-mail address` });
  }
  let isPrimary: boolean | undefined = false;
  const primaryText = r.text('isPrimary');
  if (primaryText === undefined) isPrimary = undefined;
  else if (YES.has(word(primaryText))) isPrimary = true;
  else if (!NO.has(word(primaryText))) {
    isPrimary = r.fail('isPrimary', {
      code: 'invalid',
      params: { rule: 'yes_no', value: primaryText },
      reason: `"${primaryText}" is not 是/否 (yes/no)`,
    });
  }
  if (
    customerName === undefined ||
    name === undefined ||
    role === undefined ||
    title === undefined ||
    phone === undefined ||
    email === undefined ||
    isPrimary === undefined
  )
    return undefined;
  return { customerName, name, role, title, phone, email, isPrimary };
}

function moduleRow(r: ReturnType<typeof rowReader>): ModuleRecord | undefined {
  const customerName = r.text('customerName');
  const system = r.text('system');
  const module = r.text('module');
  const version = r.optional('version');
  const goLiveDate = r.date('goLiveDate');
  // Same default as POST /customers/:id/modules.
  const acceptanceState = r.choice('acceptanceState', ACCEPTANCE_WORDS, 'not_launched');
  let acceptanceDate = r.date('acceptanceDate');
  if (acceptanceState === 'accepted' && acceptanceDate === null) {
    acceptanceDate = r.fail('acceptanceDate', {
      code: 'required',
      params: { when: 'accepted' },
      reason: 'required when the module is accepted (已验收)',
    });
  } else if (acceptanceState && acceptanceState !== 'accepted' && acceptanceDate) {
    acceptanceDate = r.fail('acceptanceDate', {
      code: 'invalid',
      params: { rule: 'acceptance_date_not_accepted', state: acceptanceState },
      reason: 'only an accepted (已验收) module has an acceptance date',
    });
  } else if (acceptanceDate && goLiveDate && acceptanceDate < goLiveDate) {
    acceptanceDate = r.fail('acceptanceDate', {
      code: 'invalid',
      params: { rule: 'acceptance_before_go_live', acceptance: acceptanceDate, goLive: goLiveDate },
      reason: `acceptance ${acceptanceDate} is before go-live ${goLiveDate}`,
    });
  }
  if (
    customerName === undefined ||
    system === undefined ||
    module === undefined ||
    version === undefined ||
    goLiveDate === undefined ||
    acceptanceState === undefined ||
    acceptanceDate === undefined
  )
    return undefined;
  return { customerName, system, module, version, goLiveDate, acceptanceState, acceptanceDate };
}

/** The identity of a record within its kind: what makes two rows "the same" (duplicates). */
export function recordKey(kind: ImportKind, record: ImportRecord): string {
  switch (kind) {
    case 'customers':
      return (record as CustomerRecord).name;
    case 'contacts': {
      const c = record as ContactRecord;
      return `${c.customerName}\u0000${c.name}`;
    }
    case 'modules': {
      const m = record as ModuleRecord;
      return `${m.customerName}\u0000${m.system.toLowerCase()}\u0000${m.module.toLowerCase()}`;
    }
  }
}

const IDENTITY_FIELD: Record<ImportKind, string> = { customers: 'name', contacts: 'name', modules: 'module' };

function headerLabel(parsed: Pick<ParsedImport, 'kind' | 'headers'>, field: string): string {
  return parsed.headers[field] ?? (COLUMNS[parsed.kind].find((c) => c.field === field)?.aliases[0] as string);
}

/**
 * Reads a whole table: the first non-blank row is the header, blank rows are skipped (they keep their
 * numbers, so errors still point at the right line), every data row is checked on its own, then rows
 * repeating an earlier row of the file are refused. Nothing here knows the database.
 */
export function parseImportTable<K extends ImportKind>({ kind, table }: { kind: K; table: Cell[][] }): ParsedImport<K> {
  const headerIndex = table.findIndex((row) => !isBlankRow(row));
  if (headerIndex < 0) {
    return {
      kind,
      rows: 0,
      records: [],
      errors: [{ row: 1, code: 'empty_file', params: { missing: 'header' }, reason: 'the file has no header row' }],
      ignoredColumns: [],
      headers: {},
    };
  }
  const header = mapHeader(kind, table[headerIndex] as Cell[], headerIndex + 1);
  const errors: RowError[] = [...header.errors];
  const records: { row: number; value: RecordOf<K> }[] = [];
  let rows = 0;
  for (let i = headerIndex + 1; i < table.length; i++) {
    const row = table[i];
    if (!row || isBlankRow(row)) continue;
    rows++;
    if (rows > MAX_IMPORT_ROWS) {
      errors.push({
        row: i + 1,
        code: 'too_many_rows',
        params: { max: MAX_IMPORT_ROWS },
        reason: `at most ${MAX_IMPORT_ROWS} rows per import: split the file`,
      });
      break;
    }
    // Without its required columns no row can be read; the header errors say why.
    if (header.errors.some((e) => e.code === 'missing_column')) continue;
    const reader = rowReader(kind, row, i + 1, header, errors);
    const value = kind === 'customers' ? customerRow(reader) : kind === 'contacts' ? contactRow(reader) : moduleRow(reader);
    if (value) records.push({ row: i + 1, value: value as RecordOf<K> });
  }
  if (rows === 0) {
    errors.push({ row: headerIndex + 2, code: 'empty_file', params: { missing: 'rows' }, reason: 'no data rows under the header' });
  }
  const parsed: ParsedImport<K> = { kind, rows, records, errors, ignoredColumns: header.ignored, headers: header.headers };
  // Duplicates inside the file: the later row is the error, pointing at the first.
  const seen = new Map<string, number>();
  parsed.records = records.filter(({ row, value }) => {
    const key = recordKey(kind, value);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row);
      return true;
    }
    errors.push({
      row,
      column: headerLabel(parsed, IDENTITY_FIELD[kind]),
      code: 'duplicate_in_file',
      params: { firstRow: first },
      reason: `repeats row ${first}`,
    });
    return false;
  });
  return parsed;
}

/** What already exists in the archive, for the rows of one file. */
export type ArchiveLookups = {
  /** Customer names that exist (for contacts and modules: the ones the file references). */
  customerNames: ReadonlySet<string>;
  /** recordKey()s of contacts or modules that already exist. */
  existingKeys: ReadonlySet<string>;
};

/**
 * Checks the records against the archive. Decisions, and why:
 * - A customer whose name exists is an error, not an update: a spreadsheet is usually older than the
 *   archive, and silently overwriting grades and addresses staff corrected in the app loses work.
 *   Edits go through the audited edit form; the preview names the row so the user deletes it.
 * - Contacts and modules refer to customers by exact name, and only to customers already in the
 *   archive: import the customers file first (it commits on its own), then contacts and modules.
 *   One kind per file keeps each preview and each all-or-nothing commit about one thing.
 * - A contact with the same name at the same customer, or a module with the same system and module
 *   (the database's unique key, here also ignoring case: "his" is HIS), already in the archive is an
 *   error, so re-importing a file after a partial manual entry doesn't double the list.
 * - At most one primary contact per customer in a file (the archive keeps one; the new one wins over
 *   the one already there, as in POST /customers/:id/contacts).
 */
export function checkAgainstArchive<K extends ImportKind>(parsed: ParsedImport<K>, lookups: ArchiveLookups): ParsedImport<K> {
  const errors = [...parsed.errors];
  const primaryRow = new Map<string, number>();
  const records = parsed.records.filter(({ row, value }) => {
    if (parsed.kind === 'customers') {
      if (lookups.customerNames.has((value as CustomerRecord).name)) {
        errors.push({
          row,
          column: headerLabel(parsed, 'name'),
          code: 'exists',
          params: { kind: 'customers' },
          reason: 'a customer with this name already exists',
        });
        return false;
      }
      return true;
    }
    const ref = value as ContactRecord | ModuleRecord;
    if (!lookups.customerNames.has(ref.customerName)) {
      errors.push({
        row,
        column: headerLabel(parsed, 'customerName'),
        code: 'unknown_customer',
        params: { customer: ref.customerName },
        reason: `no customer named "${ref.customerName}" (import customers first)`,
      });
      return false;
    }
    if (lookups.existingKeys.has(recordKey(parsed.kind, value))) {
      const what = parsed.kind === 'contacts' ? 'this contact' : 'this module';
      errors.push({
        row,
        column: headerLabel(parsed, IDENTITY_FIELD[parsed.kind]),
        code: 'exists',
        params: { kind: parsed.kind },
        reason: `${what} already exists for the customer`,
      });
      return false;
    }
    if (parsed.kind === 'contacts' && (value as ContactRecord).isPrimary) {
      const first = primaryRow.get(ref.customerName);
      if (first !== undefined) {
        errors.push({
          row,
          column: headerLabel(parsed, 'isPrimary'),
          code: 'invalid',
          params: { rule: 'second_primary', firstRow: first },
          reason: `row ${first} is already the primary contact`,
        });
        return false;
      }
      primaryRow.set(ref.customerName, row);
    }
    return true;
  });
  errors.sort((a, b) => a.row - b.row);
  return { ...parsed, records, errors };
}
