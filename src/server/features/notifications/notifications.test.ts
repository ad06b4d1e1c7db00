import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createJobRegistry } from '../../jobs/registry.ts';
import { runDueJobs } from '../../jobs/runner.ts';
import { createMailer } from '../../mail/mailer.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runSlaTick } from '../sla/escalation.ts';

type Received = { to: string[]; raw: string };
const inbox: Received[] = [];
/** Addresses whose next RCPT the server refuses once (451, "try again later"). */
const refuseOnce = new Set<string>();
let smtp: SMTPServer;
let ctx: TestContext;
let agent: Session;
let manager: Session;
let englishManager: Session;

beforeAll(async () => {
  // A real SMTP server on loopback: the mail really travels over SMTP.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuseOnce.delete(address.address)) {
        callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
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
  manager = await ctx.user('manager', { name: '王经理' });
  englishManager = await ctx.user('manager', { name: 'Alice Smith' });
  await ctx.rows(sql`update users set locale = 'en' where id = ${englishManager.user.id}`);
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function headersOf(raw: string): string {
  return raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n\s+/g, ' ');
}

function decodedSubject(raw: string): string {
  const subject = headersOf(raw).match(/^Subject: (.*)$/m)?.[1] ?? '';
  // Adjacent encoded words may split one character's bytes (and the space between them is not text): join the
  // bytes, keep plain text between them as it is, then decode.
  const bytes: Buffer[] = [];
  const pieces = subject.split(/(=\?UTF-8\?[BQ]\?[^?]*\?=)/i);
  pieces.forEach((piece, i) => {
    const word = piece.match(/^=\?UTF-8\?([BQ])\?([^?]*)\?=$/i);
    if (word) {
      const [, enc, text] = word;
      bytes.push(
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
              'latin1',
            ),
      );
    } else if (!(/^\s+$/.test(piece) && i > 0 && i < pieces.length - 1)) {
      bytes.push(Buffer.from(piece, 'utf8'));
    }
  });
  return Buffer.concat(bytes).toString('utf8');
}

/** The decoded body of the part with this content type (quoted-printable or base64, as nodemailer chose). */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const boundary = headersOf(raw).match(/boundary="?([^";\s]+)"?/)?.[1];
  if (!boundary) throw new Error('not a multipart mail');
  for (const chunk of raw.split(`--${boundary}`)) {
    const [head, ...rest] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    if (!new RegExp(`^Content-Type: ${type}`, 'im').test(head)) continue;
    const body = rest.join('\r\n\r\n');
    if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    }
    return body;
  }
  throw new Error(`no ${type} part`);
}

const mailsTo = (who: Session, ticketNumber: string) =>
  inbox.filter((m) => m.to.includes(who.user.email) && decodedSubject(m.raw).includes(ticketNumber));

async function mailJobs(to: string) {
  return ctx.rows<{ state: string; attempts: number; last_error: string | null; run_at: Date }>(
    sql`select state, attempts, last_error, run_at from jobs where name = 'mail.send' and payload->>'to' = ${to} order by created_at`,
  );
}

