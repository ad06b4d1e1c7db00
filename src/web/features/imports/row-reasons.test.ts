import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkAgainstArchive, parseImportTable, type RowError } from '../../../domain/imports/import-rows.ts';
import { fixedTranslations } from '../../i18n/testing.ts';
import { rowReason } from './row-reasons.ts';

// The page's translation of every kind of row error, from code + params only: the errors come from the
// domain rules (as the server sends them) and the texts are pinned in both languages.
let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  ({ zh, english } = await fixedTranslations());
});

const cells = (kind: 'customers' | 'contacts' | 'modules', table: (string | null)[][]) => parseImportTable({ kind, table }).errors;

describe('rowReason', () => {
  test('bad cells of customers', () => {
    const errors = cells('customers', [
      ['客户名称', '省份', '城市', '类型', '床位'],
      ['甲医院', '湖北省', '', '', ''],
      ['医'.repeat(201), '湖北省', '武汉市', '', ''],
      ['乙医院', '湖北省', '武汉市', '诊所', ''],
      ['丙医院', '湖北省', '武汉市', '', '很多'],
      ['丁医院', '湖北省', '武汉市', '', ''],
      ['丁医院', '湖北省', '武汉市', '', ''],
    ]);
    expect(errors.map((e) => rowReason(e, zh))).toEqual([
      '必填',
      '不能超过 200 个字符',
      '“诊所”不是可选的值，请按填写说明填写',
      '“很多”不是有效的床位数（0–100000 的整数）',
      '与第 6 行重复',
    ]);
    expect(errors.map((e) => rowReason(e, english))).toEqual([
      'Required',
      'Longer than 200 characters',
      '"诊所" is not one of the accepted values (see What to enter)',
      '"很多" is not a number of beds (a whole number from 0 to 100000)',
      'Repeats row 6',
    ]);
  });

  test('bad cells of contacts and modules', () => {
    const contacts = cells('contacts', [
      ['客户名称', '姓名', '电话', '邮箱', '主联系人'],
      ['甲医院', '张三', '电话', '', ''],
      ['甲医院', '李四', '', 'li@', ''],
      ['甲医院', '王五', '', '', '也许'],
    ]);
    const modules = cells('modules', [
      ['客户名称', '系统', '模块', '上线日期', '验收状态', '验收日期'],
      ['甲医院', 'HIS', '门诊', '下周', '', ''],
      ['甲医院', 'HIS', '住院', '', '已验收', ''],
      ['甲医院', 'HIS', '药房', '', '未上线', '2026-04-01'],
      ['甲医院', 'HIS', '检验', '2026-03-01', '已验收', '2026-02-01'],
    ]);
    expect([...contacts, ...modules].map((e) => rowReason(e, zh))).toEqual([
      '“电话”不是有效的电话号码（只能包含数字、空格及 + - ( )）',
      '“li@”不是有效的邮箱地址',
      '“也许”应为“是”或“否”',
      '“下周”不是有效日期（如 2026-03-01、2026/3/1 或 Excel 日期）',
      '验收状态为已验收时必填',
      '只有已验收的模块才能填写验收日期',
      '验收日期 2026-02-01 早于上线日期 2026-03-01',
    ]);
    expect([...contacts, ...modules].map((e) => rowReason(e, english))).toEqual([
      '"电话" is not a phone number (digits, spaces and + - ( ) only)',
      '"li@" is not an email address',
      '"也许" should be yes or no (是 / 否)',
      '"下周" is not a date (e.g. 2026-03-01, 2026/3/1 or an Excel date)',
      'Required when the module is accepted',
      'Only an accepted module has an acceptance date',
      'Acceptance date 2026-02-01 is before the go-live date 2026-03-01',
    ]);
  });

  test('the file, its header and the archive', () => {
    const header = cells('modules', [
      ['客户名称', '系统', 'system'],
      ['甲医院', 'HIS', 'HIS'],
    ]);
    const contacts = parseImportTable({
      kind: 'contacts',
      table: [
        ['客户名称', '姓名', '主联系人'],
        ['甲医院', '张三', '是'],
        ['甲医院', '李四', '是'],
        ['乙医院', '王五', ''],
        ['甲医院', '赵六', ''],
      ],
    });
    const archive = checkAgainstArchive(contacts, {
      customerNames: new Set(['甲医院']),
      existingKeys: new Set(['甲医院\u0000赵六']),
    }).errors;
    const errors = [...cells('customers', []), ...cells('customers', [['客户名称', '省份', '城市']]), ...header, ...archive];
    expect(errors.map((e) => rowReason(e, zh))).toEqual([
      '文件没有表头行',
      '表头下没有数据行',
      '与“系统”是同一列，请删除其中一列',
      '缺少必填列“模块”',
      '第 2 行已是该客户的主要联系人',
      '档案中没有名为“乙医院”的客户，请先导入客户',
      '该客户已有同名联系人',
    ]);
    const tooMany: RowError = {
      row: 5002,
      code: 'too_many_rows',
      params: { max: 5000 },
      reason: 'at most 5000 rows per import: split the file',
    };
    expect(rowReason(tooMany, zh)).toBe('每次最多导入 5000 行，请拆分文件');
    expect(rowReason(tooMany, english)).toBe('At most 5000 rows per import; split the file');
  });

  test('a code or rule this page does not know shows the server’s sentence', () => {
    const unknownCode = { row: 2, code: 'too_old', params: {}, reason: 'the module is too old' } as unknown as RowError;
    const unknownRule = { row: 2, code: 'invalid', params: { rule: 'colour' }, reason: '"red" is not a colour' } as unknown as RowError;
    expect(rowReason(unknownCode, zh)).toBe('the module is too old');
    expect(rowReason(unknownRule, english)).toBe('"red" is not a colour');
  });
});
