import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { ensureSystemJobs, runDueJobs } from '../../jobs/runner.ts';
import { renderMail } from '../../mail/templates.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runRemoteAccessMaintenance } from './remote-access.service.ts';

const KEY = 'test-secret-key-0123456789-abcdefghijklmnop';
const SECRET = 'VpnPass-7f3a9c-ZHANGSAN-only-today';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let otherEngineer: Session;
let hospital: Awaited<ReturnType<TestContext['customer']>>;
let portal: Session;
let strangerPortal: Session;
/** Every response body of the test file, scanned for the secret at the end. */
const bodies: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ env: { AFTERSALES_SECRET_KEY: KEY } });
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer');
  otherEngineer = await ctx.user('engineer');
  hospital = await ctx.customer();
  portal = await ctx.user('customer', { customerId: hospital.id, name: '李工（信息科）' });
  strangerPortal = await ctx.user('customer', { customerId: (await ctx.customer()).id });
});
afterAll(() => ctx.close());

async function call(method: string, url: string, options: { as?: Session; body?: unknown } = {}) {
  const res = await ctx.call(method, url, options);
  if (!url.endsWith('/secret')) bodies.push(res.body);
  return res;
}

const HOUR = 3_600_000;
const at = (offsetHours: number) => new Date(ctx.clock().getTime() + offsetHours * HOUR).toISOString();
const grantBody = (extra: Record<string, unknown> = {}) => ({
  method: 'vpn',
  target: 'HIS 数据库服务器 10.1.2.3',
  grantedByName: '张主任',
  validFrom: at(0),
  validUntil: at(4),
  secret: SECRET,
  ...extra,
});

/** A request assigned to `engineer`. */
async function assignedTicket() {
  const t = await ctx.ticket(agent, hospital.id, { severity: 'urgent' });
  const res = await call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { assigneeId: engineer.user.id } });
  expect(res.statusCode).toBe(200);
  return t as { id: string };
}

