// Remote access on a 390 px phone, in both languages: the hospital grants access on its own request in the
// portal (the password typed once, never shown back); the assigned engineer reveals it once on the request
// and sees the "escalate: cannot solve" action.
import { expect, test } from '@playwright/test';
import { createTicket, createWorld, LANGUAGES, screenshot, signIn, signInAdmin } from './support.ts';

const PHONE = { width: 390, height: 844 };

const TEXT = {
  'zh-CN': { card: '远程访问', active: '有效', escalate: '无法解决，升级' },
  en: { card: 'Remote access', active: 'In force', escalate: 'Escalate: cannot solve' },
} as const;

for (const language of LANGUAGES) {
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

    const portalContext = await browser.newContext({ viewport: PHONE });
    const portal = await portalContext.newPage();
    await signIn(portal, world.customerUser, language, /\/portal/);
    await portal.goto(`/portal/requests/${ticket.id}`);
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
    await portalContext.close();

    const staffContext = await browser.newContext({ viewport: PHONE });
    const staff = await staffContext.newPage();
    await signIn(staff, world.engineer, language, /\/queue/);
    await staff.goto(`/tickets/${ticket.id}`);
    const staffCard = staff.getByTestId('remote-access-card');
    await staffCard.getByTestId('grant-reveal').click();
    await expect(staffCard.getByTestId('grant-secret')).toContainText(secret);
    await expect(staff.getByTestId('escalate-cannot-solve')).toHaveText(text.escalate);
    const staffOverflow = await staff.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(staffOverflow).toBeLessThanOrEqual(0);
    await screenshot(staff, `remote-access-engineer-${language}`);
    await staffContext.close();
    await admin.dispose();
  });
}
