// Parts used on a work order priced from the spare-parts price list (000), in English only (one test, CI
// budget): on the engineer's 390 px phone the price list of the day is kept with the orders, so with the
// network gone (and the page reloaded from the service worker) a part chosen from the list fills its name,
// model and unit price; a price above the contract price is refused on the spot; the line and the total
// show at once and are priced again by the server when the queue is replayed.
import { expect, test } from '@playwright/test';
import type { WorkOrder } from '../src/web/features/work-orders/api.ts';
import { chooseOption, createTicket, createWorld, localDate, signInAdmin, signInByApi, silverContract, uniqueNumber } from './support.ts';

test('en: a part from the cached price list on the phone, offline; cap refused; priced again on sync', async ({
  page,
  context,
  baseURL,
}) => {
  // Well under 20 s on a quiet machine; the shared 2-core machine is slower under load.
  test.slow();
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'en');
  const model = `ST2000NM-${uniqueNumber()}`;
  await admin.post('/spare-parts', {
    name: 'Hard disk',
    model,
    unitPriceFen: 180_000,
    contractPriceFen: 200_000,
    validFrom: localDate(-1),
  });
  await silverContract(admin, world.customer.id);
  const ticket = await createTicket(admin, {
    customerId: world.customer.id,
    title: 'Lab printer server down',
    description: 'The disk failed',
    severity: 'urgent',
    channel: 'phone',
    kind: 'request',
  });
  const order = await admin.post<WorkOrder>(`/tickets/${ticket.id}/work-orders`, {
    type: 'emergency',
    plannedAt: new Date().toISOString(),
    engineerIds: [world.engineer.id],
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await signInByApi(page, world.engineer, 'en', '/field');
  const card = page.getByTestId('field-order').filter({ hasText: order.number });
  await expect(card.getByTestId('part-pick')).toBeVisible();
  // The page and the price list of the day are on the phone: reload with no network.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('aftersales.field.price-list') ?? '')).toContain(model);
  await page.reload();
  await expect(card.getByTestId('part-pick')).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('field-online')).toHaveText('Offline');

  await chooseOption(page, card.getByTestId('part-pick'), `Hard disk ${model}`, { type: null });
  await expect(card.getByTestId('part-name')).toHaveValue('Hard disk');
  await expect(card.getByTestId('part-price')).toHaveValue('1800.00');
  await card.getByTestId('part-quantity').fill('2');
  await card.getByTestId('part-price').fill('2000.01');
  await card.getByTestId('part-add').click();
  await expect(card.getByText('Above the contract price CN¥2,000.00')).toBeVisible();
  await card.getByTestId('part-price').fill('1800');
  await card.getByTestId('part-add').click();
  await expect(card.getByTestId('part-line')).toHaveCount(1);
  await expect(card.getByTestId('part-charged')).toHaveText('CN¥3,600.00');
  await expect(card.getByTestId('parts-total')).toHaveText('CN¥3,600.00');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await context.setOffline(false);
  await expect(page.getByTestId('field-pending')).toHaveCount(0);
  await expect(page.getByTestId('field-conflicts')).toHaveCount(0);
  const synced = await admin.get<WorkOrder>(`/work-orders/${order.id}`);
  expect(synced.parts).toEqual([
    expect.objectContaining({ name: 'Hard disk', model, quantity: 2, unitPriceFen: 180_000, chargedFen: 360_000 }),
  ]);
  expect(synced.partsTotalFen).toBe(360_000);
  await admin.dispose();
});
