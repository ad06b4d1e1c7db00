// The queue arrives rendered by the server (issue 9: first load): rows and styles in the HTML, then the app over it.
import { expect, test } from '@playwright/test';
import { Api, appReady, createTicket, createWorld, signInAdmin, uniqueNumber } from './support.ts';

/** The sider's colour of the app's theme (components/providers.tsx), not antd's default. */
const SIDER_BACKGROUND = 'rgb(15, 28, 51)';

test('the queue comes rendered: rows before any script, the same page once the app runs, nobody else’s data', async ({
  browser,
  baseURL,
}) => {
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'en');
  const n = uniqueNumber();
  // A title that would end the page's JSON script if it were not escaped.
  const title = `Billing down </script><script>window.__owned=1</script> ${n}`;
  const ticket = await createTicket(admin, {
    customerId: world.customer.id,
    contactId: world.contact.id,
    channel: 'phone',
    kind: 'request',
    title,
    description: 'Every cashier window shows a login timeout.',
    severity: 'critical',
  });
  await admin.dispose();

  // Without JavaScript: the server's HTML alone shows the agent's queue, in the language the browser chose.
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const agent = await Api.signInOn(plain.request, world.agent);
  await plain.addCookies([{ name: 'aftersales_locale', value: 'en', url: baseURL ?? '' }]);
  const page = await plain.newPage();
  const response = await page.goto('/queue');
  expect(response?.headers()['cache-control']).toBe('private, no-store');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const row = page.getByTestId(`ticket-row-${ticket.number}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(title);
  await expect(page.getByTestId('user-menu')).toContainText(agent.user.name);
  // Styled by the part of antd's sheet the page uses, with the theme's colours over antd's defaults.
  await expect(page.locator('#first-screen-styles')).toHaveCount(1);
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0);
  await expect(page.locator('.ant-layout-sider')).toHaveCSS('background-color', SIDER_BACKGROUND);
  await agent.dispose();
  await plain.close();

  // With JavaScript: the app takes over with no error, no script injected by the title, and it works.
  const live = await browser.newContext({ baseURL });
  await Api.signInOn(live.request, world.agent);
  const app = await live.newPage();
  const problems: string[] = [];
  app.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  app.on('pageerror', (error) => problems.push(error.message));
  await app.goto('/queue');
  await appReady(app);
  await expect(app.getByTestId(`ticket-row-${ticket.number}`)).toContainText(title);
  expect(await app.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
  // The app runs with antd's whole sheet in place of the part: what it opens later is styled too.
  await expect(app.locator('#first-screen-styles')).toHaveCount(0);
  await expect(app.locator('link[rel="stylesheet"][href*="/assets/antd-"]')).toHaveCount(1);
  await expect(app.locator('.ant-layout-sider')).toHaveCSS('background-color', SIDER_BACKGROUND);
  await app.getByTestId('user-menu').click();
  await expect(app.locator('.ant-dropdown').first()).toHaveCSS('position', 'absolute');
  await app.keyboard.press('Escape');
  await app.getByTestId(`ticket-row-${ticket.number}`).click();
  await expect(app).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
  await expect(app.getByTestId('ticket-title')).toContainText(title);
  expect(problems).toEqual([]);
  await live.close();

  // A hospital user opening /queue gets the plain app, which sends them to their portal: no staff page rendered.
  const hospital = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await Api.signInOn(hospital.request, world.customerUser);
  const portalPage = await hospital.newPage();
  await portalPage.goto('/queue');
  expect(await portalPage.locator('#root').innerHTML()).toBe('');
  await hospital.close();
});
