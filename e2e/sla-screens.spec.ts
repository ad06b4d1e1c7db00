// The SLA screens, once per language: queue badge, detail panel (check-in, solution proposal), breach risk,
// calendar editor (make-up workday in the month view, what-if preview) and the policy editor.
import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { animationsDone, createTicket, createWorld, type Language, SCREENSHOTS, screenshot, signInAdmin, signInByApi } from './support.ts';

/** Texts written out here (not read from the dictionaries) so a wrong translation fails. */
const SLA_TEXT = {
  'zh-CN': {
    badge: /^响应 剩余 \d+分$/,
    panelTitle: '服务承诺',
    firstResponse: '首次响应',
    escalationFirst: '责任工程师',
    escalationLast: '研发中心',
    arrival: '到达现场签到',
    arrivalSubmit: /^签\s?到$/,
    arrivalDone: /^已于 .+ 签到$/,
    solution: '提出解决方案',
    solutionSend: '提交解决方案',
    met: '已达成',
    atRiskTitle: '超时预警',
    resolution: '故障解决',
    left: /^剩余 \d+小时$/,
    calendarsTitle: '服务日历',
    october: '2026年10月',
    workMark: '班',
    offMark: '休',
    calendarCreated: (name: string) => `已创建日历 ${name}`,
    policiesTitle: 'SLA 策略',
    defaultPolicy: '默认服务承诺',
    policyEdit: '编辑策略',
    policySaved: '策略已保存',
    notifications: '通知',
    markAllRead: '全部标为已读',
  },
  en: {
    badge: /^Response \d+m left$/,
    panelTitle: 'Service commitments',
    firstResponse: 'First response',
    escalationFirst: 'Responsible engineer',
    escalationLast: 'R&D centre',
    arrival: 'Check in on site',
    arrivalSubmit: /^Check in$/,
    arrivalDone: /^Checked in .+$/,
    solution: 'Solution proposal',
    solutionSend: 'Send solution',
    met: 'Met',
    atRiskTitle: 'Breach risk',
    resolution: 'Resolution',
    left: /^\d+h left$/,
    calendarsTitle: 'Calendars',
    october: 'October 2026',
    workMark: 'Work',
    offMark: 'Off',
    calendarCreated: (name: string) => `Created calendar ${name}`,
    policiesTitle: 'SLA policies',
    defaultPolicy: 'Default service commitments',
    policyEdit: 'Edit policy',
    policySaved: 'Policy saved',
    notifications: 'Notifications',
    markAllRead: 'Mark all read',
  },
} as const;

