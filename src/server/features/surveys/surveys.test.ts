import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JobContext } from '../../jobs/jobs.service.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
const KEY = 'survey-test-key-0123456789-abcdefghijklmnop';
beforeAll(async () => {
  // SMTP is configured (mail is only queued here: nothing listens on the port, and no test runs mail.send).
  ctx = await createTestContext({
    env: { AFTERSALES_SECRET_KEY: KEY, SMTP_HOST: '127.0.0.1', SMTP_PORT: '2', SMTP_FROM: 'Aftersales <desk@vendor.example.com>' },
  });
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '李工' });
});
afterAll(() => ctx.close());

/** Every table's rows, less the rate limiter's own counts (the public link is rate limited per address). */
async function rowsNow() {
  const { rate_limit_hits: _hits, ...rest } = await ctx.snapshot();
  return rest;
}

/** A request of a fresh hospital, assigned, resolved and confirmed by the hospital's own user. */
async function confirmedRequest(extra: Record<string, unknown> = {}) {
  const c = await ctx.customer();
  const hospitalUser = await ctx.user('customer', { customerId: c.id });
  const t = await ctx.ticket(agent, c.id, { assigneeId: engineer.user.id, contactId: c.contact.id, ...extra });
  for (const to of ['acknowledged', 'in_progress'])
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: engineer, body: { to } });
  await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: engineer, body: { to: 'resolved', resolution: '重启服务' } });
  const confirmed = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: hospitalUser, body: { to: 'confirmed' } });
  expect(confirmed.statusCode).toBe(200);
  return { c, hospitalUser, t };
}

describe('satisfaction surveys in the portal', () => {
  test('one answer per request, by its own organisation; a second answer, another org or bad scores change nothing', async () => {
    const { c, hospitalUser, t } = await confirmedRequest();
    const other = await ctx.customer();
    const otherUser = await ctx.user('customer', { customerId: other.id });
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser })).json()).toEqual({
      isOpen: true,
      survey: null,
      hasContactEmail: false,
    });

    for (const [as, body, status] of [
      [otherUser, { score: 5 }, 404],
      [agent, { score: 5 }, 403],
      [hospitalUser, { score: 6 }, 400],
      [hospitalUser, { score: 0 }, 400],
      [hospitalUser, { score: 4.5 }, 400],
    ] as const) {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as, body });
      expect(res.statusCode).toBe(status);
      expect(await rowsNow()).toEqual(before);
    }

    const ok = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 4, comment: '响应及时' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ score: 4, comment: '响应及时', channel: 'portal', customerId: c.id });

    const before = await rowsNow();
    const twice = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 1 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('conflict');
    expect(await rowsNow()).toEqual(before);
  });

  test('a request not yet confirmed has no survey to answer', async () => {
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const t = await ctx.ticket(agent, c.id);
    const before = await rowsNow();
    const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 5 } });
    expect(res.statusCode).toBe(409);
    expect(await rowsNow()).toEqual(before);
  });
});

describe('the signed no-login link', () => {
  test('a valid link shows the request and takes one answer; bad, tampered and expired links are refused', async () => {
    const { t } = await confirmedRequest();
    const link = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent });
    expect(link.statusCode).toBe(201);
    const { token, path } = link.json();
    expect(path).toBe(`/survey/${token}`);

    const shown = await ctx.call('GET', `/api/v1/surveys/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ ticketNumber: t.number, isAnswered: false });

    const [id, exp, sig] = token.split('.');
    const tampered = [
      `${id}.${Number(exp) + 86_400}.${sig}`,
      `${id}.${exp}.${sig.slice(0, -2)}AA`,
      'not-a-token-at-all',
      `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${exp}.${sig}`,
    ];
    for (const bad of tampered) {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/surveys/${bad}`, { body: { score: 5 } });
      expect(res.statusCode).toBe(404);
      expect(await rowsNow()).toEqual(before);
    }

    const answered = await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 2, comment: '等待太久' } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ score: 2, channel: 'link' });
    expect((await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 5 } })).statusCode).toBe(409);
    expect((await ctx.call('GET', `/api/v1/surveys/${token}`)).json()).toMatchObject({ isAnswered: true, score: 2 });
    // A link for an answered survey is not issued again.
    expect((await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent })).statusCode).toBe(409);
  });

  test('an expired link is refused and changes nothing', async () => {
    const { t } = await confirmedRequest();
    const { token } = (await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent })).json();
    const now = ctx.clock();
    ctx.clock.advance(31 * 86_400_000);
    try {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 5 } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.fields).toEqual({ token: 'expired' });
      expect(await rowsNow()).toEqual(before);
    } finally {
      ctx.clock.set(now);
    }
  });

  test('without AFTERSALES_SECRET_KEY no link is issued', async () => {
    const bare = await createTestContext();
    try {
      const a = await bare.user('agent');
      const c = await bare.customer();
      const t = await bare.ticket(a, c.id);
      const res = await bare.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: a });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('secret_key_missing');
    } finally {
      await bare.close();
    }
  });
});

