// Shared helpers for the browser suite: API setup signed in as the admin, UI sign-in/out, screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type APIResponse, expect, type Locator, type Page, request } from '@playwright/test';
import type { z } from 'zod';
import { E2E_ADMIN } from '../playwright.config.ts';
import type { ContactBody, CreateCustomerBody } from '../src/server/features/customers/customers.schema.ts';
import type { CreateTicketBody } from '../src/server/features/tickets/tickets.schema.ts';
import type { CreateUserBody } from '../src/server/features/users/users.schema.ts';
import type { Contact, CustomerDetail, Me, Ticket, TicketDetail, User } from '../src/web/api/types.ts';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** Every account the suite creates signs in with this password. */
export const PASSWORD = 'e2e-user-password';

export type Credentials = { email: string; password: string };
export type Account = User & { password: string };

/** Texts the UI must show, written out here (not read from the app's dictionaries) so a wrong translation fails. */
export const TEXT = {
  'zh-CN': {
    signIn: /^登\s?录$/,
    queueTitle: '工作台',
    intakeTitle: '电话受理',
    yes: '是',
    critical: '全面加急',
    suggestedCritical: '建议：全面加急 · 10 分钟内响应',
    statusNew: '新建',
    statusResolved: '已解决',
    statusConfirmed: '已确认',
    assigneeLine: (name: string) => `处理人：${name}`,
    resolveTitle: '解决服务请求',
    required: '请填写此项',
    confirmTitle: '确认问题已解决',
    awaitingConfirmation: '服务人员已提交解决方案，请确认问题是否已解决。',
    confirmedBy: (name: string) => new RegExp(`^由 ${name} 于 .+ 确认$`),
    portalTitle: '我的服务请求',
    notFound: '未找到该记录',
    liveOpen: '实时',
  },
  en: {
    signIn: /^Sign in$/,
    queueTitle: 'Queue',
    intakeTitle: 'Phone intake',
    yes: 'Yes',
    critical: 'Critical',
    suggestedCritical: 'Suggested: Critical · Respond within 10 min',
    statusNew: 'New',
    statusResolved: 'Resolved',
    statusConfirmed: 'Confirmed',
    assigneeLine: (name: string) => `Assignee: ${name}`,
    resolveTitle: 'Resolve the request',
    required: 'Required',
    confirmTitle: 'Confirm the problem is solved',
    awaitingConfirmation: 'The service team has resolved this request. Please confirm whether the problem is solved.',
    confirmedBy: (name: string) => new RegExp(`^Confirmed by ${name} at .+$`),
    portalTitle: 'My requests',
    notFound: 'Not found',
    liveOpen: 'LIVE',
  },
} as const;

export const TICKET_NUMBER = /^SR-\d{4}-\d{6}$/;

const CN_DIGITS = '〇一二三四五六七八九';

/** A number written with Chinese numerals, so generated names stay all-Chinese and searchable. */
function chineseDigits(n: number): string {
  return String(n)
    .split('')
    .map((digit) => CN_DIGITS[Number(digit)])
    .join('');
}

let counter = 0;
/** Unique per run and per call: time plus a counter (the database is new each run, but names must not repeat within one). */
export function uniqueNumber(): number {
  counter += 1;
  return (Date.now() % 1_000_000) * 100 + counter;
}

/**
 * A full-page screenshot under test-results/screens, for a person to look at: taken only when
 * E2E_SCREENSHOTS=1 (`E2E_SCREENSHOTS=1 npx playwright test`). CI runs nobody looks at skip them,
 * which saves ~1 s per screenshot of the browser stage.
 */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const dir = path.join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** An API session: cookie plus the CSRF token that every write must carry. */
export class Api {
  private constructor(
    private readonly context: APIRequestContext,
    private readonly csrfToken: string,
    readonly user: User,
  ) {}

  /** Signs in on a new request context of its own. */
  static async signIn(baseURL: string, credentials: Credentials): Promise<Api> {
    return Api.signInOn(await request.newContext({ baseURL }), credentials);
  }

  /** Uses a personal API token instead of a session. */
  static async withToken(baseURL: string, token: string): Promise<Api> {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const me = await Api.json<Me>(await context.get('/api/v1/auth/me'), 'GET /auth/me');
    return new Api(context, '', me.user);
  }