describe('remote access grants', () => {
  test('staff record a grant: 201 without the secret; the list shows its window; the assigned engineer reads it once per reveal, audited', async () => {
    const t = await assignedTicket();
    const res = await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: agent, body: grantBody() });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(SECRET);
    expect(res.json()).not.toHaveProperty('secret');
    expect(res.json()).toMatchObject({ method: 'vpn', grantedByName: '张主任', grantedBy: null, state: 'active', hasSecret: true });
    const grantId = res.json().id;

    const list = await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: engineer });
    expect(list.json().items).toEqual([expect.objectContaining({ id: grantId, canReveal: true, state: 'active' })]);
    expect((await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: otherEngineer })).json().items[0].canReveal).toBe(false);
    // The hospital sees its own grants; another hospital's user is told the request does not exist.
    expect((await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: portal })).json().items).toHaveLength(1);
    expect((await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: strangerPortal })).statusCode).toBe(404);

    const reveal = await ctx.call('GET', `/api/v1/remote-access/${grantId}/secret`, { as: engineer });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ secret: SECRET });
    expect(reveal.headers['cache-control']).toBe('no-store');
    const audits = await ctx.rows<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where entity_id = ${grantId} order by id`,
    );
    expect(audits).toEqual([
      { action: 'remote_access.grant', actor_id: agent.user.id },
      { action: 'remote_access.reveal', actor_id: engineer.user.id },
    ]);
    // The timeline says a grant exists, never what it is.
    const detail = await call('GET', `/api/v1/tickets/${t.id}`, { as: portal });
    expect(detail.json().events.map((e: { type: string }) => e.type)).toContain('remote_access_granted');
  });

  test('refusals change nothing: another engineer, a customer user, another hospital, before and after the window, a window ending before it starts', async () => {
    const t = await assignedTicket();
    const grantId = (
      await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: agent, body: grantBody({ validFrom: at(1), validUntil: at(3) }) })
    ).json().id;
    const before = await ctx.snapshot();
    const secretOf = (as: Session) => ctx.call('GET', `/api/v1/remote-access/${grantId}/secret`, { as });
    expect((await secretOf(otherEngineer)).statusCode).toBe(403);
    expect((await secretOf(portal)).statusCode).toBe(403);
    expect((await secretOf(strangerPortal)).statusCode).toBe(404);
    // Not yet open.
    const early = await secretOf(engineer);
    expect(early.statusCode).toBe(403);
    expect(early.json().error.fields).toEqual({ grant: 'scheduled' });
    const backwards = await call('POST', `/api/v1/tickets/${t.id}/remote-access`, {
      as: agent,
      body: grantBody({ validFrom: at(5), validUntil: at(2) }),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual({ validUntil: 'must be after validFrom' });
    const stranger = await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: strangerPortal, body: grantBody() });
    expect(stranger.statusCode).toBe(404);
    const badMethod = await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: agent, body: grantBody({ method: 'telepathy' }) });
    expect(badMethod.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    // After the window: refused, and the erasure job removes the ciphertext (the audit stays).
    ctx.clock.advance(3 * HOUR);
    expect((await secretOf(engineer)).statusCode).toBe(403);
    await ensureSystemJobs({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    const [row] = await ctx.rows<{ secret_ciphertext: string | null; secret_key_id: string | null; secret_erased_at: string | null }>(
      sql`select secret_ciphertext, secret_key_id, secret_erased_at from remote_access_grants where id = ${grantId}`,
    );
    expect(row).toMatchObject({ secret_ciphertext: null, secret_key_id: null });
    expect(row.secret_erased_at).not.toBeNull();
    const erased = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity_id = ${grantId} and action = 'remote_access.erase'`,
    );
    expect(erased[0].n).toBe(1);
    const listed = (await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: engineer })).json().items[0];
    expect(listed).toMatchObject({ state: 'ended', hasSecret: false, canReveal: false });
  });

  test('without AFTERSALES_SECRET_KEY a secret is refused (409 secret_key_missing) and nothing is stored', async () => {
    const t = await assignedTicket();
    const keyless = await build({ deps: { ...ctx.deps, config: loadConfig({ AFTERSALES_DATA_DIR: ctx.dataDir, LOG_LEVEL: 'silent' }) } });
    try {
      const before = await ctx.snapshot();
      const res = await keyless.inject({
        method: 'POST',
        url: `/api/v1/tickets/${t.id}/remote-access`,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
        payload: grantBody(),
      });
      bodies.push(res.body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('secret_key_missing');
      expect(await ctx.snapshot()).toEqual(before);
    } finally {
      await keyless.close();
    }
    expect(() => loadConfig({ AFTERSALES_SECRET_KEY: 'too-short' })).toThrow(/AFTERSALES_SECRET_KEY: must be at least 32/);
    expect(() => loadConfig({ AFTERSALES_SECRET_KEY_PREVIOUS: KEY })).toThrow(/AFTERSALES_SECRET_KEY_PREVIOUS/);
  });

  test('a portal user grants access on its own request; revoking erases the secret at once; resolving reminds the hospital to change the password', async () => {
    const t = await assignedTicket();
    const res = await call('POST', `/api/v1/tickets/${t.id}/remote-access`, {
      as: portal,
      body: { method: 'remote_desktop', validFrom: at(0), validUntil: at(2), secret: SECRET },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ grantedByName: '李工（信息科）', grantedBy: { id: portal.user.id } });
    const grantId = res.json().id;

    const session = await call('POST', `/api/v1/remote-access/${grantId}/sessions`, {
      as: engineer,
      body: { startedAt: at(0.25), endedAt: at(1), summary: '重建索引，恢复收费' },
    });
    expect(session.statusCode).toBe(201);
    const before = await ctx.snapshot();
    const backwards = await call('POST', `/api/v1/remote-access/${grantId}/sessions`, {
      as: engineer,
      body: { startedAt: at(1), endedAt: at(0.5), summary: 'x' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(
      (await call('POST', `/api/v1/remote-access/${grantId}/sessions`, { as: portal, body: { startedAt: at(0.5), summary: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
    const sessions = (await call('GET', `/api/v1/remote-access/${grantId}/sessions`, { as: portal })).json().items;
    expect(sessions).toEqual([
      expect.objectContaining({ summary: '重建索引，恢复收费', engineer: { id: engineer.user.id, name: engineer.user.name } }),
    ]);

    expect((await call('POST', `/api/v1/remote-access/${grantId}/revoke`, { as: strangerPortal })).statusCode).toBe(404);
    const revoked = await call('POST', `/api/v1/remote-access/${grantId}/revoke`, { as: portal });
    expect(revoked.json()).toMatchObject({ state: 'revoked', hasSecret: false });
    expect((await ctx.call('GET', `/api/v1/remote-access/${grantId}/secret`, { as: engineer })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/remote-access/${grantId}/revoke`, { as: portal })).statusCode).toBe(409);

    const resolved = await call('POST', `/api/v1/tickets/${t.id}/transitions`, {
      as: engineer,
      body: { to: 'resolved', resolution: '已修复' },
    });
    expect(resolved.statusCode).toBe(200);
    const reminder = resolved.json().events.find((e: { type: string }) => e.type === 'password_change_reminder');
    expect(reminder).toMatchObject({ isInternal: false, data: { grantCount: 1 } });
    const inbox = (await call('GET', '/api/v1/notifications', { as: portal })).json().items;
    expect(inbox).toEqual([expect.objectContaining({ kind: 'password_change_reminder', ticketId: t.id })]);
    // Its email (queued by notifyUsers when SMTP is configured) says so in the reader's language.
    const mail = (locale: 'zh-CN' | 'en') =>
      renderMail({
        template: 'notification',
        params: {
          kind: 'password_change_reminder',
          data: { grantCount: 1 },
          ticketId: t.id,
          ticketNumber: 'SR-2026-000001',
          ticketTitle: '收费',
        },
        locale,
        timeZone: 'Asia/Shanghai',
        publicUrl: 'https://service.example.com',
      });
    expect(mail('zh-CN').subject).toContain('请及时修改为远程访问提供的密码');
    expect(mail('en').subject).toContain('change the password you gave for remote access');
    // A request without remote access is resolved without a reminder.
    const plain = await assignedTicket();
    const plainResolved = await call('POST', `/api/v1/tickets/${plain.id}/transitions`, {
      as: engineer,
      body: { to: 'resolved', resolution: '已处理' },
    });
    expect(plainResolved.statusCode).toBe(200);
    expect(plainResolved.json().events.map((e: { type: string }) => e.type)).not.toContain('password_change_reminder');
  });

  test('rotation: secrets under the previous key are read and re-sealed under the new one by the job', async () => {
    const t = await assignedTicket();
    const grantId = (await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: agent, body: grantBody() })).json().id;
    const [old] = await ctx.rows<{ secret_key_id: string; secret_ciphertext: string }>(
      sql`select secret_key_id, secret_ciphertext from remote_access_grants where id = ${grantId}`,
    );
    const rotated = { ...ctx.deps, config: { ...ctx.deps.config, secretKeys: { current: `${KEY}-rotated-2027`, previous: KEY } } };
    const result = await runRemoteAccessMaintenance({ deps: rotated });
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const [now] = await ctx.rows<{ secret_key_id: string; secret_ciphertext: string }>(
      sql`select secret_key_id, secret_ciphertext from remote_access_grants where id = ${grantId}`,
    );
    expect(now.secret_key_id).not.toBe(old.secret_key_id);
    expect(now.secret_ciphertext).not.toBe(old.secret_ciphertext);
    const rotatedApp = await build({ deps: rotated });
    try {
      const res = await rotatedApp.inject({
        method: 'GET',
        url: `/api/v1/remote-access/${grantId}/secret`,
        headers: { cookie: engineer.cookie },
      });
      expect(res.json()).toEqual({ secret: SECRET });
    } finally {
      await rotatedApp.close();
    }
    // The old key alone no longer opens it: it is the new key's now.
    expect((await ctx.call('GET', `/api/v1/remote-access/${grantId}/secret`, { as: engineer })).statusCode).toBe(409);
  });

  test('the secret is never in plain text in the database, the logs or any response but the reveal', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await build({ deps: ctx.deps, logger: { level: 'trace', stream } });
    try {
      const t = await assignedTicket();
      const headers = { cookie: agent.cookie, 'x-csrf-token': agent.csrf };
      const ok = await logged.inject({ method: 'POST', url: `/api/v1/tickets/${t.id}/remote-access`, headers, payload: grantBody() });
      expect(ok.statusCode).toBe(201);
      bodies.push(ok.body);
      const bad = await logged.inject({
        method: 'POST',
        url: `/api/v1/tickets/${t.id}/remote-access`,
        headers,
        payload: grantBody({ validUntil: 'not a date' }),
      });
      expect(bad.statusCode).toBe(400);
      bodies.push(bad.body);
      const reveal = await logged.inject({
        method: 'GET',
        url: `/api/v1/remote-access/${ok.json().id}/secret`,
        headers: { cookie: engineer.cookie },
      });
      expect(reveal.json().secret).toBe(SECRET);
      logged.log.info({ grant: { secret: SECRET } }, 'a careless log call');
    } finally {
      await logged.close();
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(SECRET);
    for (const body of bodies) expect(body).not.toContain(SECRET);

    // Every row of every table, as text.
    const tables = (
      await ctx.rows<{ name: string }>(
        sql.raw("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"),
      )
    ).map((r) => r.name);
    expect(tables).toContain('remote_access_grants');
    for (const table of tables) {
      const hits = await ctx.rows<{ n: number }>(
        sql.raw(`select count(*)::int as n from "${table}" t where row_to_json(t)::text like '%${SECRET}%'`),
      );
      expect({ table, n: hits[0].n }).toEqual({ table, n: 0 });
    }
    const sealed = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from remote_access_grants where secret_ciphertext is not null`,
    );
    expect(sealed[0].n).toBeGreaterThan(0);
  });
});

describe("remote access: engineers on the request's work orders", () => {
  test('an engineer on an open work order reads the secret; once the order is cancelled, 403 and nothing changes', async () => {
    const t = await assignedTicket();
    const grantId = (await call('POST', `/api/v1/tickets/${t.id}/remote-access`, { as: agent, body: grantBody() })).json().id;
    const secretOf = () => ctx.call('GET', `/api/v1/remote-access/${grantId}/secret`, { as: otherEngineer });
    expect((await secretOf()).statusCode).toBe(403);
    const order = await call('POST', `/api/v1/tickets/${t.id}/work-orders`, {
      as: agent,
      body: { type: 'routine', plannedAt: at(1), engineerIds: [otherEngineer.user.id] },
    });
    expect(order.statusCode).toBe(201);
    const listed = (await call('GET', `/api/v1/tickets/${t.id}/remote-access`, { as: otherEngineer })).json().items[0];
    expect(listed.canReveal).toBe(true);
    const reveal = await secretOf();
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ secret: SECRET });
    expect((await call('POST', `/api/v1/work-orders/${order.json().id}/cancel`, { as: otherEngineer, body: {} })).statusCode).toBe(200);
    const before = await ctx.snapshot();
    expect((await secretOf()).statusCode).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
  });
});

describe('confidentiality undertaking (保密承诺) in the customer’s documents', () => {
  test('filed as its own document kind; the hospital reads it; another hospital does not; an unknown kind is 400', async () => {
    const upload = (kind: string, as: Session = agent) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n%undertaking\n')], { type: 'application/pdf' }), '保密承诺书.pdf');
      const multipart = new Request('http://x', { method: 'POST', body: form });
      return multipart.arrayBuffer().then((body) =>
        ctx.call('POST', `/api/v1/customers/${hospital.id}/documents`, {
          as,
          body: Buffer.from(body),
          headers: { 'content-type': multipart.headers.get('content-type') ?? '' },
        }),
      );
    };
    const before = await ctx.snapshot();
    expect((await upload('secret_pact')).statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    const filed = await upload('confidentiality_undertaking');
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ kind: 'confidentiality_undertaking' });
    const own = await ctx.call('GET', `/api/v1/customers/${hospital.id}/documents`, { as: portal });
    expect(own.statusCode).toBe(200);
    expect(JSON.stringify(own.json())).toContain('confidentiality_undertaking');
    expect((await ctx.call('GET', `/api/v1/customers/${hospital.id}/documents`, { as: strangerPortal })).statusCode).toBe(404);
  });
});

describe('raising a request to critical after intake', () => {
  test('alerts the managers, as a critical intake does; lowering it or re-saving critical does not', async () => {
    const manager = await ctx.user('manager');
    const t = await ctx.ticket(agent, hospital.id, { severity: 'normal' });
    const raised = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'critical' } });
    expect(raised.statusCode).toBe(200);
    const inbox = (await ctx.call('GET', '/api/v1/notifications', { as: manager })).json().items;
    expect(inbox.filter((n: { kind: string; ticketId: string }) => n.kind === 'critical_request' && n.ticketId === t.id)).toHaveLength(1);
    const detail = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(detail.events.filter((e: { type: string }) => e.type === 'manager_alerted')).toHaveLength(1);
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { title: '全院收费中断' } });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'urgent' } });
    const again = (await ctx.call('GET', '/api/v1/notifications', { as: manager })).json().items;
    expect(again.filter((n: { ticketId: string }) => n.ticketId === t.id)).toHaveLength(1);
  });
});
