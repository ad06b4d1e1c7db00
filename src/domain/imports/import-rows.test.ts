import { describe, expect, test } from 'vitest';
import {
  checkAgainstArchive,
  excelSerialToDate,
  MAX_IMPORT_ROWS,
  normaliseHeader,
  parseDateCell,
  parseImportTable,
  type RowError,
  RowErrorSchema,
} from './import-rows.ts';

describe('cells', () => {
  test.each([
    ['2026-03-01', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026.03.01', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['2026/3/1 00:00', '2026-03-01'],
    [46082, '2026-03-01'],
    ['46082', '2026-03-01'],
    [46082.75, '2026-03-01'],
    [new Date('2024-02-29T00:00:00Z'), '2024-02-29'],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['next week', null],
    [60, null],
    [3_000_000, null],
  ])('date %s → %s', (cell, expected) => {
    expect(parseDateCell(cell)).toBe(expected);
  });

  test('Excel serials: the 1900 system from 1900-03-01 on', () => {
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(2_958_465)).toBe('9999-12-31');
  });

  test('headers: case, spaces, required markers and bracketed hints do not matter', () => {
    expect(normaliseHeader(' 上线日期（YYYY-MM-DD） ')).toBe('上线日期');
    expect(normaliseHeader('*客户名称')).toBe('客户名称');
    expect(normaliseHeader('Go-Live')).toBe('golive');
    expect(normaliseHeader('E-mail')).toBe('email');
  });
});

describe('tables', () => {
  test('the first non-blank row is the header; row numbers are the spreadsheet’s', () => {
    const parsed = parseImportTable({
      kind: 'customers',
      table: [[], ['客户名称', '省份', '城市'], ['甲医院', '湖北省', '武汉市'], [null, '', null], ['乙医院', '湖北省', '']],
    });
    expect(parsed.rows).toBe(2);
    expect(parsed.records.map((r) => r.row)).toEqual([3]);
    expect(parsed.errors).toEqual([{ row: 5, column: '城市', code: 'required', params: {}, reason: 'required' }]);
  });

  test('an empty file, a header without rows, a repeated column', () => {
    expect(parseImportTable({ kind: 'customers', table: [] }).errors).toMatchObject([{ row: 1, code: 'empty_file' }]);
    expect(parseImportTable({ kind: 'customers', table: [['客户名称', '省份', '城市']] }).errors).toMatchObject([
      { row: 2, code: 'empty_file' },
    ]);
    const repeated = parseImportTable({
      kind: 'customers',
      table: [
        ['客户名称', 'name', '省份', '城市'],
        ['甲', '甲', '湖北省', '武汉市'],
      ],
    });
    expect(repeated.errors).toMatchObject([{ row: 1, column: 'name', code: 'duplicate_column' }]);
  });

  test('over-long cells are refused with the column’s limit', () => {
    const parsed = parseImportTable({
      kind: 'customers',
      table: [
        ['客户名称', '省份', '城市'],
        ['医'.repeat(201), '湖北省', '武汉市'],
      ],
    });
    expect(parsed.errors).toMatchObject([{ row: 2, column: '客户名称', code: 'too_long' }]);
  });

  test('against the archive: unknown customers, existing modules (ignoring case), two primary contacts', () => {
    const modules = parseImportTable({
      kind: 'modules',
      table: [
        ['客户名称', '系统', '模块'],
        ['甲医院', 'HIS', '门诊'],
        ['乙医院', 'HIS', '门诊'],
        ['甲医院', 'EMR', '病历'],
      ],
    });
    const checked = checkAgainstArchive(modules, {
      customerNames: new Set(['甲医院']),
      existingKeys: new Set(['甲医院\u0000his\u0000门诊']),
    });
    expect(checked.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'exists'],
      [3, 'unknown_customer'],
    ]);
    expect(checked.records.map((r) => r.row)).toEqual([4]);

    const contacts = parseImportTable({
      kind: 'contacts',
      table: [
        ['客户名称', '姓名', '主联系人'],
        ['甲医院', '张三', '是'],
        ['甲医院', '李四', 'yes'],
      ],
    });
    const twoPrimaries = checkAgainstArchive(contacts, { customerNames: new Set(['甲医院']), existingKeys: new Set() });
    expect(twoPrimaries.errors).toMatchObject([
      { row: 3, code: 'invalid', params: { rule: 'second_primary', firstRow: 2 }, reason: 'row 2 is already the primary contact' },
    ]);
  });
});

