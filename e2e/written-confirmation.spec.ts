// The on-site clock at the customer's written confirmation (002 四(二)), in English: the SLA policy editor
// sets a hospital's policy to start the on-site clock then; on a request of that hospital the written
// confirmation is recorded from the work-orders card (who, when, a note) and the on-site clock appears.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import type { SlaPolicy, TicketDetail } from '../src/web/api/types.ts';
import { chooseOption, createTicket, createWorld, openInApp, screenshot, signInAdmin, signInByApi } from './support.ts';

test('written confirmation starts the on-site clock (en)', async ({ page, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'en');
  // The hospital's own policy, a copy of the built-in targets (the default policy stays as it is for other specs).
  const builtin = (await admin.get<{ items: SlaPolicy[] }>('/sla/policies')).items.find((p) => p.isBuiltin);
  if (!builtin) throw new Error('no built-in policy');
  const policy = await admin.post<SlaPolicy>('/sla/policies', {
    name: `Written confirmation ${world.customer.name}`,
    priority: 500,
    customerId: world.customer.id,
    targets: builtin.targets,
  });

  await signInByApi(page, E2E_ADMIN, 'en', '/settings/sla-policies');
  await page.getByTestId(`policy-row-${policy.id}`).getByTestId('policy-edit').click();
  await chooseOption(page, 'policy-on-site-start', 'written confirmation', { type: null });
  const saved = page.waitForResponse((r) => r.url().includes(`/sla/policies/${policy.id}`) && r.request().method() !== 'GET');
  await page.getByTestId('policy-save').click();
  expect((await saved).ok()).toBe(true);
  expect((await admin.get<{ items: SlaPolicy[] }>('/sla/policies')).items.find((p) => p.id === policy.id)?.onSiteStart).toBe(
    'written_confirmation',
  );

  const ticket = await createTicket(admin, {
    customerId: world.customer.id,
    contactId: world.contact.id,
    title: 'Lab interface drops results',
    description: 'Results from the analyser do not reach the LIS.',
    severity: 'urgent',
    channel: 'phone',
    kind: 'request',
  });
  await openInApp(page, `/tickets/${ticket.id}`);
  const panel = page.getByTestId('sla-panel');
  await expect(panel.getByTestId('sla-target-first_response')).toBeVisible();
  await expect(panel.getByTestId('sla-target-on_site')).toHaveCount(0);

  // Recorded from the request: who confirmed, when (an hour ago), and a note.
  await page.getByTestId('written-confirmation').click();
  await page.getByTestId('written-confirmation-by').fill('Director Li');
  const at = new Date(Date.now() - 3_600_000);
  // The picker reads the browser's wall clock (the same machine's zone as this process).
  const local = new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  const picker = page.getByTestId('written-confirmation-at');
  await picker.click();
  await picker.fill(local);
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
  await page.getByTestId('written-confirmation-note').fill('Signed reply faxed back');
  const recorded = page.waitForResponse((r) => r.url().endsWith(`/tickets/${ticket.id}/written-confirmation`));
  await page.getByTestId('written-confirmation-submit').click();
  expect(await (await recorded).json()).toEqual({ startsOnSiteClock: true });

  await expect(page.getByText('Written confirmation recorded; the on-site clock started')).toBeVisible();
  await expect(panel.getByTestId('sla-target-on_site')).toBeVisible();
  await expect(
    page.getByText('recorded the customer’s written confirmation of the solution (Director Li); the on-site clock started'),
  ).toBeVisible();
  const detail = await admin.get<TicketDetail>(`/tickets/${ticket.id}`);
  const onSite = detail.sla.find((target) => target.metric === 'on_site');
  // 12 hours for an urgent request, counted from the confirmation's instant (to the minute the picker keeps).
  expect(onSite?.targetMinutes).toBe(12 * 60);
  await screenshot(page, 'written-confirmation-en');
  await admin.dispose();
});
