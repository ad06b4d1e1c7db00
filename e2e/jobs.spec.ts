// The administrators' scheduled-jobs page, once per language: the SLA clock check and the renewal reminders
// are listed with their rules and state; the failed-only filter leaves them out.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { type Language, signIn } from './support.ts';

/** Texts written out here (not read from the dictionaries) so a wrong translation fails. */
const JOBS_TEXT = {
  'zh-CN': {
    menu: '计划任务',
    slaTick: 'SLA 计时检查',
    reminders: '合同续签提醒',
    daily: '每天 08:00',
    scheduled: '待执行',
    failedOnly: '仅失败',
  },
  en: {
    menu: 'Scheduled jobs',
    slaTick: 'SLA clock check',
    reminders: 'Contract renewal reminders',
    daily: 'Daily at 08:00',
    scheduled: 'Scheduled',
    failedOnly: 'Failed only',
  },
} as const;

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'en' as Language;
  test(`jobs page (${language})`, async ({ page }) => {
    const text = JOBS_TEXT[language];
    await signIn(page, E2E_ADMIN, language, /\/queue/);
    await expect(page.getByTestId('nav-jobs')).toHaveText(text.menu);
    await page.getByTestId('nav-jobs').click();
    await expect(page).toHaveURL(/\/settings\/jobs$/);
    const table = page.getByTestId('job-table');
    const tick = table.getByRole('row').filter({ hasText: text.slaTick });
    await expect(tick).toContainText('sla.tick');
    await expect(tick).toContainText(text.scheduled);
    await expect(table.getByRole('row').filter({ hasText: text.reminders })).toContainText(text.daily);

    // Only failures: none yet on a fresh server.
    await page.getByText(text.failedOnly).click();
    await expect(table.getByRole('row').filter({ hasText: text.slaTick })).toHaveCount(0);
  });
}
