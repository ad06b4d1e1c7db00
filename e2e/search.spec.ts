// Search, once per language: the header box (words → ranked results with highlights; a request number → that
// request), the results page's states, and a hospital user's search confined to its own organisation.
import { expect, type Page, test } from '@playwright/test';
import {
  createHospital,
  createTicket,
  createWorld,
  type Language,
  openInApp,
  SCREENSHOTS,
  screenshot,
  signInAdmin,
  signInByApi,
} from './support.ts';

/** Texts and data written out here (not read from the dictionaries) so a wrong translation fails. */
const SEARCH_TEXT = {
  'zh-CN': {
    title: '检验科打印机无法打印条码',
    description: '检验科的条码打印机从今天上午开始无法打印，标本无法贴码，请尽快处理。',
    otherTitle: '放射科胶片打印机频繁卡纸',
    otherDescription: '放射科胶片打印机每打印几张就卡纸。',
    query: '打印',
    titleMarks: ['打印', '打印'],
    pageTitle: '搜索',
    subtitle: '“打印”的搜索结果',
    count: /^找到 \d+ 条结果$/,
    countOne: '找到 1 条结果',
    order: '按相关度排序',
    severity: '加急',
    status: '新建',
    customerLabel: '客户',
    descriptionLabel: '问题描述',
    placeholder: '搜索请求编号、标题、内容',
    noResults: (q: string) => `没有找到与“${q}”相关的服务请求`,
    noResultsHint: '请核对请求编号，或换用更短、更常见的关键词。',
    emptyTitle: '搜索服务请求',
    openInQueue: '在工作台中筛选',
  },
  en: {
    title: 'Lab printer cannot print barcode labels',
    description: 'Since this morning the barcode printer in the laboratory prints nothing, so samples cannot be labelled.',
    otherTitle: 'Radiology film printer keeps jamming',
    otherDescription: 'The film printer jams after every few films.',
    query: 'printer',
    titleMarks: ['printer'],
    pageTitle: 'Search',
    subtitle: 'Results for "printer"',
    count: /^\d+ results?$/,
    countOne: '1 result',
    order: 'Sorted by relevance',
    severity: 'Urgent',
    status: 'New',
    customerLabel: 'Customer',
    descriptionLabel: 'Description',
    placeholder: 'Search number, title, text',
    noResults: (q: string) => `No service requests match "${q}"`,
    noResultsHint: 'Check the request number, or try fewer or shorter words.',
    emptyTitle: 'Search service requests',
    openInQueue: 'Filter in the queue',
  },
} as const;

/** Types into the header's search box and presses Enter, as a user would. */
async function searchFromHeader(page: Page, words: string): Promise<void> {
  const box = page.getByTestId('search-box');
  await box.click();
  await box.fill(words);
  await box.press('Enter');
}

/** A full-page screenshot with the viewport grown to the page, so the sticky header stays in place. */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Two hospitals, each with a request about a printer: the world's own and another one's. */
async function createSearchWorld(baseURL: string, language: Language) {
  const text = SEARCH_TEXT[language];
  const admin = await signInAdmin(baseURL);
  const world = await createWorld(admin, language);
  const otherHospital = await createHospital(admin);
  const own = await createTicket(admin, {
    customerId: world.customer.id,
    contactId: world.contact.id,
    title: text.title,
    description: text.description,
    severity: 'urgent',
    channel: 'phone',
    kind: 'request',
  });
  const other = await createTicket(admin, {
    customerId: otherHospital.customer.id,
    contactId: otherHospital.contact.id,
    title: text.otherTitle,
    description: text.otherDescription,
    severity: 'normal',
    channel: 'phone',
    kind: 'request',
  });
  await admin.dispose();
  return { world, otherHospital, own, other };
}