/** A full-page screenshot with the viewport grown to the page, so the sticky sider and header stay in place. */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'en' as Language;
  test(`SLA screens (${language})`, async ({ page, baseURL }) => {
    const text = SLA_TEXT[language as Language];
    const admin = await signInAdmin(baseURL ?? '');
    const world = await createWorld(admin, language);
    const title = language === 'en' ? 'Whole HIS down after power cut' : '停电后全院 HIS 无法使用';
    const ticket = await createTicket(admin, {
      customerId: world.customer.id,
      contactId: world.contact.id,
      title,
      description: language === 'en' ? 'No workstation can log in.' : '所有工作站均无法登录。',
      severity: 'critical',
      channel: 'phone',
      kind: 'request',
      assigneeId: world.engineer.id,
      team: 'field',
    });
    await admin.dispose();

    // Queue: the row's badge shows the most urgent commitment with business time left.
    await signInByApi(page, E2E_ADMIN, language, '/queue?view=open');
    const row = page.getByTestId('queue-table').getByTestId(`ticket-row-${ticket.number}`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId(`sla-badge-${ticket.number}`)).toHaveText(text.badge);
    await screenshot(page, `sla-queue-${language}`);

    // Detail: the header badge and the panel with every target and the escalation ladder.
    await row.click();
    await expect(page.getByTestId('ticket-sla-badge')).toHaveText(text.badge);
    const panel = page.getByTestId('sla-panel');
    await expect(panel).toContainText(text.panelTitle);
    await expect(panel.getByTestId('sla-target-first_response')).toContainText(text.firstResponse);
    await expect(panel.getByTestId('sla-escalation')).toContainText(text.escalationFirst);
    await expect(panel.getByTestId('sla-escalation')).toContainText(text.escalationLast);
    await expect(panel.getByTestId('sla-target-on_site')).toBeVisible();

    // On-site check-in meets the on-site target.
    await panel.getByTestId('arrival-button').click();
    await expect(page.getByTestId('arrival-submit')).toHaveText(text.arrivalSubmit);
    await page.getByTestId('arrival-submit').click();
    await expect(panel.getByText(text.arrivalDone)).toBeVisible();
    await expect(panel.getByTestId('sla-target-on_site')).toContainText(text.met);

    // A public reply marked as the solution proposal meets the solution target.
    await page.getByTestId('reply-solution').click();
    await expect(page.getByTestId('reply-solution')).toContainText(text.solution);
    await page.getByTestId('reply-input').fill(language === 'en' ? 'Restart the application server.' : '请重启应用服务器。');
    await expect(page.getByTestId('reply-submit')).toHaveText(text.solutionSend);
    await page.getByTestId('reply-submit').click();
    await expect(panel.getByTestId('sla-target-solution')).toContainText(text.met);
    await fullScreenshot(page, `sla-detail-${language}`);

    // Breach risk: the request's most urgent open commitment, with a link back to it.
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await page.getByTestId('nav-atRisk').click();
    await expect(page.getByTestId('at-risk-title')).toHaveText(text.atRiskTitle);
    const riskRow = page.getByTestId('at-risk-table').getByTestId(`at-risk-row-${ticket.number}`);
    await expect(riskRow).toContainText(title);
    await expect(riskRow).toContainText(text.resolution);
    await expect(riskRow.getByTestId(`at-risk-left-${ticket.number}`)).toHaveText(text.left);
    await expect(page.locator('.ant-spin-blur')).toHaveCount(0);
    await animationsDone(page); // the table's fade-in, for a clean screenshot
    await screenshot(page, `sla-at-risk-${language}`);
    await riskRow.getByRole('link', { name: ticket.number }).click();
    await expect(page.getByTestId('ticket-number')).toHaveText(ticket.number);

    // Calendars: a new calendar with China's statutory days marks 2026-10-10 as a make-up working day (调休).
    await page.getByTestId('nav-calendars').click();
    await expect(page.getByTestId('calendars-title')).toHaveText(text.calendarsTitle);
    await page.getByTestId('calendar-create').click();
    const calendarName = `${language === 'en' ? 'Hangzhou 5×8' : '杭州 5×8'} ${Date.now() % 100_000}`;
    await page.getByTestId('calendar-name').fill(calendarName);
    await expect(page.getByTestId('calendar-statutory')).toBeChecked();
    const now = new Date();
    const monthsBack = (now.getFullYear() - 2026) * 12 + now.getMonth() - 9;
    for (let i = 0; i < Math.abs(monthsBack); i++)
      await page.getByTestId(monthsBack > 0 ? 'calendar-month-prev' : 'calendar-month-next').click();
    await expect(page.getByTestId('calendar-month-title')).toHaveText(text.october);
    const makeUpDay = page.getByTestId('cal-day-2026-10-10');
    await expect(makeUpDay).toHaveAttribute('data-kind', 'workday');
    await expect(makeUpDay).toContainText(text.workMark);
    await expect(page.getByTestId('cal-day-2026-10-01')).toContainText(text.offMark);
    await expect(page.getByTestId('cal-day-2026-10-18')).toHaveAttribute('data-kind', 'off');

    // What-if: 4 business hours from the chosen start on this calendar.
    await expect(page.getByTestId('preview-due')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.getByTestId('calendar-save').click();
    await expect(page.getByText(text.calendarCreated(calendarName))).toBeVisible();
    await expect(page.getByTestId('calendar-editor-title')).toHaveText(calendarName);
    await fullScreenshot(page, `sla-calendars-${language}`);

    // Policies: the built-in default opens in the editor with its critical 10-minute response target.
    await page.getByTestId('nav-slaPolicies').click();
    await expect(page.getByTestId('policies-title')).toHaveText(text.policiesTitle);
    await expect(page.getByTestId('policy-row-builtin')).toBeVisible();
    // The built-in default is named in the screen's language only (the stored name is bilingual).
    await expect(page.getByTestId('policy-row-builtin').locator('.policy-name')).toHaveText(text.defaultPolicy);
    await screenshot(page, `sla-policies-list-${language}`);
    await page.getByTestId('policy-row-builtin').getByTestId('policy-edit').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText(text.policyEdit);
    await expect(page.getByTestId('policy-name')).toHaveValue('默认服务承诺 Default service commitments');
    await expect(page.getByTestId('policy-critical-first_response')).toHaveValue('10');
    await expect(page.getByTestId('policy-critical-on_site-same_city')).toHaveValue('120');
    await page.getByTestId('policy-warn').fill('75');
    await screenshot(page, `sla-policies-${language}`);
    await page.getByTestId('policy-save').click();
    await expect(page.getByText(text.policySaved)).toBeVisible();

    // The header bell opens the notification list.
    await page.getByTestId('notification-bell').click();
    const panel2 = page.getByTestId('notification-panel');
    await expect(panel2).toContainText(text.notifications);
    await expect(panel2).toContainText(text.markAllRead);
    await animationsDone(page); // the dropdown's fade-in, for a clean screenshot
    await screenshot(page, `sla-notifications-${language}`);
  });
}
