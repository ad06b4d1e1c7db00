import { describe, expect, test } from 'vitest';
import { checkAgainstArchive, excelSerialToDate, normaliseHeader, parseDateCell, parseImportTable } from './import-rows.ts';

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
    expect(parsed.errors).toEqual([{ row: 5, column: '城市', code: 'required', reason: 'required' }]);
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
    expect(twoPrimaries.errors).toMatchObject([{ row: 3, code: 'invalid', reason: 'row 2 is already the primary contact' }]);
  });
});
