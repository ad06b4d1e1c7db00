// Live queue updates across browser contexts, and a hospital user kept out of another hospital's request.
import { expect, test } from '@playwright/test';
import { Api, createAgent, createHospital, createTicket, openInApp, screenshot, signInAdmin, signInByApi, TEXT } from './support.ts';

test('a request created elsewhere appears in an open queue without a reload', async ({ page, browser, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const setup = Promise.all([createHospital(admin), createAgent(admin, 'Agent A'), createAgent(admin, 'Agent B')]);
  const [hospital, agentA, agentB] = await setup.finally(() => admin.dispose());

  // Agent A: the queue is open (it comes rendered, its list with it), the app running and the live stream connected.
  await signInByApi(page, agentA, 'zh-CN', '/queue');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('live-indicator')).toHaveText(TEXT['zh-CN'].liveOpen);

  // A marker that a reload or navigation would wipe.
  await page.evaluate(() => document.body.setAttribute('data-e2e-marker', 'before'));

  // Agent B, in a browser context of its own, creates a request through the API.
  const contextB = await browser.newContext({ baseURL });
  try {
    const agentBApi = await Api.signInOn(contextB.request, agentB);
    const ticket = await createTicket(agentBApi, {
      customerId: hospital.customer.id,
      contactId: hospital.contact.id,
      title: '住院部医嘱系统打印异常',
      description: 'Printing from the inpatient order system fails on ward 3.',
      severity: 'urgent',
      channel: 'phone',
      kind: 'request',
    });

    // A's queue shows it, and the live message raised a notice naming it.
    const row = page.getByTestId('queue-table').getByTestId(`ticket-row-${ticket.number}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('住院部医嘱系统打印异常');
    await expect(row).toContainText(hospital.customer.name);
    await expect(page.locator('.ant-notification-notice').filter({ hasText: `新服务请求 ${ticket.number}` })).toBeVisible();
    await expect(page.locator('body')).toHaveAttribute('data-e2e-marker', 'before');
    await expect(page).toHaveURL(/\/queue$/);
  } finally {
    await contextB.close();
  }
});

test("a hospital user cannot open another hospital's request", async ({ page, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const [hospitalX, hospitalY] = await Promise.all([createHospital(admin), createHospital(admin)]).catch(async (error: unknown) => {
    await admin.dispose();
    throw error;
  });
  const create = (customerId: string, title: string) =>
    createTicket(admin, {
      customerId,
      title,
      description: `${title}: details`,
      severity: 'normal',
      channel: 'phone',
      kind: 'consultation',
    });
  const [ownTicket, otherTicket] = await Promise.all([
    create(hospitalX.customer.id, 'X 医院自己的咨询'),
    create(hospitalY.customer.id, 'Y 医院机密：院长办公系统故障'),
  ]).finally(() => admin.dispose());

  const text = TEXT['zh-CN'];
  // Its own request opens (so the refusal below is about the other hospital, not a broken page).
  await signInByApi(page, hospitalX.customerUser, 'zh-CN', `/portal/requests/${ownTicket.id}`);
  await expect(page.getByTestId('ticket-number')).toHaveText(ownTicket.number);
  await expect(page.getByTestId('ticket-title')).toHaveText(ownTicket.title);

  // The portal's route for Y's request: the API says not found and so does the page.
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${otherTicket.id}`));
  await openInApp(page, `/portal/requests/${otherTicket.id}`);
  const response = await answer;
  expect(response.status()).toBe(404);
  const body = await response.text();
  expect(body).not.toContain(otherTicket.title);
  expect(body).not.toContain(otherTicket.number);
  await expect(page.locator('.ant-result-404')).toBeVisible();
  await expect(page.locator('.ant-result-title')).toHaveText(text.notFound);
  await expect(page.getByTestId('ticket-detail')).toHaveCount(0);
  await expect(page.getByText(otherTicket.title)).toHaveCount(0);
  await expect(page.getByText(otherTicket.number)).toHaveCount(0);
  await expect(page.getByText(hospitalY.customer.name)).toHaveCount(0);
  await screenshot(page, 'portal-not-found-zh-CN');

  // The staff route for the same id sends a hospital user back to its own portal, which lists only its own requests.
  await openInApp(page, `/tickets/${otherTicket.id}`);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId(`ticket-row-${ownTicket.number}`)).toBeVisible();
  await expect(page.getByTestId(`ticket-row-${otherTicket.number}`)).toHaveCount(0);
  await expect(page.getByText(otherTicket.title)).toHaveCount(0);
});
