// Contracts and the customer archive, once per language: a Silver service contract made through the API
// shows on the customer page with its visits left; phone intake shows the entitlement badge; a registered
// visit lowers the visits left; a per-visit quote shows the formula's total. Screenshots for review.
import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import type { Tier } from '../src/web/features/contracts/api.ts';
import { chooseOption, createHospital, type Language, openInApp, SCREENSHOTS, screenshot, signInAdmin, signInByApi } from './support.ts';

/** Texts written out here (not read from the dictionaries) so a wrong translation fails. */
const TEXT = {
  'zh-CN': {
    tier: '银牌级',
    visitsLeft10: '10 / 10 次',
    visitsLeft9: '9 / 10 次',
    badge: '服务合同 · 银牌级 · 剩余 10 次上门',
    badgeAfterVisit: '服务合同 · 银牌级 · 剩余 9 次上门',
    explanation: /^银牌级服务合同有效至 \d{4}-\d{2}-\d{2}；本合同年度剩余上门次数：10 次。$/,
    visitRegistered: '已登记上门',
    // 2 people × (¥800 travel + (¥300 lodging + ¥1,000 daily fee) × 3 days) = 2 × ¥4,700 = ¥9,400
    perPerson: '每人：¥800.00 + （¥300.00 + ¥1,000.00）× 3 天 = ¥4,700.00',
    total: '¥9,400.00',
    quoteDraft: '草稿',
    contractsTitle: '服务合同',
  },
  en: {
    tier: 'Silver',
    visitsLeft10: '10 of 10',
    visitsLeft9: '9 of 10',
    badge: 'Service contract · Silver · Visits left: 10',
    badgeAfterVisit: 'Service contract · Silver · Visits left: 9',
    explanation: /^Silver service contract until \d{4}-\d{2}-\d{2}; on-site visits left this contract year: 10\.$/,
    visitRegistered: 'Visit registered',
    perPerson: 'Per person: CN¥800.00 + (CN¥300.00 + CN¥1,000.00) × 3 d = CN¥4,700.00',
    total: 'CN¥9,400.00',
    quoteDraft: 'Draft',
    contractsTitle: 'Service contracts',
  },
} as const;