// One language per flow: the suite alternates zh-CN and en across specs (both catalogues have the same keys by type).
{
  const language = 'zh-CN' as Language;
  const text = SEARCH_TEXT[language];

  test(`search from the staff header (${language})`, async ({ page, baseURL }) => {
    const { world, own, other } = await createSearchWorld(baseURL ?? '', language);
    await signInByApi(page, world.agent, language, '/queue');
    await expect(page.getByTestId('search-box')).toHaveAttribute('placeholder', text.placeholder);
    await searchFromHeader(page, text.query);
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(text.query)}$`));
    await expect(page.getByTestId('search-title')).toHaveText(text.pageTitle);
    await expect(page.getByTestId('search-page')).toContainText(text.subtitle);
    await expect(page.getByTestId('search-count')).toHaveText(text.count);
    await expect(page.getByTestId('search-page')).toContainText(text.order);
    // The header box keeps the words searched.
    await expect(page.getByTestId('search-box')).toHaveValue(text.query);

    const result = page.getByTestId(`search-result-${own.number}`);
    await expect(result).toBeVisible();
    await expect(result.getByTestId('search-result-link')).toHaveText(own.number);
    await expect(result.getByTestId('search-result-title')).toHaveText(text.title);
    await expect(result.getByTestId('search-result-title').locator('mark')).toHaveText([...text.titleMarks]);
    await expect(result).toContainText(text.severity);
    await expect(result).toContainText(text.status);
    await expect(result.getByTestId('search-result-customer')).toHaveText(`${text.customerLabel}${world.customer.name}`);
    const snippet = result.getByTestId('search-result-snippet');
    await expect(snippet).toContainText(text.descriptionLabel);
    await expect(snippet.locator('mark').first()).toHaveText(text.query);
    // Staff see every hospital's requests.
    await expect(page.getByTestId(`search-result-${other.number}`)).toBeVisible();
    await expect(page.getByTestId('search-open-in-queue')).toHaveText(text.openInQueue);
    await fullScreenshot(page, `search-results-${language}`);
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, `search-results-narrow-${language}`);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The title leads to the tracking card.
    await result.getByTestId('search-result-title').click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${own.id}$`));
    await expect(page.getByTestId('ticket-title')).toHaveText(text.title);

    // A request number opens that request directly, from any page.
    await page.getByTestId('nav-queue').click();
    await expect(page).toHaveURL(/\/queue/);
    await searchFromHeader(page, other.number);
    await expect(page).toHaveURL(new RegExp(`/tickets/${other.id}$`));
    await expect(page.getByTestId('ticket-number')).toHaveText(other.number);
    await expect(page.getByTestId('search-box')).toHaveValue('');

    // A number that does not exist: the results page says so.
    const missing = 'SR-2099-999999';
    await searchFromHeader(page, missing);
    await expect(page).toHaveURL(/\/search\?q=SR-2099-999999$/);
    await expect(page.getByTestId('search-no-results')).toContainText(text.noResults(missing));
    await expect(page.getByTestId('search-no-results')).toContainText(text.noResultsHint);
    await screenshot(page, `search-no-results-${language}`);

    // Without words: the page asks for them.
    await openInApp(page, '/search');
    await expect(page.getByTestId('search-empty')).toContainText(text.emptyTitle);
    await screenshot(page, `search-empty-${language}`);
    const startInput = page.getByTestId('search-start-input').locator('input');
    await expect(startInput).toBeFocused();
    await startInput.fill(text.query);
    await startInput.press('Enter');
    await expect(page.getByTestId(`search-result-${own.number}`)).toBeVisible();
  });

  test(`a hospital user's search stays within its organisation (${language})`, async ({ page, baseURL }) => {
    const { world, own, other } = await createSearchWorld(baseURL ?? '', language);
    await signInByApi(page, world.customerUser, language, '/portal');
    await searchFromHeader(page, text.query);
    await expect(page).toHaveURL(new RegExp(`/portal/search\\?q=${encodeURIComponent(text.query)}$`));
    const ownResult = page.getByTestId(`search-result-${own.number}`);
    await expect(ownResult).toBeVisible();
    await expect(ownResult.getByTestId('search-result-title').locator('mark')).toHaveText([...text.titleMarks]);
    await expect(page.getByTestId('search-count')).toHaveText(text.countOne);
    await expect(page.getByTestId(`search-result-${other.number}`)).toHaveCount(0);
    await expect(page.getByTestId('search-results')).not.toContainText(text.otherTitle);
    await fullScreenshot(page, `search-portal-results-${language}`);
    // A narrower window: the portal's header still fits its menu, the search box and the user menu.
    await page.setViewportSize({ width: 1024, height: 700 });
    // There the box folds to its icon until used.
    const boxFrame = page.locator('.search-box', { has: page.getByTestId('search-box') });
    await expect.poll(() => boxFrame.evaluate((element) => element.getBoundingClientRect().width)).toBeLessThan(40);
    await screenshot(page, `search-portal-narrow-${language}`);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Another hospital's request number finds nothing; its own opens the portal's view of it.
    await searchFromHeader(page, other.number);
    await expect(page).toHaveURL(/\/portal\/search\?q=SR-/);
    await expect(page.getByTestId('search-no-results')).toContainText(text.noResults(other.number));
    await searchFromHeader(page, own.number);
    await expect(page).toHaveURL(new RegExp(`/portal/requests/${own.id}$`));
    await expect(page.getByText(text.title).first()).toBeVisible();
  });
}
