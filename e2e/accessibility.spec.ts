// WCAG 2.1 A/AA (axe-core) on the main staff and portal screens, in both languages: colour contrast,
// labels and names. Any violation fails, listed screen by screen with the elements axe names.
import { expect, type Page, test } from '@playwright/test';
import {
  animationsDone,
  chooseLanguage,
  createHospital,
  createTicket,
  createUser,
  type Language,
  openInApp,
  PASSWORD,
  signIn,
  signInAdmin,
  signOut,
  TICKET_NUMBER,
  uniqueNumber,
} from './support.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The app's Content-Security-Policy allows no inline script, so axe (injected by the test, not the
// app) would be refused: only this spec's browser ignores the policy.
test.use({ bypassCSP: true });
/** A screen's lazy chunk and data on a busy CI machine (screens are opened inside the app: one page load per user). */
const LOAD_TIMEOUT = 60_000;

type Violation = { id: string; help: string; nodes: { target: string; html: string; summary: string }[] };

/** Runs axe on the page as it is now and returns its violations of the WCAG 2.1 A/AA rules. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await animationsDone(page); // a half-faded text has no fixed contrast
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async (tags) => {
    type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
    type AxeResult = { violations: { id: string; help: string; nodes: AxeNode[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(' '),
        html: node.html.slice(0, 200),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  }, AXE_TAGS);
}

function describeViolations(screen: string, violations: Violation[]): string[] {
  return violations.flatMap((violation) => [
    `${screen}: ${violation.id} (${violation.help}) on ${violation.nodes.length} element(s)`,
    ...violation.nodes.slice(0, 15).map((node) => `    ${node.target}  ${node.html}\n      ${node.summary}`),
  ]);
}

/** Switches the signed-in app's language from the header's globe menu (no page load) and waits until the page speaks it. */
async function switchLanguageInApp(page: Page, language: Language): Promise<void> {
  const item = page.getByTestId(`language-${language}`);
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId('language-switch').click();
    await item.click({ timeout: 2_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', language, { timeout: 3_000 });
  }).toPass();
}

// The main screens in both languages, on one page per user: every screen in zh-CN (the default), then the
// main ones again in en after switching the language in the app (each check is axe on the screen as shown).
{
  const language = 'zh-CN' as Language;
  test(`main screens meet WCAG 2.1 AA: contrast, labels, names (${language}, main screens again in en)`, async ({ page, baseURL }) => {
    test.setTimeout(600_000); // fifteen axe checks: about a minute, far more on a busy machine
    const admin = await signInAdmin(baseURL ?? '');
    const hospital = await createHospital(admin);
    const n = uniqueNumber();
    const manager = await createUser(admin, {
      email: `manager.${n}@e2e.example.com`,
      name: language === 'en' ? `Manager Mia ${n}` : `主管${n}`,
      password: PASSWORD,
      role: 'manager',
      team: 'service_center',
    });
    const engineer = await createUser(admin, {
      email: `a11y.engineer.${n}@e2e.example.com`,
      name: language === 'en' ? `Engineer Eve ${n}` : `工程师${n}`,
      password: PASSWORD,
      role: 'engineer',
      team: 'technical_center',
    });
    // A few requests in different states and severities, so tags, badges and clocks are on screen.
    const base = { customerId: hospital.customer.id, contactId: hospital.contact.id, channel: 'phone' as const, kind: 'request' as const };
    const critical = await createTicket(admin, {
      ...base,
      title: `${language} 门诊收费系统无法登录 ${n}`,
      description: 'Every cashier window shows a login timeout.',
      severity: 'critical',
      assigneeId: engineer.id,
    });
    await createTicket(admin, {
      ...base,
      title: `${language} 住院护士站打印缓慢 ${n}`,
      description: 'Printing takes a minute.',
      severity: 'urgent',
    });
    const resolved = await createTicket(admin, {
      ...base,
      title: `${language} 检验报告无法导出 ${n}`,
      description: 'Export to PDF fails.',
      severity: 'normal',
    });
    await admin.post(`/tickets/${resolved.id}/transitions`, { to: 'resolved', resolution: 'Reinstalled the PDF printer driver.' });
    await admin.dispose();
    expect(critical.number).toMatch(TICKET_NUMBER);

    const problems: string[] = [];
    const check = async (screen: string, shown: Language = language) => {
      await expect(page.locator('html')).toHaveAttribute('lang', shown);
      const found = describeViolations(`${shown} ${screen}`, await axeViolations(page));
      // antd's icons would announce their English file names ("down", "search") on every screen.
      const iconNames = await page.locator('.anticon[role="img"][aria-label]:not([aria-hidden="true"])').evaluateAll((icons) =>
        icons
          .filter((icon) => {
            // An icon that is the only name of antd's own unnamed control (a clear ×, a pager's …) still speaks.
            const control = icon.closest('button, a, [role="button"]');
            return (
              !control || control.hasAttribute('aria-label') || control.hasAttribute('title') || (control.textContent ?? '').trim() !== ''
            );
          })
          .map((icon) => icon.getAttribute('aria-label') ?? '')
          .filter((label) => /^[a-z]+(-[a-z]+)*$/.test(label)),
      );
      if (iconNames.length > 0) found.push(`${shown} ${screen}: icons read out by their English file names: ${iconNames.join(', ')}`);
      if (found.length > 0) console.log(found.join('\n'));
      problems.push(...found);
    };

    // Sign-in page, in the chosen language; then signing in on that same page (no second load).
    await page.goto('/login');
    await chooseLanguage(page, language);
    await expect(page.getByTestId('login-form')).toBeVisible();
    await check('sign-in');

    await signIn(page, manager, language, /\/queue/);
    await expect(page.getByTestId('queue-table').getByTestId(`ticket-row-${critical.number}`)).toBeVisible();
    await check('queue');

    // Each screen is opened inside the app (as a link does), so axe is injected once per page load.
    await openInApp(page, `/tickets/${critical.id}`);
    await expect(page.getByTestId('ticket-number')).toHaveText(critical.number, { timeout: LOAD_TIMEOUT });
    await expect(page.getByTestId('assignee-select')).toContainText(engineer.name);
    await check('request');

    await page.getByTestId('nav-intake').click();
    await expect(page.getByTestId('intake-customer')).toBeVisible({ timeout: LOAD_TIMEOUT });
    await check('intake');

    await page.getByTestId('nav-atRisk').click();
    await expect(page.getByTestId('at-risk-page')).toBeVisible({ timeout: LOAD_TIMEOUT });
    await expect(page.getByTestId('at-risk-table').locator('.ant-spin-spinning')).toHaveCount(0);
    await check('breach risk');

    await page.getByTestId('nav-customers').click();
    await expect(page.getByTestId('customer-table')).toContainText(hospital.customer.name, { timeout: LOAD_TIMEOUT });
    await check('customers');

    await openInApp(page, `/customers/${hospital.customer.id}`);
    await page.getByRole('tab', { name: /联系人|Contacts/ }).click({ timeout: LOAD_TIMEOUT });
    await expect(page.getByTestId('contact-table')).toContainText(hospital.contact.name, { timeout: LOAD_TIMEOUT });
    await check('customer');

    // The main staff screens again in en, switched in the header.
    await switchLanguageInApp(page, 'en');
    await expect(page.getByRole('tab', { name: 'Contacts' })).toBeVisible();
    await check('customer', 'en');
    await page.getByTestId('nav-queue').click();
    await expect(page.getByTestId('queue-table').getByTestId(`ticket-row-${critical.number}`)).toBeVisible({ timeout: LOAD_TIMEOUT });
    await check('queue', 'en');
    await openInApp(page, `/tickets/${critical.id}`);
    await expect(page.getByTestId('ticket-number')).toHaveText(critical.number, { timeout: LOAD_TIMEOUT });
    await expect(page.getByTestId('assignee-select')).toContainText(engineer.name);
    await check('request', 'en');
    await page.getByTestId('nav-intake').click();
    await expect(page.getByTestId('intake-customer')).toBeVisible({ timeout: LOAD_TIMEOUT });
    await check('intake', 'en');

    // Signed out, the sign-in page keeps en; the hospital's user then signs in choosing zh-CN there.
    await signOut(page);
    await expect(page.getByTestId('login-submit')).toHaveText(/^Sign in$/);
    await check('sign-in', 'en');
    await signIn(page, hospital.customerUser, language, /\/portal$/);
    await expect(page.getByTestId(`ticket-row-${critical.number}`)).toBeVisible();
    await check('portal home');

    await openInApp(page, `/portal/requests/${resolved.id}`);
    await expect(page.getByTestId('ticket-number')).toHaveText(resolved.number, { timeout: LOAD_TIMEOUT });
    await expect(page.getByTestId('transition-confirmed')).toBeVisible();
    await check('portal request');

    // The portal in en.
    await switchLanguageInApp(page, 'en');
    await check('portal request', 'en');
    await page.getByTestId('nav-requests').click();
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByTestId(`ticket-row-${critical.number}`)).toBeVisible();
    await check('portal home', 'en');

    expect(problems, `axe found WCAG 2.1 A/AA violations:\n${problems.join('\n')}`).toEqual([]);
  });
}