describe('notifications', () => {
  test('a critical request alerts the managers in-app at once, and by email (HTML + text, in each one’s language) from a job', async () => {
    const hospital = await ctx.customer();
    const title = '全院HIS瘫痪 <script>alert("x")</script> & 收费';
    const t = await ctx.ticket(agent, hospital.id, { severity: 'critical', title });
    const mine = (await ctx.call('GET', '/api/v1/notifications?unread=true', { as: manager })).json();
    const alert = mine.items.find((n: { ticketId: string }) => n.ticketId === t.id);
    expect(alert).toMatchObject({ kind: 'critical_request', ticketNumber: t.number, ticketTitle: title, readAt: null });
    expect(mine.unreadCount).toBeGreaterThanOrEqual(1);
    // Nothing is sent inside the request: the mail waits as a job.
    expect(mailsTo(manager, t.number)).toHaveLength(0);
    expect(await mailJobs(manager.user.email)).toContainEqual(expect.objectContaining({ state: 'scheduled', attempts: 0 }));

    expect((await runDueJobs({ deps: ctx.deps })).succeeded).toBeGreaterThanOrEqual(2);
    const [zh] = mailsTo(manager, t.number);
    // The Chinese subject travels encoded (RFC 2047), never as raw UTF-8 in the header.
    const subjectHeader = headersOf(zh.raw).match(/^Subject: (.*)$/m)?.[1] ?? '';
    expect(subjectHeader).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(subjectHeader).not.toMatch(/\p{Script=Han}/u);
    expect(decodedSubject(zh.raw)).toBe(`[售后服务台] 全面加急服务请求：${t.number} ${title}`);
    expect(headersOf(zh.raw)).toMatch(/Content-Type: multipart\/alternative/i);
    const zhText = part(zh.raw, 'text/plain');
    expect(zhText).toContain('王经理，您好：');
    expect(zhText).toContain(`全面加急服务请求：${t.number} ${title}`);
    expect(zhText).toContain(`在售后服务台中查看: ${ctx.deps.config.publicUrl}/tickets/${t.id}`);
    const zhHtml = part(zh.raw, 'text/html');
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain('全院HIS瘫痪 &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; 收费');
    expect(zhHtml).not.toContain('<script>');
    expect(zhHtml).toContain(`<a href="${ctx.deps.config.publicUrl}/tickets/${t.id}"`);

    const [en] = mailsTo(englishManager, t.number);
    expect(decodedSubject(en.raw)).toBe(`[Aftersales] Critical request: ${t.number} ${title}`);
    expect(part(en.raw, 'text/plain')).toContain('Dear Alice Smith,');
    expect(part(en.raw, 'text/html')).toContain('<html lang="en">');
    expect(part(en.raw, 'text/html')).toContain('Open in the service desk');

    // Sent once: a second pass finds nothing left to send.
    const count = inbox.length;
    await runDueJobs({ deps: ctx.deps });
    expect(inbox.length).toBe(count);
  });

  test('a breach mails the team lead with the due time in their zone; reading a notification clears it', async () => {
    ctx.clock.set('2026-03-02T01:00:00Z');
    const lead = await ctx.signIn(manager.user.email);
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'urgent' });
    ctx.clock.advance(31 * 60_000);
    await runSlaTick({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    const breach = mailsTo(manager, t.number).find((m) => decodedSubject(m.raw).includes('首次响应已超时'));
    expect(breach).toBeDefined();
    // Due 30 minutes after 09:00 in Shanghai.
    expect(part(breach?.raw ?? '', 'text/plain')).toContain('到期时间：2026-03-02 09:30');
    const english = mailsTo(englishManager, t.number).find((m) => decodedSubject(m.raw).includes('First response breached'));
    expect(part(english?.raw ?? '', 'text/plain')).toContain('Due: 2026-03-02 09:30');

    const list = (await ctx.call('GET', '/api/v1/notifications', { as: lead })).json();
    const note = list.items.find((n: { kind: string; ticketId: string }) => n.kind === 'sla_breached' && n.ticketId === t.id);
    const read = await ctx.call('POST', `/api/v1/notifications/${note.id}/read`, { as: lead });
    expect(read.json().unreadCount).toBe(list.unreadCount - 1);
    // Someone else's notification is not found.
    const other = await ctx.signIn(agent.user.email);
    expect((await ctx.call('POST', `/api/v1/notifications/${note.id}/read`, { as: other })).statusCode).toBe(404);
    const all = await ctx.call('POST', '/api/v1/notifications/read-all', { as: lead });
    expect(all.json().unreadCount).toBe(0);
  });

  test('a mail the SMTP server refuses once is sent again after the backoff', async () => {
    refuseOnce.add(manager.user.email);
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'critical' });
    const summary = await runDueJobs({ deps: ctx.deps });
    expect(summary.retrying).toBe(1);
    expect(mailsTo(manager, t.number)).toHaveLength(0);
    expect(mailsTo(englishManager, t.number)).toHaveLength(1);
    const [waiting] = (await mailJobs(manager.user.email)).filter((j) => j.state !== 'succeeded');
    expect(waiting).toMatchObject({ state: 'scheduled', attempts: 1 });
    expect(waiting.last_error).toMatch(/451|busy/);
    expect(new Date(waiting.run_at).getTime()).toBe(ctx.clock().getTime() + 60_000);

    ctx.clock.advance(30_000);
    await runDueJobs({ deps: ctx.deps });
    expect(mailsTo(manager, t.number)).toHaveLength(0);
    ctx.clock.advance(30_000);
    await runDueJobs({ deps: ctx.deps });
    expect(mailsTo(manager, t.number)).toHaveLength(1);
    expect((await mailJobs(manager.user.email)).every((j) => j.state === 'succeeded')).toBe(true);
  });

  test('an unreachable mail server: retried with growing waits, then kept failed and listed for administrators', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'critical' });
    const broken = createMailer({ ...ctx.deps.config, smtp: { host: '127.0.0.1', port: 1, isSecure: false, from: 'x@example.com' } });
    const registry = createJobRegistry({ mailer: broken });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await runDueJobs({ deps: ctx.deps, registry });
      const [job] = (await mailJobs(manager.user.email)).filter((j) => j.state !== 'succeeded');
      expect(job.attempts).toBe(attempt);
      if (job.state === 'failed') break;
      waits.push(new Date(job.run_at).getTime() - ctx.clock().getTime());
      ctx.clock.set(job.run_at);
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(mailsTo(manager, t.number)).toHaveLength(0);

    const admin = await ctx.user('admin');
    const failed = (await ctx.call('GET', '/api/v1/jobs?state=failed', { as: admin })).json().items;
    expect(failed.filter((j: { name: string }) => j.name === 'mail.send')).toContainEqual(
      expect.objectContaining({ state: 'failed', attempts: 5, maxAttempts: 5, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) }),
    );
  });
});
