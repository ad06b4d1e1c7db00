// The shell fits the screen: at 390×844 (a phone) and 1280×800 (a laptop), in both languages, the
// queue, a request, phone intake and the whole portal have no horizontal scroll, and on the phone
// navigation opens from a drawer.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { createTicket, createWorld, type Language, openInApp, screenshot, signInAdmin, signInByApi, TEXT, type World } from './support.ts';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  // Layout settles after fonts and late data; poll instead of measuring once.
  await expect
    .poll(async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `${what}: page wider than the window`,
    })
    .toBeLessThanOrEqual(0);
}

async function newPage(browser: Browser, baseURL: string | undefined, language: Language): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: PHONE, locale: language });
  return context.newPage();
}

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'en' as Language;
  test(`phone and laptop layouts (${language})`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const admin = await signInAdmin(baseURL as string);
    const world: World = await createWorld(admin, language);
    const longTitle =
      language === 'en'
        ? 'Outpatient billing cannot sign in after the medical-insurance settlement interface upgrade at all windows'
        : '医保结算接口升级后全院门诊收费窗口均无法登录收费系统且提示数据库连接失败';
    const ticket = await createTicket(admin, {
      customerId: world.customer.id,
      contactId: world.contact.id,
      title: longTitle,
      description: longTitle,
      severity: 'critical',
      channel: 'phone',
      kind: 'request',
    });

    // Staff: the queue, the request, phone intake. One page load per user: the screens are opened inside
    // the app (as its links do) after each resize, so each one is laid out afresh at that size.
    const staff = await newPage(browser, baseURL, language);
    await signInByApi(staff, world.agent, language, '/queue');
    for (const size of [PHONE, LAPTOP]) {
      await staff.setViewportSize(size);
      const tag = `${language}-${size.width}`;
      await openInApp(staff, '/queue');
      await expect(staff.getByTestId(`ticket-row-${ticket.number}`)).toBeVisible();
      await expectNoSidewaysScroll(staff, `queue ${tag}`);
      await screenshot(staff, `responsive-queue-${tag}`);

      await openInApp(staff, `/tickets/${ticket.id}`);
      await expect(staff.getByTestId('ticket-title')).toHaveText(longTitle);
      // The request number is one line, not a column of characters.
      const number = await staff.getByTestId('ticket-number').boundingBox();
      expect(number?.height ?? 0).toBeLessThan(40);
      await expectNoSidewaysScroll(staff, `request ${tag}`);
      await screenshot(staff, `responsive-request-${tag}`);

      await openInApp(staff, '/intake');
      await expect(staff.getByTestId('intake-severity')).toBeVisible();
      await expectNoSidewaysScroll(staff, `intake ${tag}`);
    }

    // On the phone the sider is gone; the menu button opens navigation in a drawer.
    await staff.setViewportSize(PHONE);
    await openInApp(staff, '/queue');
    await expect(staff.getByTestId(`ticket-row-${ticket.number}`)).toBeVisible();
    await expect(staff.locator('.app-sider')).toHaveCount(0);
    await staff.getByTestId('nav-open').click();
    const drawer = staff.getByTestId('nav-drawer');
    await expect(drawer).toBeVisible();
    await drawer.getByTestId('nav-intake').click();
    await expect(staff).toHaveURL(/\/intake$/);
    await expect(staff.getByRole('heading', { name: TEXT[language].intakeTitle })).toBeVisible();
    await expect(drawer).toBeHidden();

    // The hospital's portal: its list, the request, a new request. The same browser, its session dropped
    // (the app's script is then in its cache); the page opens at the phone's size.
    const portal = staff;
    await portal.context().clearCookies();
    await signInByApi(portal, world.customerUser, language, '/portal');
    for (const size of [PHONE, LAPTOP]) {
      await portal.setViewportSize(size);
      const tag = `${language}-${size.width}`;
      await openInApp(portal, '/portal');
      await expect(portal.getByTestId(`ticket-row-${ticket.number}`)).toBeVisible();
      await expectNoSidewaysScroll(portal, `portal ${tag}`);
      await screenshot(portal, `responsive-portal-${tag}`);
      await openInApp(portal, `/portal/requests/${ticket.id}`);
      await expect(portal.getByTestId('ticket-title')).toHaveText(longTitle);
      await expectNoSidewaysScroll(portal, `portal request ${tag}`);
      await openInApp(portal, '/portal/new');
      await expect(portal.getByTestId('ticket-form')).toBeVisible();
      await expect(portal.locator('form').first()).toBeVisible();
      await expectNoSidewaysScroll(portal, `portal new ${tag}`);
      await openInApp(portal, '/portal/settings');
      await expect(portal.getByTestId('password-form')).toBeVisible();
      await expect(portal.locator('.page').first()).toBeVisible();
      await expectNoSidewaysScroll(portal, `portal settings ${tag}`);
    }
    await portal.setViewportSize(PHONE);
    await portal.getByTestId('nav-open').click();
    await portal.getByTestId('nav-drawer').getByTestId('nav-requests').click();
    await expect(portal).toHaveURL(/\/portal$/);
    await portal.context().close();
    await admin.dispose();
  });
}

// Lists never claim "none" while they are still asking (issue 9, item 6).
test('the queue shows loading, not "none" or 0, until its data is in', async ({ browser, baseURL }) => {
  const admin = await signInAdmin(baseURL as string);
  const world = await createWorld(admin, 'zh-CN');
  const page = await newPage(browser, baseURL, 'zh-CN');
  await page.setViewportSize(LAPTOP);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const asked = new Set<string>();
  await page.route(/\/api\/v1\/tickets(\/counts)?(\?.*)?$/, async (route) => {
    asked.add(new URL(route.request().url()).pathname);
    await held;
    await route.continue();
  });
  // Opened from another screen, the queue asks for its data in the browser: that first load is the one held.
  // (Opened as a page, it comes rendered by the server with its data: e2e/first-screen.spec.ts.)
  await signInByApi(page, world.agent, 'zh-CN', '/customers');
  await openInApp(page, '/queue?view=all');
  await expect(page.getByTestId('list-loading')).toBeVisible();
  await expect(page.getByTestId('count-loading').first()).toBeVisible();
  // Both the list and its counts are asked and still unanswered: the page is as it is while waiting.
  await expect.poll(() => [...asked].sort()).toEqual(['/api/v1/tickets', '/api/v1/tickets/counts']);
  await expect(page.getByText('没有符合条件的服务请求')).toHaveCount(0);
  release();
  await expect(page.getByTestId('list-loading')).toHaveCount(0);
  await expect(page.getByTestId('count-loading')).toHaveCount(0);
  await page.context().close();
  await admin.dispose();
});