/** A calendar date in the service zone, `days` from today. */
function localDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A full-page screenshot with the viewport grown to the page. */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** antd DatePicker: type the date and confirm. */
async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'zh-CN' as Language;
  test(`contracts, entitlement, visits and quotes (${language})`, async ({ page, baseURL }) => {
    const text = TEXT[language as Language];
    const admin = await signInAdmin(baseURL ?? '');
    const { customer, searchText } = await createHospital(admin);
    const tiers = await admin.get<{ items: Tier[] }>('/service-tiers');
    const silver = tiers.items.find((tier) => tier.code === 'silver');
    if (!silver) throw new Error('the Silver tier is not seeded');
    await admin.post(`/customers/${customer.id}/system-contracts`, {
      title: language === 'en' ? 'HIS, EMR and LIS project' : 'HIS、EMR、LIS 项目合同',
      signedDate: localDate(-900),
      totalPriceFen: 268_000_000,
      acceptanceDate: localDate(-700),
    });
    await admin.post(`/customers/${customer.id}/modules`, {
      system: 'HIS',
      module: language === 'en' ? 'Outpatient billing' : '门诊收费',
      version: '5.2',
      goLiveDate: localDate(-760),
      acceptanceState: 'accepted',
      acceptanceDate: localDate(-700),
    });
    await admin.post(`/customers/${customer.id}/modules`, {
      system: 'LIS',
      module: language === 'en' ? 'Lab results' : '检验报告',
      goLiveDate: localDate(-200),
      acceptanceState: 'running_unaccepted',
    });
    await admin.post(`/customers/${customer.id}/modules`, {
      system: 'PACS',
      module: language === 'en' ? 'Imaging' : '影像归档',
      acceptanceState: 'not_launched',
    });
    await admin.post('/service-contracts', {
      customerId: customer.id,
      tierId: silver.id,
      startDate: localDate(-30),
      endDate: localDate(20),
      accountOwnerId: admin.user.id,
    });

    // The customer page, contracts tab: the tier and the visits left.
    await signInByApi(page, E2E_ADMIN, language, `/customers/${customer.id}?tab=contracts`);
    await expect(page.getByTestId('customer-name-heading')).toHaveText(customer.name);
    await expect(page.getByTestId('service-contract-tier-name')).toHaveText(text.tier);
    await expect(page.getByTestId('service-contract-table').getByTestId('visits-left')).toHaveText(text.visitsLeft10);
    await expect(page.getByTestId('customer-entitlement-text')).toHaveText(text.badge);
    await fullScreenshot(page, `contracts-customer-contracts-${language}`);
    await page.getByTestId('customer-tab-systems').click();
    await expect(page.getByTestId('module-table').getByTestId('module-state')).toHaveCount(3);
    await fullScreenshot(page, `contracts-customer-systems-${language}`);

    // One edit for the whole profile card: the customer's own fields and the archive's beds together.
    await page.getByTestId('customer-tab-profile').click();
    await page.getByTestId('archive-profile-edit').click();
    await page.getByTestId('customer-city').fill('宜昌');
    await page.getByTestId('archive-beds').fill('800');
    await page.getByTestId('customer-form-submit').click();
    await expect(page.getByTestId('archive-profile')).toContainText('800');
    await expect(page.getByTestId('archive-profile')).toContainText('宜昌');

    // Phone intake: pick the customer, see the entitlement badge and its explanation.
    await page.getByTestId('nav-intake').click();
    const customerPicker = page.getByTestId('intake-customer');
    await chooseOption(page, customerPicker, customer.name, { type: searchText });
    await expect(page.getByTestId('intake-entitlement-text')).toHaveText(text.badge);
    await expect(page.getByTestId('intake-entitlement')).toHaveAttribute('data-basis', 'service_contract');
    await page.getByTestId('intake-entitlement').hover();
    await expect(page.getByTestId('intake-entitlement-explanation')).toHaveText(text.explanation);
    await fullScreenshot(page, `contracts-intake-badge-${language}`);

    // The visit register: one visit today leaves 9.
    await openInApp(page, `/customers/${customer.id}?tab=visits`);
    await expect(page.getByTestId('visits-current-left')).toHaveAttribute('data-left', '10');
    await page.getByTestId('visit-register').click();
    await chooseOption(page, 'visit-engineers', admin.user.name);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('visit-engineers')).toContainText(admin.user.name);
    await page.getByTestId('visit-submit').click();
    await expect(page.getByText(text.visitRegistered)).toBeVisible();
    await expect(page.getByTestId('visits-current-left')).toHaveAttribute('data-left', '9');
    await expect(page.getByTestId('visits-entitlement-text')).toHaveText(text.badgeAfterVisit);
    await expect(page.getByTestId('visit-table').locator('tbody tr.ant-table-row')).toHaveCount(1);

    // A per-visit quote: 2 people, ¥800 travel, ¥300 lodging, the default ¥1,000 daily fee, 3 days.
    await page.getByTestId('quote-create').click();
    await page.getByTestId('quote-people').fill('2');
    await page.getByTestId('quote-travel').fill('800');
    await page.getByTestId('quote-lodging').fill('300');
    await expect(page.getByTestId('quote-daily-fee')).toHaveValue('1000.00');
    await pickDate(page, 'quote-arrival', localDate(10));
    await pickDate(page, 'quote-departure', localDate(12));
    await expect(page.getByTestId('quote-formula')).toContainText(text.perPerson);
    await expect(page.getByTestId('quote-total')).toHaveText(text.total);
    await page.getByTestId('quote-submit').click();
    await expect(page.getByTestId('quote-row-total')).toHaveText(text.total);
    await expect(page.getByTestId('quote-state')).toHaveText(text.quoteDraft);
    // Quotes are numbered like requests: BJ-<year>-<sequence>.
    await expect(page.getByTestId('quote-number')).toHaveText(/^BJ-\d{4}-\d{4}$/);
    await fullScreenshot(page, `contracts-customer-visits-${language}`);

    // The contracts list: this contract ends within 30 days.
    await page.getByTestId('nav-contracts').click();
    await expect(page.getByRole('heading', { level: 4, name: text.contractsTitle })).toBeVisible();
    await page.getByTestId('contracts-filter-expiring30').click();
    await expect(page.getByTestId('contracts-table').getByText(customer.name)).toBeVisible();
    await expect(page.locator('.ant-segmented-thumb')).toHaveCount(0); // the selection has finished sliding
    await fullScreenshot(page, `contracts-list-${language}`);
    await admin.dispose();
  });
}