describe('results', () => {
  test('by customer, engineer and month; staff only', async () => {
    const from = '2026-03-01';
    const to = '2026-03-31';
    const base = (await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: agent })).json();
    const { c, hospitalUser, t } = await confirmedRequest();
    await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 5 } });
    const res = await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: agent });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.count).toBe(base.count + 1);
    expect(s.byCustomer.find((g: { key: string }) => g.key === c.id)).toMatchObject({ label: c.name, count: 1, average: 5 });
    expect(s.byEngineer.find((g: { key: string }) => g.key === engineer.user.id)).toMatchObject({ label: '李工' });
    expect(s.byMonth.map((g: { key: string }) => g.key)).toEqual(['2026-03']);
    expect(s.distribution[4]).toBe(base.distribution[4] + 1);
    expect((await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: hospitalUser })).statusCode).toBe(403);
    expect((await ctx.call('GET', `/api/v1/surveys/summary?from=${to}&to=${from}`, { as: agent })).statusCode).toBe(400);
    expect((await ctx.call('GET', '/api/v1/surveys/summary?from=2026-04-01&to=2026-04-30', { as: agent })).json().count).toBe(0);
  });
});

type MailJob = { payload: { to: string; locale: string; template: string; params: Record<string, string | null> } };
const mailJobsTo = (to: string) =>
  ctx.rows<MailJob>(sql`select payload from jobs where name = 'mail.send' and payload->>'to' = ${to} order by created_at`);

describe('survey link by email', () => {
  test('staff send the signed link to the request’s contact through the mailer; without an address nothing changes', async () => {
    const { c, t } = await confirmedRequest();
    // The contact has no address yet: refused, nothing written (no survey, no job).
    let before = await rowsNow();
    const refused = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent, body: { sendEmail: true } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ sendEmail: 'no email' });
    expect(await rowsNow()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/survey`, { as: agent })).json().hasContactEmail).toBe(false);

    const to = `${c.id.slice(0, 8)}@hospital.example.cn`;
    await ctx.rows(sql`update contacts set email = ${to} where id = ${c.contact.id}`);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/survey`, { as: agent })).json().hasContactEmail).toBe(true);
    before = await rowsNow();
    for (const body of [{ sendEmail: 'yes' }, { sendEmail: true, locale: 'fr' }, { sendEmail: true, extra: 1 }]) {
      const bad = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent, body });
      expect(bad.statusCode).toBe(400);
    }
    expect(await rowsNow()).toEqual(before);

    const sent = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent, body: { sendEmail: true, locale: 'en' } });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().emailedTo).toBe(to);
    const [job] = await mailJobsTo(to);
    expect(job.payload).toMatchObject({ template: 'survey', locale: 'en', params: { ticketNumber: t.number, path: sent.json().path } });
    // The emailed link works without a login.
    expect((await ctx.call('POST', `/api/v1${sent.json().path.replace('/survey/', '/surveys/')}`, { body: { score: 4 } })).statusCode).toBe(
      201,
    );
  });

  test('the mail reads right in Chinese, escaped, with the no-login link', async () => {
    const { renderMail } = await import('../../mail/templates.ts');
    const mail = renderMail({
      template: 'survey',
      params: {
        customerName: '协和<医院>',
        ticketNumber: 'SR-2026-0001',
        ticketTitle: 'HIS 卡顿',
        path: '/survey/abc',
        expiresAt: '2026-04-01T02:00:00Z',
      },
      locale: 'zh-CN',
      name: '张主任',
      timeZone: 'Asia/Shanghai',
      publicUrl: 'https://desk.example.com',
    });
    expect(mail.subject).toBe('[售后服务台] 请评价我们对服务请求 SR-2026-0001 HIS 卡顿 的服务');
    expect(mail.text).toContain('https://desk.example.com/survey/abc');
    expect(mail.text).toContain('2026-04-01 10:00');
    const periodic = renderMail({
      template: 'survey',
      params: { customerName: '协和<医院>', period: '2026-07-01', path: '/survey/abc', expiresAt: '2026-08-01T02:00:00Z' },
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      publicUrl: 'https://desk.example.com',
    });
    expect(periodic.html).toContain('协和&#60;医院&#62;');
    expect(periodic.html).not.toContain('协和<医院>');
  });
});

