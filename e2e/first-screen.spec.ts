// The queue arrives rendered by the server (issue 9: first load): rows in the HTML, then hydrated in place.
import { expect, test } from '@playwright/test';
import { Api, appReady, createTicket, createWorld, signInAdmin, uniqueNumber } from './support.ts';

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
