// Remote access on a 390 px phone, in both languages: the hospital grants access on its own request in the
// portal (the password typed once, never shown back); the assigned engineer reveals it once on the request
// and sees the "escalate: cannot solve" action.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { createTicket, createWorld, type Language, screenshot, signInAdmin, signInByApi } from './support.ts';

const PHONE = { width: 390, height: 844 };

const LAPTOP = { width: 1280, height: 800 };

const TEXT = {
  'zh-CN': { card: '远程访问', active: '有效', escalate: '无法解决，升级', senior: '服务中心高级工程师', roster: '升级名册' },
  en: {
    card: 'Remote access',
    active: 'In force',
    escalate: 'Escalate: cannot solve',
    senior: 'Senior engineer',
    roster: 'Escalation roster',
  },
} as const;

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'en' as Language;
  test(`remote access: the hospital grants, the assigned engineer reveals (${language}, 390 px)`, async ({ browser, baseURL }) => {
    const text = TEXT[language];
    const admin = await signInAdmin(baseURL ?? '');
    const world = await createWorld(admin, language);
    const ticket = await createTicket(admin, {
      customerId: world.customer.id,
      title: '远程维护：HIS 数据库连接失败',
      description: '需要通过 VPN 远程检查数据库',
      severity: 'urgent',
      channel: 'phone',
      kind: 'request',
      assigneeId: world.engineer.id,
    });
    const secret = `Vpn-${Date.now()}-只此一次`;
    // The service centre's senior engineer on the roster takes "cannot solve" on site.
    await admin.post('/escalation-roster', { rung: 'senior_engineer', userId: world.agent.id });

    const portalContext = await browser.newContext({ viewport: PHONE });
    const portal = await portalContext.newPage();
    await signInByApi(portal, world.customerUser, language, `/portal/requests/${ticket.id}`);
    const card = portal.getByTestId('remote-access-card');
    await expect(card).toContainText(text.card);
    await card.getByTestId('remote-access-grant').click();
    await card.getByTestId('remote-access-secret').fill(secret);
    await card.getByTestId('remote-access-submit').click();
    const item = card.getByTestId('grant-item');
    await expect(item).toHaveAttribute('data-state', 'active');
    await expect(item).toContainText(text.active);
    await expect(portal.locator('body')).not.toContainText(secret);
    const overflow = await portal.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(portal, `remote-access-portal-${language}`);

    // The engineer: the same phone's browser, the hospital's session dropped (the app's script is cached).
    const staffContext = portalContext;
    const staff = portal;
    await staffContext.clearCookies();
    await signInByApi(staff, world.engineer, language, `/tickets/${ticket.id}`);
    const staffCard = staff.getByTestId('remote-access-card');
    await staffCard.getByTestId('grant-reveal').click();
    await expect(staffCard.getByTestId('grant-secret')).toContainText(secret);
    await staff.getByTestId('escalate-cannot-solve').click();
    await staff.getByTestId('escalation-reason').fill(language === 'en' ? 'Still down after replacing the NIC' : '更换网卡后仍无法连接');
    await staff.getByTestId('escalation-submit').click();
    await expect(staff.getByTestId('escalation-item').first()).toHaveAttribute('data-rung', 'senior_engineer');
    await expect(staff.getByTestId('escalation-item').first()).toContainText(text.senior);
    const staffOverflow = await staff.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(staffOverflow).toBeLessThanOrEqual(0);
    await screenshot(staff, `remote-access-engineer-${language}`);
    await staffContext.close();
    await admin.dispose();
  });
}

test('the escalation roster page (administrators, 1280 px)', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signInByApi(page, E2E_ADMIN, 'zh-CN', '/queue');
  await page.getByTestId('nav-escalationRoster').click();
  await expect(page).toHaveURL(/\/settings\/escalation-roster$/);
  await expect(page.getByTestId('roster-title')).toHaveText(TEXT['zh-CN'].roster);
  await expect(page.getByRole('row').filter({ hasText: TEXT['zh-CN'].senior }).first()).toBeVisible();
  await screenshot(page, 'escalation-roster-zh-CN');
});
