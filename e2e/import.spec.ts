// Spreadsheet import, once per language: an agent uploads a customers CSV with one bad row (the row, its
// column and the reason show, the commit is disabled and says why), then the corrected file, commits, and
// finds the new customer in the customers list. Screenshots of the preview with a bad row for review.
import { expect, type Page, test } from '@playwright/test';
import { createAgent, type Language, SCREENSHOTS, screenshot, signInAdmin, signInByApi, uniqueNumber } from './support.ts';

/** Texts written out here (not read from the dictionaries) so a wrong translation fails. */
const TEXT = {
  'zh-CN': {
    importButton: '导入',
    title: '导入客户档案',
    rowLabel: '第 3 行',
    badColumn: '床位数',
    badReason: '“很多”不是有效的床位数（0–100000 的整数）',
    errorsSummary: '发现 1 处问题',
    blocked: '还有 1 处问题，修改后才能导入',
    commitBad: '全部导入（1 行）',
    allGood: '全部 2 行均可导入',
    commitGood: '全部导入（2 行）',
    done: '已导入客户 2 条（文件共 2 行）。',
    backToCustomers: '返回客户列表',
    customersTitle: '客户',
    wrongFileTitle: '不是可读取的电子表格',
    wrongFile: '请上传 CSV（UTF-8 或 GBK 编码）或 .xlsx 文件。旧版 .xls 文件请先在 Excel 中另存为 .xlsx。',
  },
  en: {
    importButton: 'Import',
    title: 'Import the customer archive',
    rowLabel: 'Row 3',
    badColumn: '床位数',
    badReason: '"很多" is not a number of beds (a whole number from 0 to 100000)',
    errorsSummary: 'Problems found: 1',
    blocked: 'Problems left to correct before importing: 1',
    commitBad: 'Import all (1)',
    allGood: 'Every row is ready to import (2)',
    commitGood: 'Import all (2)',
    done: 'Customers: 2 imported from 2 rows.',
    backToCustomers: 'Back to customers',
    customersTitle: 'Customers',
    wrongFileTitle: 'Not a readable spreadsheet',
    wrongFile: 'Upload a CSV (UTF-8 or GBK) or .xlsx file. Save old .xls files as .xlsx in Excel first.',
  },
} as const;

const HEADER = '客户名称,省份,城市,等级,类型,床位数,距离分类,备注';

/** A full-page screenshot with the viewport grown to the page (the fixed header and menu stay at the top). */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A UTF-8 CSV with a BOM, as Excel saves it. */
function csv(lines: string[]): Buffer {
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'zh-CN' as Language;
  test(`spreadsheet import of customers (${language})`, async ({ page, baseURL }) => {
    const text = TEXT[language as Language];
    const admin = await signInAdmin(baseURL ?? '');
    const agent = await createAgent(admin, language === 'en' ? 'Agent Ida' : '坐席小周');
    const n = uniqueNumber();
    const first = `导入测试第${n}人民医院`;
    const second = `导入测试第${n}中医院`;

    await signInByApi(page, agent, language, '/customers');
    await expect(page.getByTestId('customer-import')).toHaveText(text.importButton);
    await page.getByTestId('customer-import').click();
    await expect(page).toHaveURL(/\/customers\/import$/);
    await expect(page.getByTestId('import-title')).toHaveText(text.title);
    await expect(page.getByTestId('import-columns')).toContainText('客户名称');

    // A picture saved as .xlsx: the server reads the bytes and refuses it (415), said in plain words.
    const fileInput = page.getByTestId('import-upload').locator('input[type="file"]');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await fileInput.setInputFiles({ name: 'hospitals.xlsx', mimeType: 'application/octet-stream', buffer: png });
    await expect(page.getByTestId('import-failure')).toContainText(text.wrongFileTitle);
    await expect(page.getByTestId('import-failure')).toContainText(text.wrongFile);

    // Row 3 has a word where the number of beds belongs.
    await fileInput.setInputFiles({
      name: 'customers.csv',
      mimeType: 'text/csv',
      buffer: csv([
        HEADER,
        `${first},浙江省,杭州市,三级甲等,医院,1200,同城,`,
        `${second},浙江省,湖州市,二级甲等,医院,很多,同省,床位待核实`,
      ]),
    });
    await expect(page.getByTestId('import-count-rows')).toHaveText('2');
    await expect(page.getByTestId('import-count-valid')).toHaveText('1');
    await expect(page.getByTestId('import-count-bad')).toHaveText('1');
    await expect(page.getByTestId('import-errors-summary')).toContainText(text.errorsSummary);
    const badRow = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await expect(badRow).toHaveCount(1);
    await expect(badRow.locator('td').nth(0)).toHaveText(text.rowLabel);
    await expect(badRow.locator('td').nth(1)).toHaveText(text.badColumn);
    await expect(badRow.locator('td').nth(2)).toHaveText(text.badReason);
    await expect(page.getByTestId('import-sample')).toContainText(first);
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    await expect(page.getByTestId('import-commit')).toHaveText(text.commitBad);
    await expect(page.getByTestId('import-commit-blocked')).toHaveText(text.blocked);
    await fullScreenshot(page, `import-preview-bad-row-${language}`);

    // The corrected file: both rows import, in one go.
    await fileInput.setInputFiles({
      name: 'customers-fixed.csv',
      mimeType: 'text/csv',
      buffer: csv([HEADER, `${first},浙江省,杭州市,三级甲等,医院,1200,同城,`, `${second},浙江省,湖州市,二级甲等,医院,350,同省,`]),
    });
    await expect(page.getByTestId('import-count-valid')).toHaveText('2');
    await expect(page.getByTestId('import-count-bad')).toHaveText('0');
    await expect(page.getByTestId('import-errors')).toHaveCount(0);
    await expect(page.getByTestId('import-all-good')).toHaveText(text.allGood);
    await expect(page.getByTestId('import-commit')).toBeEnabled();
    await expect(page.getByTestId('import-commit')).toHaveText(text.commitGood);
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toHaveText(text.done);
    await fullScreenshot(page, `import-done-${language}`);

    await expect(page.getByTestId('import-done-customers')).toHaveText(text.backToCustomers);
    await page.getByTestId('import-done-customers').click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.locator('.page-title')).toHaveText(text.customersTitle);
    // antd may put the test id on the input itself or on its wrapper.
    await page.locator('input[data-testid="customer-search"], [data-testid="customer-search"] input').first().fill(`第${n}中医院`);
    const rows = page.getByTestId('customer-table').locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(second);
    await expect(rows.first()).toContainText('湖州市');

    // The same file again: both names now exist, so the preview refuses both rows.
    await page.getByTestId('customer-import').click();
    await fileInput.setInputFiles({
      name: 'customers-fixed.csv',
      mimeType: 'text/csv',
      buffer: csv([HEADER, `${first},浙江省,杭州市,三级甲等,医院,1200,同城,`]),
    });
    await expect(page.getByTestId('import-count-valid')).toHaveText('0');
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    await admin.dispose();
  });
}