describe('periodic surveys per customer', () => {
  test('the schedule is staff-only and checked; the job opens one survey per period and mails the primary contact', async () => {
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const to = `periodic-${c.id.slice(0, 8)}@hospital.example.cn`;
    await ctx.rows(sql`update contacts set email = ${to} where id = ${c.contact.id}`);
    const url = `/api/v1/customers/${c.id}/survey-schedule`;

    for (const [as, body, status] of [
      [hospitalUser, { everyMonths: 6, nextDueDate: '2026-03-10' }, 403],
      [agent, { everyMonths: 0, nextDueDate: '2026-03-10' }, 400],
      [agent, { everyMonths: 25, nextDueDate: '2026-03-10' }, 400],
      [agent, { everyMonths: 6, nextDueDate: '2026-02-30' }, 400],
      [agent, { everyMonths: 6, nextDueDate: '2025-12-31' }, 400],
      [agent, { everyMonths: 6 }, 400],
    ] as const) {
      const before = await rowsNow();
      const res = await ctx.call('PUT', url, { as, body });
      expect(res.statusCode).toBe(status);
      expect(await rowsNow()).toEqual(before);
    }
    expect(
      (
        await ctx.call('PUT', `/api/v1/customers/${crypto.randomUUID()}/survey-schedule`, {
          as: agent,
          body: { everyMonths: 6, nextDueDate: '2026-03-10' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/surveys`, { as: hospitalUser })).statusCode).toBe(403);

    const set = await ctx.call('PUT', url, { as: agent, body: { everyMonths: 6, nextDueDate: '2026-03-10' } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ everyMonths: 6, nextDueDate: '2026-03-10', isDefault: false });

    const now = ctx.clock();
    try {
      // Not due yet: the job opens nothing for this customer.
      await runDueJobsFor('surveys.periodic');
      expect((await ctx.call('GET', `/api/v1/customers/${c.id}/surveys`, { as: agent })).json().items).toEqual([]);

      ctx.clock.set('2026-03-10T02:00:00Z');
      // A week on: a fresh session (the first one has expired).
      const later = await ctx.user('agent');
      await runDueJobsFor('surveys.periodic');
      const after = (await ctx.call('GET', `/api/v1/customers/${c.id}/surveys`, { as: later })).json();
      expect(after.schedule).toEqual({ everyMonths: 6, nextDueDate: '2026-09-10', isDefault: false });
      expect(after.items).toHaveLength(1);
      expect(after.items[0]).toMatchObject({ period: '2026-03-10', ticketId: null, score: null, customerId: c.id });
      const jobs = await mailJobsTo(to);
      expect(jobs).toHaveLength(1);
      expect(jobs[0].payload).toMatchObject({ template: 'survey', params: { period: '2026-03-10' } });

      // Run again the same day: nothing new (one survey per period, one mail).
      await runDueJobsFor('surveys.periodic');
      expect((await ctx.call('GET', `/api/v1/customers/${c.id}/surveys`, { as: later })).json().items).toHaveLength(1);
      expect(await mailJobsTo(to)).toHaveLength(1);

      // The mailed link answers it once, without a login; it counts in the results by customer and month.
      const path = jobs[0].payload.params.path as string;
      const token = path.slice('/survey/'.length);
      expect((await ctx.call('GET', `/api/v1/surveys/${token}`)).json()).toMatchObject({
        ticketNumber: null,
        period: '2026-03-10',
        isAnswered: false,
      });
      expect((await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 3, comment: '总体满意' } })).statusCode).toBe(201);
      const before = await rowsNow();
      expect((await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 5 } })).statusCode).toBe(409);
      expect(await rowsNow()).toEqual(before);
      const summary = (await ctx.call('GET', '/api/v1/surveys/summary?from=2026-03-01&to=2026-03-31', { as: later })).json();
      expect(summary.byCustomer.find((g: { key: string }) => g.key === c.id)).toMatchObject({ count: 1, average: 3 });
    } finally {
      ctx.clock.set(now);
    }
  });
});

describe('the schedule defaults from the tier', () => {
  test('no schedule of its own: Diamond every 3 months, Gold 6, Bronze 12 from the contract’s start; none without a contract; the job stores it once due', async () => {
    const tiers = Object.fromEntries(
      ((await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items as { code: string; id: string }[]).map((t) => [
        t.code,
        t.id,
      ]),
    );
    const under = async (tier: string, startDate: string, endDate: string) => {
      const c = await ctx.customer();
      const res = await ctx.call('POST', '/api/v1/service-contracts', {
        as: agent,
        body: { customerId: c.id, tierId: tiers[tier], startDate, endDate },
      });
      expect(res.statusCode).toBe(201);
      return c;
    };
    const scheduleOf = async (id: string) => (await ctx.call('GET', `/api/v1/customers/${id}/surveys`, { as: agent })).json().schedule;
    const diamond = await under('diamond', '2025-12-01', '2026-11-30');
    const gold = await under('gold', '2026-01-01', '2026-12-31');
    const bronze = await under('bronze', '2026-01-01', '2026-12-31');
    const none = await ctx.customer();
    expect(await scheduleOf(diamond.id)).toEqual({ everyMonths: 3, nextDueDate: '2026-03-01', isDefault: true });
    expect(await scheduleOf(gold.id)).toEqual({ everyMonths: 6, nextDueDate: '2026-07-01', isDefault: true });
    expect(await scheduleOf(bronze.id)).toEqual({ everyMonths: 12, nextDueDate: '2027-01-01', isDefault: true });
    expect(await scheduleOf(none.id)).toBeNull();

    await runDueJobsFor('surveys.periodic');
    // Diamond's first survey was due: opened for its period, the schedule stored and moved on; Gold's waits.
    const d = (await ctx.call('GET', `/api/v1/customers/${diamond.id}/surveys`, { as: agent })).json();
    expect(d.schedule).toEqual({ everyMonths: 3, nextDueDate: '2026-06-01', isDefault: false });
    expect(d.items.map((i: { period: string }) => i.period)).toEqual(['2026-03-01']);
    expect((await ctx.call('GET', `/api/v1/customers/${gold.id}/surveys`, { as: agent })).json()).toMatchObject({
      schedule: { isDefault: true },
      items: [],
    });
    // A schedule set by hand wins over the default.
    await ctx.call('PUT', `/api/v1/customers/${gold.id}/survey-schedule`, {
      as: agent,
      body: { everyMonths: 2, nextDueDate: '2026-04-15' },
    });
    expect(await scheduleOf(gold.id)).toEqual({ everyMonths: 2, nextDueDate: '2026-04-15', isDefault: false });
  });
});

describe('periodic surveys in the portal', () => {
  test('a hospital user sees its pending periodic survey and answers it once; bad scores, staff and another organisation change nothing', async () => {
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const otherCustomer = await ctx.customer();
    const otherUser = await ctx.user('customer', { customerId: otherCustomer.id });
    expect(
      (
        await ctx.call('PUT', `/api/v1/customers/${c.id}/survey-schedule`, {
          as: agent,
          body: { everyMonths: 12, nextDueDate: '2026-03-02' },
        })
      ).statusCode,
    ).toBe(200);
    await runDueJobsFor('surveys.periodic');
    const pending = await ctx.call('GET', `/api/v1/customers/${c.id}/pending-surveys`, { as: hospitalUser });
    expect(pending.statusCode).toBe(200);
    expect(pending.json().items).toHaveLength(1);
    const survey = pending.json().items[0];
    expect(survey).toMatchObject({ period: '2026-03-02', ticketId: null, score: null });
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/pending-surveys`, { as: otherUser })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/customers/${otherCustomer.id}/pending-surveys`, { as: otherUser })).json().items).toEqual([]);

    const url = `/api/v1/periodic-surveys/${survey.id}/answer`;
    for (const [as, body, status] of [
      [otherUser, { score: 5 }, 404],
      [agent, { score: 5 }, 403],
      [hospitalUser, { score: 0 }, 400],
      [hospitalUser, { score: 6 }, 400],
      [hospitalUser, { score: 4, extra: 1 }, 400],
    ] as const) {
      const before = await rowsNow();
      expect((await ctx.call('POST', url, { as, body })).statusCode).toBe(status);
      expect(await rowsNow()).toEqual(before);
    }
    expect(
      (await ctx.call('POST', `/api/v1/periodic-surveys/${crypto.randomUUID()}/answer`, { as: hospitalUser, body: { score: 4 } }))
        .statusCode,
    ).toBe(404);
    const answered = await ctx.call('POST', url, { as: hospitalUser, body: { score: 4, comment: '工程师很专业' } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ score: 4, channel: 'portal', comment: '工程师很专业' });
    const before = await rowsNow();
    expect((await ctx.call('POST', url, { as: hospitalUser, body: { score: 5 } })).statusCode).toBe(409);
    expect(await rowsNow()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/pending-surveys`, { as: hospitalUser })).json().items).toEqual([]);
  });
});

/** The `surveys.periodic` job's handler as the registry runs it, at the test clock's now. */
async function runDueJobsFor(name: string) {
  const handler = createJobRegistry({ mailer: null }).get(name);
  if (!handler) throw new Error(`no job ${name}`);
  await handler.run({ deps: ctx.deps, now: ctx.clock(), payload: {} } as unknown as JobContext);
}