// Every error carries `code` + `params` (what the web translates from) besides the English `reason`.
const problems = (errors: RowError[]) => errors.map(({ row, column, code, params }) => ({ row, column, code, params }));

describe('codes and params for every kind of bad cell', () => {
  test('file and header: no header, no rows, a missing or repeated column, too many rows', () => {
    expect(problems(parseImportTable({ kind: 'customers', table: [[null]] }).errors)).toEqual([
      { row: 1, column: undefined, code: 'empty_file', params: { missing: 'header' } },
    ]);
    expect(problems(parseImportTable({ kind: 'customers', table: [[], ['客户名称', '省份', '城市']] }).errors)).toEqual([
      { row: 3, column: undefined, code: 'empty_file', params: { missing: 'rows' } },
    ]);
    const header = parseImportTable({
      kind: 'modules',
      table: [
        ['客户名称', '系统', 'System（HIS 等）'],
        ['甲医院', 'HIS', 'HIS'],
      ],
    });
    expect(problems(header.errors)).toEqual([
      { row: 1, column: 'System（HIS 等）', code: 'duplicate_column', params: { column: 'System（HIS 等）', first: '系统' } },
      { row: 1, column: '模块', code: 'missing_column', params: { column: '模块', alias: 'module' } },
    ]);
    const big = parseImportTable({
      kind: 'customers',
      table: [['客户名称', '省份', '城市'], ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [`医院${i}`, '湖北省', '武汉市'])],
    });
    expect(problems(big.errors)).toEqual([
      { row: MAX_IMPORT_ROWS + 2, column: undefined, code: 'too_many_rows', params: { max: MAX_IMPORT_ROWS } },
    ]);
  });

  test('customers: required, too long, a word that is no choice, beds, repeated rows', () => {
    const parsed = parseImportTable({
      kind: 'customers',
      table: [
        ['客户名称', '省份', '城市', '类型', '床位', '距离'],
        ['甲医院', '湖北省', '', '', '', ''],
        ['医'.repeat(201), '湖北省', '武汉市', '', '', ''],
        ['乙医院', '湖北省', '武汉市', '诊所', '', ''],
        ['丙医院', '湖北省', '武汉市', '', '很多', ''],
        ['丁医院', '湖北省', '武汉市', '', '-1', '很远'],
        ['戊医院', '湖北省', '武汉市', '', '1,200', ''],
        ['戊医院', '湖北省', '宜昌市', '', '', ''],
      ],
    });
    expect(problems(parsed.errors)).toEqual([
      { row: 2, column: '城市', code: 'required', params: {} },
      { row: 3, column: '客户名称', code: 'too_long', params: { max: 200 } },
      { row: 4, column: '类型', code: 'invalid', params: { rule: 'choice', value: '诊所', allowed: ['hospital', 'agency'] } },
      { row: 5, column: '床位', code: 'invalid', params: { rule: 'beds', value: '很多', min: 0, max: 100_000 } },
      {
        row: 6,
        column: '距离',
        code: 'invalid',
        params: { rule: 'choice', value: '很远', allowed: ['same_city', 'same_province', 'elsewhere'] },
      },
      { row: 6, column: '床位', code: 'invalid', params: { rule: 'beds', value: '-1', min: 0, max: 100_000 } },
      { row: 8, column: '客户名称', code: 'duplicate_in_file', params: { firstRow: 7 } },
    ]);
    expect(parsed.records.map((r) => [r.row, (r.value as { beds: number | null }).beds])).toEqual([[7, 1200]]);
  });

  test('contacts: phone, e-mail, yes/no, role', () => {
    const parsed = parseImportTable({
      kind: 'contacts',
      table: [
        ['客户名称', '姓名', '电话', '邮箱', '主联系人', '角色'],
        ['甲医院', '张三', '电话号码', '', '', ''],
        ['甲医院', '李四', '', 'li@', '', ''],
        ['甲医院', '王五', '', '', '也许', ''],
        ['甲医院', '赵六', '', '', '', '厨师'],
      ],
    });
    expect(problems(parsed.errors)).toEqual([
      { row: 2, column: '电话', code: 'invalid', params: { rule: 'phone', value: '电话号码' } },
      { row: 3, column: '邮箱', code: 'invalid', params: { rule: 'email', value: 'li@' } },
      { row: 4, column: '主联系人', code: 'invalid', params: { rule: 'yes_no', value: '也许' } },
      {
        row: 5,
        column: '角色',
        code: 'invalid',
        params: { rule: 'choice', value: '厨师', allowed: ['leadership', 'it_director', 'sysadmin', 'department_user', 'other'] },
      },
    ]);
  });

  test('modules: dates, and the acceptance date against the state and the go-live', () => {
    const parsed = parseImportTable({
      kind: 'modules',
      table: [
        ['客户名称', '系统', '模块', '上线日期', '验收状态', '验收日期'],
        ['甲医院', 'HIS', '门诊', '下周', '', ''],
        ['甲医院', 'HIS', '住院', '2026-03-01', '已验收', ''],
        ['甲医院', 'HIS', '药房', '2026-03-01', '未验收', '2026-04-01'],
        ['甲医院', 'HIS', '检验', '2026-03-01', '已验收', '2026-02-01'],
      ],
    });
    expect(problems(parsed.errors)).toEqual([
      { row: 2, column: '上线日期', code: 'invalid', params: { rule: 'date', value: '下周' } },
      { row: 3, column: '验收日期', code: 'required', params: { when: 'accepted' } },
      { row: 4, column: '验收日期', code: 'invalid', params: { rule: 'acceptance_date_not_accepted', state: 'running_unaccepted' } },
      {
        row: 5,
        column: '验收日期',
        code: 'invalid',
        params: { rule: 'acceptance_before_go_live', acceptance: '2026-02-01', goLive: '2026-03-01' },
      },
    ]);
  });

  test('against the archive: exists (per kind) and unknown customers', () => {
    const customers = parseImportTable({
      kind: 'customers',
      table: [
        ['客户名称', '省份', '城市'],
        ['甲医院', '湖北省', '武汉市'],
      ],
    });
    expect(problems(checkAgainstArchive(customers, { customerNames: new Set(['甲医院']), existingKeys: new Set() }).errors)).toEqual([
      { row: 2, column: '客户名称', code: 'exists', params: { kind: 'customers' } },
    ]);
    const contacts = parseImportTable({
      kind: 'contacts',
      table: [
        ['客户', '姓名'],
        ['甲医院', '张三'],
        ['乙医院', '李四'],
      ],
    });
    const checked = checkAgainstArchive(contacts, { customerNames: new Set(['甲医院']), existingKeys: new Set(['甲医院\u0000张三']) });
    expect(problems(checked.errors)).toEqual([
      { row: 2, column: '姓名', code: 'exists', params: { kind: 'contacts' } },
      { row: 3, column: '客户', code: 'unknown_customer', params: { customer: '乙医院' } },
    ]);
  });

  test('every error matches the schema the API responds with', () => {
    const parsed = parseImportTable({
      kind: 'customers',
      table: [
        ['客户名称', '省份', '城市', '床位'],
        ['甲医院', '湖北省', '', '很多'],
      ],
    });
    expect(parsed.errors).toHaveLength(2);
    for (const error of parsed.errors) expect(RowErrorSchema.parse(error)).toEqual(error);
  });
});
