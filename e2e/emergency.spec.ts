// The emergency plan (应急预案) from the web, in English (one language keeps the suite fast): a manager declares a major incident on a
// request, activates the plan in the war room, recovers and closes it; the hospital's portal shows the plan
// active with its departments on paper and follows changes live; the plan editor saves a new version. At 1280 px and 390 px.
import { expect, test } from '@playwright/test';
import {
  chooseOption,
  createTicket,
  createUser,
  createWorld,
  openInApp,
  PASSWORD,
  screenshot,
  signInAdmin,
  signInByApi,
  uniqueNumber,
} from './support.ts';

/** Texts written out here so a wrong translation fails (one language keeps the browser suite fast; the server tests cover both). */
const text = {
  declare: 'Declare major incident',
  open: 'Open',
  recovered: 'Recovered, re-entry',
  closed: 'Closed',
  active: 'Emergency plan active',
  onPaper: 'Departments working on paper',
  version2: 'version 2',
  triggerOption: '(3)',
};

test('major incident from the web, live in the portal (en)', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const language = 'en';
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, language);
  const n = uniqueNumber();
  const manager = await createUser(admin, {
    email: `manager.${n}@e2e.example.com`,
    name: `Manager ${n}`,
    password: PASSWORD,
    role: 'manager',
    team: 'service_center',
  });
  const ticket = await createTicket(admin, {
    customerId: world.customer.id,
    title: '全院HIS无法登录',
    description: '数据库置疑',
    severity: 'critical',
    channel: 'phone',
    kind: 'request',
  });

  await signInByApi(page, manager, language, `/tickets/${ticket.id}`);
  await page.getByTestId('declare-incident').click();
  await chooseOption(page, 'declare-trigger', text.triggerOption, { type: null });
  await page.getByTestId('declare-impact').fill('门诊收费停止');
  await page.getByTestId('declare-submit').click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]+$/);
  await expect(page.getByTestId('incident-status').first()).toHaveText(text.open);
  await expect(page.getByTestId('checklist-activation')).toBeVisible();
  await expect(page.getByTestId('stage-15m')).toHaveAttribute('data-fired', 'no');
  await screenshot(page, `emergency-war-room-${language}`);

  // Activation (2.5 step 3) by the manager: the third step of the activation list.
  await page.getByTestId('checklist-activation').getByTestId('tick-item').nth(1).click();
  await expect(page.getByTestId('checklist-activation').locator('.is-done')).toHaveCount(2);

  await page.getByTestId('incident-recover').click();
  await page.locator('.ant-popconfirm').getByRole('button').last().click();
  await expect(page.getByTestId('incident-status').first()).toHaveText(text.recovered);
  await page.getByTestId('incident-close').click();
  await expect(page.getByTestId('incident-status').first()).toHaveText(text.closed);

  // A narrow phone: the war room still reads.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('incident-page')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await screenshot(page, `emergency-war-room-390-${language}`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The plan editor: a reason makes a new version.
  await openInApp(page, `/customers/${world.customer.id}/emergency-plan`);
  await expect(page.getByTestId('plan-page')).toBeVisible();
  await page.getByTestId('plan-reason').fill('e2e');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plan-title').locator('..')).toContainText(text.version2);
  await screenshot(page, `emergency-plan-${language}`);

  // The hospital's side: a second incident that failed 20 minutes ago has its 15-minute departments on paper,
  // named in English by their keys.
  const second = await createTicket(admin, {
    customerId: world.customer.id,
    title: '门诊收费中断',
    description: '交换机故障',
    severity: 'critical',
    channel: 'phone',
    kind: 'request',
  });
  const incident = await admin.post<{ id: string; departments: { id: string; key: string | null }[] }>('/incidents', {
    ticketId: second.id,
    trigger: 1,
    failedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
  });
  await page.context().clearCookies();
  await signInByApi(page, world.customerUser, language, '/portal');
  const banner = page.getByTestId('portal-emergency');
  await expect(banner).toContainText(text.active);
  await expect(banner).toContainText(text.onPaper);
  await expect(banner).toContainText('Outpatient registration');
  await expect(banner).not.toContainText('门诊挂号');

  // Live: registration is back on the computer; the banner drops it without a reload (the fallback poll is a minute).
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'open');
  const registration = incident.departments.find((d) => d.key === 'outpatient_registration');
  await admin.post(`/incidents/${incident.id}/departments/${registration?.id}/back`, {});
  await expect(banner).not.toContainText('Outpatient registration');
  await expect(banner).toContainText('Outpatient billing');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `emergency-portal-390-${language}`);
  await admin.dispose();
});
