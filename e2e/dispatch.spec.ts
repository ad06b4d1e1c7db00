// The dispatch board (派工看板), in Chinese: an agent drags an unassigned work order onto an engineer's
// day at 1280 px, then at 390 px moves it to another day the touch way (tap the order, tap the cell).
import { expect, test } from '@playwright/test';
import type { WorkOrder } from '../src/web/features/work-orders/api.ts';
import { createTicket, createWorld, screenshot, signInAdmin, signInByApi } from './support.ts';

function localDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

test('dispatch board: drag to assign, tap to re-plan at 390 px (zh-CN)', async ({ page, baseURL }) => {
  const admin = await signInAdmin(baseURL ?? '');
  const world = await createWorld(admin, 'zh-CN');
  const ticket = await createTicket(admin, {
    customerId: world.customer.id,
    title: '检验科报告打印机驱动需升级',
    description: '需上门升级驱动',
    severity: 'normal',
    channel: 'phone',
    kind: 'request',
  });
  const tomorrow = localDate(1);
  const dayAfter = localDate(2);
  const order = await admin.post<WorkOrder>(`/tickets/${ticket.id}/work-orders`, {
    type: 'upgrade',
    plannedAt: `${tomorrow}T09:30:00+08:00`,
    engineerIds: [],
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInByApi(page, world.agent, 'zh-CN', '/queue');
  await page.getByRole('menuitem', { name: '派工看板' }).click();
  await expect(page.getByTestId('dispatch-title')).toHaveText('派工看板');
  const chip = page.getByTestId(`dispatch-chip-${order.number}`);
  await expect(page.getByTestId('dispatch-unassigned').getByTestId(`dispatch-chip-${order.number}`)).toBeVisible();

  const cell = page.getByTestId(`dispatch-cell-${world.engineer.name}-${tomorrow}`);
  await chip.dragTo(cell);
  await expect(cell.getByTestId(`dispatch-chip-${order.number}`)).toBeVisible();
  await expect(page.getByTestId('dispatch-unassigned').getByTestId(`dispatch-chip-${order.number}`)).toHaveCount(0);
  await expect(cell.getByTestId(`dispatch-chip-${order.number}`)).toContainText('09:30');
  await screenshot(page, 'dispatch-board-zh-CN');
  const assigned = await admin.get<WorkOrder>(`/work-orders/${order.id}`);
  expect(assigned.engineers.map((e) => e.id)).toEqual([world.engineer.id]);

  // On a phone: tap the order, then the engineer's next day; the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  // Layout settles after the resize (and the toast's animation): poll instead of measuring once.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await cell.getByTestId(`dispatch-chip-${order.number}`).click();
  await expect(page.getByText(`已选中 ${order.number}`)).toBeVisible();
  const next = page.getByTestId(`dispatch-cell-${world.engineer.name}-${dayAfter}`);
  await next.scrollIntoViewIfNeeded();
  await next.click();
  await expect(next.getByTestId(`dispatch-chip-${order.number}`)).toBeVisible();
  const moved = await admin.get<WorkOrder>(`/work-orders/${order.id}`);
  expect(new Date(moved.plannedAt).toISOString()).toBe(new Date(`${dayAfter}T09:30:00+08:00`).toISOString());
  await screenshot(page, 'dispatch-board-390-zh-CN');
});
