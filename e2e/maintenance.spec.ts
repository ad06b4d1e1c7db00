// Routine maintenance (issue 13), in Chinese: a Gold hospital's year shows its four rounds on the customer's
// maintenance tab (1280 px) and the year's system operation assessment is filled in; the engineer then does
// the current round on a 390 px phone — start, arrive, the checklists A/B/C, leave, the customer signs — and
// the maintenance report is offered.
import { expect, type Page, test } from '@playwright/test';
import { createWorld, screenshot, signInAdmin, signInByApi } from './support.ts';

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 18, box.y + box.height / 2 + (i % 2 ? -25 : 25));
  await page.mouse.up();
}

test('maintenance (zh-CN): a Gold year of four rounds, one round done and signed on a phone', async ({ page, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'zh-CN');
  const tiers = await admin.get<{ items: { id: string; code: string }[] }>('/service-tiers');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = Number(today.slice(0, 4));
  await admin.post('/service-contracts', {
    customerId: world.customer.id,
    tierId: tiers.items.find((t) => t.code === 'gold')?.id,
    startDate: `${year}-01-01`,
    endDate: `${year}-12-31`,
  });

  await page.setViewportSize({ width: 1280, height: 800 });
  await signInByApi(page, world.engineer, 'zh-CN', `/customers/${world.customer.id}?tab=maintenance`);
  const tab = page.getByTestId('maintenance-tab');
  await expect(tab.locator('tr.ant-table-row')).toHaveCount(4, { timeout: 30_000 });
  await expect(tab).toContainText(`${year}-01-01 – ${year}-03-31`);
  await screenshot(page, 'maintenance-tab-1280');

  // The system operation assessment (000 G) of the year: six sections, filed as a PDF in the archive.
  await page.getByTestId('assessment-new').click();
  const form = page.getByTestId('assessment-form');
  for (const key of ['performance', 'usage_patterns', 'information_flow', 'network_security', 'platform_upgrade', 'configuration']) {
    await form.getByTestId(`assessment-findings-${key}`).fill('运行正常');
  }
  await form.getByTestId('assessment-summary').fill('系统总体运行良好');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.getByTestId('assessment-card').locator('tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByTestId('assessment-pdf')).toBeVisible();

  // The round whose quarter holds today, on the phone.
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  await page.setViewportSize({ width: 390, height: 844 });
  await tab.locator('tr.ant-table-row').nth(quarter).getByRole('link').click();
  await expect(page.getByTestId('maintenance-round')).toBeVisible();
  await page.getByTestId('round-start').click();
  await page.getByTestId('round-check-in').click();
  const items = page.locator('[data-testid^="item-"]');
  await expect(items).toHaveCount(12);
  await items.nth(2).getByText('不适用', { exact: true }).click();
  await page.getByTestId('round-all-done').click();
  await page.getByTestId('round-save').click();
  await expect(page.getByText('检查结果已保存')).toBeVisible();
  await page.getByTestId('round-check-out').click();
  await page.getByTestId('round-signer').fill('张主任');
  await drawSignature(page);
  await page.getByTestId('round-sign').click();
  await expect(page.getByTestId('maintenance-round').locator('.page-header')).toContainText('已完成');
  await expect(page.getByTestId('maintenance-report')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'maintenance-round-390');
});
