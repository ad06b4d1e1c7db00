import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let otherEngineer: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '王工程师' });
  otherEngineer = await ctx.user('engineer', { name: '李工程师' });
});
afterAll(() => ctx.close());

const pathOf = (url: string) => new URL(url).pathname;
const feed = (url: string) => ctx.call('GET', pathOf(url));

/** Unfolds RFC 5545 content lines. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('iCalendar feed per engineer', () => {
  test('a secret URL (stored hashed) serves the engineer’s work orders as VEVENTs: CRLF, folded lines, UTC times', async () => {
    const c = await ctx.customer('武汉市第一人民医院（汉口院区，门诊楼三楼信息科机房，请走东侧电梯）');
    const t = await ctx.ticket(agent, c.id, { title: '门诊收费系统无法登录, 需上门处理; 紧急' });
    const mine = await ctx.call('POST', `/api/v1/tickets/${t.id}/work-orders`, {
      as: agent,
      body: { type: 'routine', plannedAt: '2026-03-03T01:30:00Z', engineerIds: [engineer.user.id] },
    });
    expect(mine.statusCode).toBe(201);
    const theirs = await ctx.call('POST', `/api/v1/tickets/${t.id}/work-orders`, {
      as: agent,
      body: { type: 'training', plannedAt: '2026-03-05T01:30:00Z', engineerIds: [otherEngineer.user.id] },
    });
    expect(theirs.statusCode).toBe(201);

    expect((await ctx.call('GET', '/api/v1/calendar-feeds/me', { as: engineer })).json()).toEqual({ feed: null });
    const created = await ctx.call('POST', '/api/v1/calendar-feeds/me', { as: engineer });
    expect(created.statusCode).toBe(201);
    const { url, token } = created.json();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await ctx.call('GET', '/api/v1/calendar-feeds/me', { as: engineer })).json().feed).toMatchObject({ id: created.json().id });
    // Only a hash is stored.
    const stored = await ctx.rows<{ token_hash: string }>(sql`select token_hash from calendar_feeds where id = ${created.json().id}`);
    expect(stored[0].token_hash).not.toContain(token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    // No cookie: the token is the credential.
    const res = await feed(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfold(ics);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain(`UID:${mine.json().id}@aftersales`);
    expect(lines).toContain('DTSTART:20260303T013000Z');
    expect(lines).toContain('DTEND:20260303T033000Z');
    expect(lines).toContain(`SUMMARY:${mine.json().number} 例行维护 · ${c.name.replace(/,/g, '\\,')}`);
    expect(lines).toContain('LOCATION:湖北省武汉市');
    const description = lines.find((l) => l.startsWith('DESCRIPTION:')) ?? '';
    expect(description).toContain(`服务请求 ${t.number}：门诊收费系统无法登录\\, 需上门处理\\; 紧急`);
    expect(description).toContain('联系人：张主任 027-88886666');
    expect(ics).not.toContain(theirs.json().number);
  });

  test('rotating kills the old URL, revoking kills the current one (404); hospital users cannot have a feed; refusals change nothing', async () => {
    const first = (await ctx.call('POST', '/api/v1/calendar-feeds/me', { as: otherEngineer })).json();
    expect((await feed(first.url)).statusCode).toBe(200);
    const rotated = await ctx.call('POST', '/api/v1/calendar-feeds/me', { as: otherEngineer });
    expect(rotated.statusCode).toBe(201);
    expect((await feed(first.url)).statusCode).toBe(404);
    expect((await feed(rotated.json().url)).statusCode).toBe(200);

    expect((await ctx.call('DELETE', '/api/v1/calendar-feeds/me', { as: otherEngineer })).statusCode).toBe(204);
    expect((await feed(rotated.json().url)).statusCode).toBe(404);
    expect((await ctx.call('GET', '/api/v1/calendar-feeds/me', { as: otherEngineer })).json()).toEqual({ feed: null });

    const hospitalUser = await ctx.user('customer', { customerId: (await ctx.customer()).id });
    const before = await ctx.snapshot();
    expect((await ctx.call('DELETE', '/api/v1/calendar-feeds/me', { as: otherEngineer })).statusCode).toBe(404);
    expect((await ctx.call('POST', '/api/v1/calendar-feeds/me', { as: hospitalUser })).statusCode).toBe(403);
    expect((await ctx.call('POST', '/api/v1/calendar-feeds/me')).statusCode).toBe(401);
    expect((await ctx.call('GET', '/api/v1/calendar-feeds/not-a-token.ics')).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect(await ctx.snapshot()).toEqual(before);
    const audits = await ctx.rows<{ action: string }>(
      sql`select action from audit_log where actor_id = ${otherEngineer.user.id} and action like 'calendar_feed.%' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'calendar_feed.create',
      'calendar_feed.revoke',
      'calendar_feed.create',
      'calendar_feed.revoke',
    ]);
  });
});
