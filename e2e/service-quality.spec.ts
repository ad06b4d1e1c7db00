// Service quality: the hospital answers the satisfaction survey on its confirmed request (390 px), the agents'
// return-call list and the customer's service-quality tab with the retraining quota (1280 px), both languages.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { createTicket, createWorld, type Language, openInApp, screenshot, signInAdmin, signInByApi } from './support.ts';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

const TEXT = {
  'zh-CN': {
    survey: '满意度调查',
    thanks: '感谢您的评价！',
    calls: '今日回访清单',
    overdue: '已逾期',
    tab: '服务质量',
    retraining: '再培训额度',
  },
  en: {
    survey: 'Satisfaction survey',
    thanks: 'Thank you for your feedback!',
    calls: 'Return calls due today',
    overdue: 'Overdue',
    tab: 'Service quality',
    retraining: 'Retraining quota',
  },
} as const;

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'en' as Language;
  test(`service quality: survey in the portal, the return-call list, the customer tab (${language})`, async ({ browser, baseURL }) => {
    const text = TEXT[language];
    const admin = await signInAdmin(baseURL ?? '');
    const world = await createWorld(admin, language);
    const ticket = await createTicket(admin, {
      customerId: world.customer.id,
      title: '满意度调查：门诊收费卡顿',
      description: '高峰期收费界面卡顿',
      severity: 'normal',
      channel: 'phone',
      kind: 'request',
      assigneeId: world.engineer.id,
    });
    for (const to of ['acknowledged', 'in_progress']) await admin.post(`/tickets/${ticket.id}/transitions`, { to });
    await admin.post(`/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: '优化索引' });
    await admin.post(`/tickets/${ticket.id}/transitions`, { to: 'confirmed', confirmedByName: '信息科 王工' });
    const tiers = await admin.get<{ items: { id: string; code: string }[] }>('/service-tiers');
    const gold = tiers.items.find((t) => t.code === 'gold')?.id;
    const year = new Date().getUTCFullYear();
    await admin.post('/service-contracts', {
      customerId: world.customer.id,
      tierId: gold,
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
    });

    const portalContext = await browser.newContext({ viewport: PHONE });
    const portal = await portalContext.newPage();
    await signInByApi(portal, world.customerUser, language, `/portal/requests/${ticket.id}`);
    const card = portal.getByTestId('survey-card');
    await expect(card).toContainText(text.survey);
    await card.locator('.ant-rate-star').nth(3).click();
    await card.getByTestId('survey-submit').click();
    await expect(card).toContainText(text.thanks);
    await screenshot(portal, `service-quality-survey-${language}`);

    // The agent on a laptop: the same browser, the hospital's session dropped (the app's script is cached).
    const staffContext = portalContext;
    const staff = portal;
    await staffContext.clearCookies();
    await staff.setViewportSize(LAPTOP);
    await signInByApi(staff, world.agent, language, '/return-visits');
    await expect(staff.getByTestId('call-list-title')).toHaveText(text.calls);
    const row = staff.getByRole('row', { name: new RegExp(world.customer.name) });
    await expect(row).toContainText(text.overdue);
    await screenshot(staff, `service-quality-calls-${language}`);
    await openInApp(staff, `/customers/${world.customer.id}?tab=service`);
    await expect(staff.getByTestId('customer-tab-service')).toHaveText(text.tab);
    await expect(staff.getByTestId('retraining-card')).toContainText(text.retraining);
    await screenshot(staff, `service-quality-tab-${language}`);
    await staffContext.close();
  });
}

async function drawOn(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 15, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  await page.mouse.up();
}

test('training sign-in sheet signed on a 390 px phone by the lecturer and the trainee (zh-CN)', async ({ browser, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'zh-CN');
  await admin.post(`/customers/${world.customer.id}/trainings`, {
    kind: 'topic_course',
    title: '医保接口专题培训',
    sessionDate: new Date().toISOString().slice(0, 10),
    lecturerId: world.engineer.id,
    attendees: [{ name: world.contact.name, contactId: world.contact.id }],
  });
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signInByApi(page, world.agent, 'zh-CN', `/customers/${world.customer.id}?tab=service`);
  await page.getByTestId('sign-sheet').click();
  const pads = page.getByTestId('signature-pad');
  await expect(pads).toHaveCount(2);
  await drawOn(page, pads.nth(0));
  await drawOn(page, pads.nth(1));
  await page.getByTestId('sheet-submit').click();
  await expect(page.getByTestId('customer-service-tab')).toContainText('已签名');
  await screenshot(page, 'service-quality-sign-in-sheet-zh-CN');
  await context.close();
});
