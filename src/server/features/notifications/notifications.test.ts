import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runSlaTick } from '../sla/escalation.ts';
import { createMailer } from './mailer.ts';
import { sendPendingEmails } from './notifications.service.ts';

type Received = { to: string[]; raw: string };
const inbox: Received[] = [];
let smtp: SMTPServer;
let ctx: TestContext;
let agent: Session;
let manager: Session;

beforeAll(async () => {
  // A real SMTP server on loopback: the mail really travels over SMTP.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ctx = await createTestContext({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'Aftersales <desk@vendor.example.com>' },
  });
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function decodedSubject(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n\s+/g, ' ');
  const subject = header.match(/^Subject: (.*)$/m)?.[1] ?? '';
  return subject.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

describe('notifications', () => {
  test('a critical request alerts the service manager in-app at once, and by email through the outbox', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'critical', title: '全院HIS瘫痪' });
    const mine = (await ctx.call('GET', '/api/v1/notifications?unread=true', { as: manager })).json();
    const alert = mine.items.find((n: { ticketId: string }) => n.ticketId === t.id);
    expect(alert).toMatchObject({ kind: 'critical_request', ticketNumber: t.number, ticketTitle: '全院HIS瘫痪', readAt: null });
    expect(mine.unreadCount).toBeGreaterThanOrEqual(1);

    const mailer = createMailer(ctx.deps.config);
    expect(mailer).not.toBeNull();
    if (!mailer) return;
    expect(await sendPendingEmails({ deps: ctx.deps, mailer })).toBeGreaterThanOrEqual(1);
    const mail = inbox.find((m) => m.to.includes(manager.user.email) && decodedSubject(m.raw).includes(t.number));
    expect(mail).toBeDefined();
    expect(decodedSubject(mail?.raw ?? '')).toContain('全面加急');
    // Sent once: a second pass finds nothing left to send.
    const count = inbox.length;
    await sendPendingEmails({ deps: ctx.deps, mailer });
    expect(inbox.length).toBe(count);
  });

  test('a breach mails the team lead; reading a notification clears it', async () => {
    ctx.clock.set('2026-03-02T01:00:00Z');
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'urgent' });
    ctx.clock.advance(31 * 60_000);
    await runSlaTick({ deps: ctx.deps });
    const mailer = createMailer(ctx.deps.config);
    if (!mailer) throw new Error('mailer not configured');
    await sendPendingEmails({ deps: ctx.deps, mailer });
    const subjects = inbox.filter((m) => m.to.includes(manager.user.email)).map((m) => decodedSubject(m.raw));
    expect(subjects.some((s) => s.includes('首次响应已超时') && s.includes(t.number))).toBe(true);

    const list = (await ctx.call('GET', '/api/v1/notifications', { as: manager })).json();
    const breach = list.items.find((n: { kind: string; ticketId: string }) => n.kind === 'sla_breached' && n.ticketId === t.id);
    const read = await ctx.call('POST', `/api/v1/notifications/${breach.id}/read`, { as: manager });
    expect(read.json().unreadCount).toBe(list.unreadCount - 1);
    // Someone else's notification is not found.
    expect((await ctx.call('POST', `/api/v1/notifications/${breach.id}/read`, { as: agent })).statusCode).toBe(404);
    const all = await ctx.call('POST', '/api/v1/notifications/read-all', { as: manager });
    expect(all.json().unreadCount).toBe(0);
  });

  test('an unreachable mail server leaves the mail pending for the next tick', async () => {
    const hospital = await ctx.customer();
    await ctx.ticket(agent, hospital.id, { severity: 'critical' });
    const broken = createMailer({ ...ctx.deps.config, smtp: { host: '127.0.0.1', port: 1, isSecure: false, from: 'x@example.com' } });
    if (!broken) throw new Error('mailer not configured');
    expect(await sendPendingEmails({ deps: ctx.deps, mailer: broken })).toBe(0);
    const pending = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from notifications where email_status = 'pending' and email_attempts = 1`,
    );
    expect(pending[0].n).toBeGreaterThanOrEqual(1);
  });
});