  /** Signs in on a given context, e.g. a browser context's `request`, which shares that context's cookies. */
  static async signInOn(context: APIRequestContext, credentials: Credentials): Promise<Api> {
    const response = await context.post('/api/v1/auth/login', { data: credentials });
    const me = await Api.json<Me>(response, 'POST /auth/login');
    if (!me.csrfToken) throw new Error('login returned no CSRF token');
    return new Api(context, me.csrfToken, me.user);
  }

  private static async json<T>(response: APIResponse, what: string): Promise<T> {
    if (!response.ok()) throw new Error(`${what} → ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The raw response, for tests that check a refusal. */
  fetch(pathname: string): Promise<APIResponse> {
    return this.context.get(`/api/v1${pathname}`);
  }

  async get<T>(pathname: string): Promise<T> {
    return Api.json<T>(await this.fetch(pathname), `GET ${pathname}`);
  }

  async post<T>(pathname: string, data: unknown): Promise<T> {
    const response = await this.context.post(`/api/v1${pathname}`, { data, headers: { 'x-csrf-token': this.csrfToken } });
    return Api.json<T>(response, `POST ${pathname}`);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}

let adminToken: Promise<string> | undefined;

/**
 * The admin's personal API token, made once per worker: signing in for every test would trip the
 * login rate limit (10 a minute per address and account) as the suite grows.
 */
function adminBearerToken(baseURL: string): Promise<string> {
  adminToken ??= (async () => {
    const api = await Api.signIn(baseURL, E2E_ADMIN);
    try {
      return (await api.post<{ token: string }>('/auth/tokens', { name: `e2e ${uniqueNumber()}` })).token;
    } finally {
      await api.dispose();
    }
  })().catch((error: unknown) => {
    adminToken = undefined;
    throw error;
  });
  return adminToken;
}

/** An API session as the admin, by Bearer token (no cookie, so no CSRF token is needed). */
export async function signInAdmin(baseURL: string): Promise<Api> {
  return Api.withToken(baseURL, await adminBearerToken(baseURL));
}

export async function createUser(admin: Api, input: z.input<typeof CreateUserBody>): Promise<Account> {
  const user = await admin.post<User>('/users', input);
  return { ...user, password: input.password };
}

export type Hospital = { customer: CustomerDetail; contact: Contact; customerUser: Account; searchText: string };

/** A hospital with a primary contact and one portal user of its own. */
export async function createHospital(admin: Api): Promise<Hospital> {
  const n = uniqueNumber();
  const tag = chineseDigits(n);
  const customerInput: z.input<typeof CreateCustomerBody> = {
    name: `清河县第${tag}人民医院`,
    kind: 'hospital',
    province: '浙江省',
    city: '杭州市',
    grade: '二级甲等',
  };
  const created = await admin.post<{ id: string }>('/customers', customerInput);
  const contactInput: z.input<typeof ContactBody> = {
    name: `王${tag}主任`,
    role: 'it_director',
    title: '信息科主任',
    phone: `0571-${String(n).slice(-8)}`,
    isPrimary: true,
  };
  const contacts = (async () => {
    // A second, non-primary contact first, so picking the primary one is a real choice.
    await admin.post<Contact>(`/customers/${created.id}/contacts`, { name: `李${tag}`, role: 'department_user', isPrimary: false });
    return admin.post<Contact>(`/customers/${created.id}/contacts`, contactInput);
  })();
  // The portal user is made while the contacts are (the two are independent).
  const [contact, customerUser] = await Promise.all([
    contacts,
    createUser(admin, {
      email: `portal.${n}@e2e.example.com`,
      name: `赵${tag}`,
      password: PASSWORD,
      role: 'customer',
      customerId: created.id,
    }),
  ]);
  const customer = await admin.get<CustomerDetail>(`/customers/${created.id}`);
  // Part of the Chinese name, as an agent would type it while the hospital is on the line.
  return { customer, contact, customerUser, searchText: `县第${tag}人民` };
}

/** A service-centre agent; the name gets a unique suffix. */
export function createAgent(admin: Api, name: string): Promise<Account> {
  const n = uniqueNumber();
  return createUser(admin, {
    email: `agent.${n}@e2e.example.com`,
    name: `${name} ${n}`,
    password: PASSWORD,
    role: 'agent',
    team: 'service_center',
  });
}

export type World = Hospital & { agent: Account; engineer: Account };

/** Everything one run of the request flow needs, named uniquely for this run and language. */
export async function createWorld(admin: Api, language: Language): Promise<World> {
  const n = uniqueNumber();
  // Independent of each other: asked together, so the server's answers overlap the round trips.
  const [hospital, agent, engineer] = await Promise.all([
    createHospital(admin),
    createAgent(admin, language === 'en' ? 'Agent Alice' : '坐席小林'),
    createUser(admin, {
      email: `engineer.${n}@e2e.example.com`,
      name: language === 'en' ? `Engineer Bob ${n}` : `工程师老陈${chineseDigits(n)}`,
      password: PASSWORD,
      role: 'engineer',
      team: 'technical_center',
    }),
  ]);
  return { ...hospital, agent, engineer };
}

/** A date `days` from today in the service zone (YYYY-MM-DD). */
export function localDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A Silver service contract in force for the customer (covered: emergency visits use its yearly quota). */
export async function silverContract(admin: Api, customerId: string): Promise<void> {
  const silver = (await admin.get<{ items: { id: string; code: string }[] }>('/service-tiers')).items.find((t) => t.code === 'silver');
  if (!silver) throw new Error('the Silver tier is not seeded');
  await admin.post('/service-contracts', { customerId, tierId: silver.id, startDate: localDate(-30), endDate: localDate(300) });
}

export function createTicket(api: Api, input: z.input<typeof CreateTicketBody>): Promise<Ticket> {
  return api.post<Ticket>('/tickets', input);
}

export function getTicket(api: Api, id: string): Promise<TicketDetail> {
  return api.get<TicketDetail>(`/tickets/${id}`);
}

/**
 * Signs in through the sign-in page, choosing the language there first (a page already on the sign-in
 * page, e.g. just signed out, is used as it is: no second load). Tests whose subject is not the sign-in
 * page use `signInByApi`, which costs one page load less.
 */
export async function signIn(page: Page, account: Credentials, language: Language, home: RegExp): Promise<void> {
  if (!isOnSignInPage(page)) await page.goto('/login');
  await chooseLanguage(page, language);
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(home);
  await appReady(page);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

function isOnSignInPage(page: Page): boolean {
  const url = new URL(page.url());
  return url.protocol.startsWith('http') && url.pathname === '/login';
}

/** Where the web app keeps the language picked on this browser (src/web/i18n/index.ts). */
const LANGUAGE_STORAGE_KEY = 'aftersales.locale';

/**
 * Signs in without the sign-in page, for the many tests whose subject is elsewhere: the session cookie
 * comes from the API on the page's own browser context (`context.request` shares its cookies), the
 * language is remembered on the browser as the sign-in page's language menu does, and `path` is opened
 * directly — one page load instead of the sign-in page, its language switch and then `path`. The sign-in
 * page itself stays covered by `signIn`: in zh-CN by accessibility and service-request-flow, in en by jobs.
 */
export async function signInByApi(page: Page, account: Credentials, language: Language, path: string): Promise<void> {
  const context = page.context();
  const response = await context.request.post('/api/v1/auth/login', { data: { email: account.email, password: account.password } });
  if (!response.ok()) throw new Error(`POST /auth/login → ${response.status()}: ${await response.text()}`);
  // On every document of this context (so also after a sign-out and a new sign-in), unless a language was chosen since.
  await context.addInitScript(
    ([key, value]) => {
      try {
        if (window.location.protocol.startsWith('http') && localStorage.getItem(key) === null) localStorage.setItem(key, value);
      } catch {
        // No storage on this document (about:blank).
      }
    },
    [LANGUAGE_STORAGE_KEY, language] as const,
  );
  await page.evaluate(
    ([key, value]) => {
      try {
        if (window.location.protocol.startsWith('http')) localStorage.setItem(key, value);
      } catch {
        // about:blank: the init script above sets it on the next document.
      }
    },
    [LANGUAGE_STORAGE_KEY, language] as const,
  );
  await page.goto(path);
  await appReady(page);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/**
 * Waits until the app runs on the page: a server-rendered page (the queue) is on screen before its scripts start,
 * and a click before then would be lost.
 */
export async function appReady(page: Page): Promise<void> {
  await expect(page.locator('html[data-app-ready]')).toBeAttached();
}

/**
 * Opens `path` inside the running app, as a link does (a client-side navigation: the router reads the new
 * address; no page load, so no ~1.4 MB of script parsed again). For moves a test makes between its screens
 * where the way there is not what it checks; the first screen is opened with `page.goto` or `signInByApi`.
 * `pushState` changes the address at once, so the router has the new one when this returns.
 */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  // No wait on the address here: the route may send the user on (a redirect); callers wait for what the screen shows.
}

export async function signOut(page: Page): Promise<void> {
  // The menu can still be animating, or re-render under a live refetch, when the click lands: retry until signed out.
  const item = page.getByTestId('sign-out');
  await expect(async () => {
    // A slow navigation can land on the sign-in page after the click's own wait gave up: then it is done.
    if (new URL(page.url()).pathname === '/login') return;
    if (!(await item.isVisible())) await page.getByTestId('user-menu').click();
    await item.click({ timeout: 2_000 });
    await expect(page).toHaveURL(/\/login$/, { timeout: 3_000 });
  }).toPass();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-form')).toBeVisible();
}

/** Waits until nothing is fading or sliding in (a state, not a sleep); endless spinners don't count. */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => {
      const timing = animation.effect?.getComputedTiming();
      return animation.playState !== 'running' || timing?.iterations === Number.POSITIVE_INFINITY;
    }),
  );
}

/** The open antd select dropdown (antd renders popups at the end of the body). */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** The open antd dropdown's option with this text. */
export function openOption(page: Page, text: string): Locator {
  return openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text });
}

/**
 * Picks `option` in an antd Select the way a keyboard user does, so nothing depends on where the popup
 * opens or whether its animation has finished: the select is scrolled into view and focused, `type`
 * (by default the option itself; `null` for a select without search) is typed to filter, and once the
 * listbox shows the option, arrow keys make it the active one and Enter picks it. A single select then
 * closes; a multiple one stays open (press Escape). Wait for the save with `page.waitForResponse`.
 */
export async function chooseOption(
  page: Page,
  select: Locator | string,
  option: string,
  { type = option }: { type?: string | null } = {},
): Promise<void> {
  const root = typeof select === 'string' ? page.getByTestId(select) : select;
  await root.scrollIntoViewIfNeeded();
  const input = root.getByRole('combobox');
  await input.focus();
  if (type === null) await input.press('ArrowDown');
  else await input.fill(type);
  const dropdown = openDropdown(page);
  await expect(dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first()).toBeVisible();
  const active = dropdown.locator('.ant-select-item-option-active');
  const count = await dropdown.locator('.ant-select-item-option').count();
  await expect(async () => {
    for (let step = 0; step <= count && !((await active.textContent({ timeout: 1_000 })) ?? '').includes(option); step += 1)
      await input.press('ArrowDown');
    await expect(active).toContainText(option, { timeout: 1_000 });
  }).toPass();
  const multiple = await root.evaluate((element) => element.classList.contains('ant-select-multiple'));
  await input.press('Enter');
  if (!multiple) await expect(dropdown).toHaveCount(0);
}

/** Picks the UI language from the globe menu and waits until the page speaks it. */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  // Chosen already on this page (e.g. before signing in again after a sign-out): the page speaks it and remembers it.
  const remembered = await page.evaluate((key) => localStorage.getItem(key), LANGUAGE_STORAGE_KEY);
  if (remembered === language && TEXT[language].signIn.test((await page.getByTestId('login-submit').textContent()) ?? '')) return;
  const item = page.getByTestId(`language-${language}`);
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId('language-switch').click();
    await item.click({ timeout: 2_000 });
    await expect(page.getByTestId('login-submit')).toHaveText(TEXT[language].signIn, { timeout: 3_000 });
  }).toPass();
}
