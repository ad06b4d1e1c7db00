import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { createSignedQuote } from '../visits/visits.testing.ts';

// A real 1×1 PNG, as a canvas would send it.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const NOT_PNG = `data:image/png;base64,${Buffer.from('GIF89a this is not a png').toString('base64')}`;

let ctx: TestContext;
let agent: Session;
let manager: Session;
let lecturer: Session;
const tierIds: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
  lecturer = await ctx.user('engineer', { name: '陈讲师' });
  for (const t of (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items) tierIds[t.code] = t.id;
});
afterAll(() => ctx.close());

async function customerWithContract(tier: string) {
  const c = await ctx.customer();
  const res = await ctx.call('POST', '/api/v1/service-contracts', {
    as: agent,
    body: { customerId: c.id, tierId: tierIds[tier], startDate: '2026-01-01', endDate: '2026-12-31' },
  });
  expect(res.statusCode).toBe(201);
  return c;
}

const session = (customerId: string, body: object, as: Session = agent) =>
  ctx.call('POST', `/api/v1/customers/${customerId}/trainings`, {
    as,
    body: { kind: 'admin_retraining', title: '数据库管理再培训', sessionDate: '2026-03-10', lecturerId: lecturer.user.id, ...body },
  });
const people = (...names: string[]) => names.map((name) => ({ name }));
const retraining = async (customerId: string) =>
  (await ctx.call('GET', `/api/v1/customers/${customerId}/retraining`, { as: agent })).json().current;

describe('retraining quota', () => {
  test('Gold: one person-time a contract year; beyond it a signed quote or a manager’s override, never an agent’s word', async () => {
    const c = await customerWithContract('gold');
    expect(await retraining(c.id)).toMatchObject({ quota: 1, used: 0, left: 1, from: '2026-01-01', to: '2026-12-31' });

    const before = await ctx.snapshot();
    const refused = await session(c.id, { attendees: people('王管理员', '刘管理员') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'quote_required', fields: { quoteId: 'required' } });
    const agentOverride = await session(c.id, { attendees: people('王管理员', '刘管理员'), overrideReason: '院方领导要求' });
    expect(agentOverride.statusCode).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);

    const first = await session(c.id, { attendees: people('王管理员') });
    expect(first.statusCode).toBe(201);
    expect(first.json().attendees).toEqual([expect.objectContaining({ name: '王管理员', isOverQuota: false, isSigned: false })]);
    expect(await retraining(c.id)).toMatchObject({ quota: 1, used: 1, left: 0 });

    expect((await session(c.id, { attendees: people('刘管理员') })).statusCode).toBe(409);
    const overridden = await session(c.id, { attendees: people('刘管理员'), overrideReason: '新任系统管理员，经理批准' }, manager);
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json()).toMatchObject({ overrideReason: '新任系统管理员，经理批准', attendees: [{ isOverQuota: true }] });

    const quote = await createSignedQuote({
      ctx,
      as: agent,
      customerId: c.id,
      body: { people: 1, travelPerPersonFen: 0, lodgingPerPersonDayFen: 0, arrivalDate: '2026-03-02', departureDate: '2026-03-02' },
    });
    const paid = await session(c.id, { attendees: people('赵管理员'), quoteId: quote.id });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ quoteId: quote.id, attendees: [{ isOverQuota: true }] });
    // Over-quota trainees are paid for: the count stays at the quota.
    expect(await retraining(c.id)).toMatchObject({ quota: 1, used: 1, left: 0 });
    // Other kinds of training never count.
    expect((await session(c.id, { kind: 'standard_course', attendees: people('科室用户甲') })).statusCode).toBe(201);
    expect(await retraining(c.id)).toMatchObject({ used: 1 });
  });

  test('Diamond: two person-times, split at the quota within one session; no contract means no quota', async () => {
    const c = await customerWithContract('diamond');
    const res = await session(c.id, { attendees: people('甲', '乙', '丙'), overrideReason: '扩大培训' }, manager);
    expect(res.json().attendees.map((a: { isOverQuota: boolean }) => a.isOverQuota)).toEqual([false, false, true]);
    expect(await retraining(c.id)).toMatchObject({ quota: 2, used: 2, left: 0 });
    const none = await ctx.customer();
    expect(await retraining(none.id)).toBeNull();
    expect((await session(none.id, { attendees: people('甲') })).statusCode).toBe(409);
  });
});

describe('the sign-in sheet', () => {
  test('drawn signatures: the lecturer’s is required, PNGs only, every trainee; once; the PDF lists them', async () => {
    const c = await customerWithContract('silver');
    const t = (await session(c.id, { kind: 'topic_course', title: '医保结算专题培训', attendees: people('周护士长', '吴药师') })).json();
    const [a, b] = t.attendees.map((x: { id: string }) => x.id);
    const sign = (body: object) => ctx.call('POST', `/api/v1/trainings/${t.id}/sheet`, { as: agent, body });
    for (const [body, field] of [
      [
        {
          signatures: [
            { attendeeId: a, signature: PNG },
            { attendeeId: b, signature: PNG },
          ],
        },
        'lecturerSignature',
      ],
      [
        {
          lecturerSignature: NOT_PNG,
          signatures: [
            { attendeeId: a, signature: PNG },
            { attendeeId: b, signature: PNG },
          ],
        },
        'lecturerSignature',
      ],
      [
        {
          lecturerSignature: PNG,
          signatures: [
            { attendeeId: a, signature: PNG },
            { attendeeId: b, signature: NOT_PNG },
          ],
        },
        `signatures.${b}`,
      ],
      [{ lecturerSignature: PNG, signatures: [{ attendeeId: a, signature: PNG }] }, 'signatures'],
      [{ lecturerSignature: 'data:image/jpeg;base64,/9j/4AAQ', signatures: [] }, 'lecturerSignature'],
    ] as const) {
      const before = await ctx.snapshot();
      const res = await sign(body);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
      expect(await ctx.snapshot()).toEqual(before);
    }
    const ok = await sign({
      lecturerSignature: PNG,
      signatures: [
        { attendeeId: a, signature: PNG },
        { attendeeId: b, signature: PNG },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ sheet: 'drawn', attendees: [{ isSigned: true }, { isSigned: true }] });
    expect((await sign({ lecturerSignature: PNG, signatures: [] })).statusCode).toBe(409);

    const pdf = await ctx.call('GET', `/api/v1/trainings/${t.id}/sign-in-sheet.pdf`, { as: agent });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      '培训签到表',
      c.name,
      '医保结算专题培训',
      '专题课程',
      '2026-03-10',
      '陈讲师',
      '周护士长',
      '吴药师',
      '已签名',
      '讲师签名',
    ]) {
      expect(text).toContain(s);
    }
    const en = await pdfText((await ctx.call('GET', `/api/v1/trainings/${t.id}/sign-in-sheet.pdf?lang=en`, { as: agent })).rawPayload);
    expect(en).toContain('Training Sign-in Sheet');
    expect(en).toContain('Topic course');
  });

  test('a scanned paper sheet instead: PDF/PNG/JPEG only; the hospital reads its own trainings only', async () => {
    const c = await customerWithContract('bronze');
    const other = await ctx.customer();
    const t = (
      await session(c.id, { kind: 'emergency_quarterly', title: '应急小组第一季度演练培训', attendees: people('应急组长') })
    ).json();
    const before = await ctx.snapshot();
    const bad = await ctx.call('POST', `/api/v1/trainings/${t.id}/sheet`, {
      as: agent,
      body: { scan: `data:application/pdf;base64,${Buffer.from('hello world!').toString('base64')}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    const scan = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n%scanned sheet\n').toString('base64')}`;
    const ok = await ctx.call('POST', `/api/v1/trainings/${t.id}/sheet`, { as: agent, body: { scan } });
    expect(ok.json()).toMatchObject({ sheet: 'scanned', attendees: [{ isSigned: true }] });
    const file = await ctx.call('GET', `/api/v1/trainings/${t.id}/scan`, { as: agent });
    expect(file.body.startsWith('%PDF-1.4')).toBe(true);
    expect(await pdfText((await ctx.call('GET', `/api/v1/trainings/${t.id}/sign-in-sheet.pdf`, { as: agent })).rawPayload)).toContain(
      '纸质签到表扫描件',
    );

    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/trainings`, { as: hospitalUser })).json().items).toHaveLength(1);
    expect((await ctx.call('GET', `/api/v1/customers/${other.id}/trainings`, { as: hospitalUser })).statusCode).toBe(404);
    expect(
      (await ctx.call('GET', `/api/v1/trainings/${t.id}`, { as: await ctx.user('customer', { customerId: other.id }) })).statusCode,
    ).toBe(404);
    expect((await session(c.id, { kind: 'standard_course', attendees: people('x') }, hospitalUser)).statusCode).toBe(403);
  });

  test('a lecturer must be active staff; a contact must be the customer’s; a quote is for retraining beyond the quota only', async () => {
    const c = await customerWithContract('gold');
    const other = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    for (const body of [
      { kind: 'standard_course', lecturerId: hospitalUser.user.id, attendees: people('x') },
      { kind: 'standard_course', attendees: [{ name: '张主任', contactId: other.contact.id }] },
      { kind: 'standard_course', attendees: people('x'), overrideReason: 'why' },
      { kind: 'standard_course', attendees: [] },
      { kind: 'karaoke', attendees: people('x') },
    ]) {
      const before = await ctx.snapshot();
      expect((await session(c.id, body)).statusCode).toBe(400);
      expect(await ctx.snapshot()).toEqual(before);
    }
    expect((await session(c.id, { kind: 'certification', attendees: [{ name: '张主任', contactId: c.contact.id }] })).statusCode).toBe(201);
  });
});

describe('administrator certifications', () => {
  test('person, certificate, date', async () => {
    const c = await ctx.customer();
    const before = await ctx.snapshot();
    const bad = await ctx.call('POST', `/api/v1/customers/${c.id}/certifications`, {
      as: agent,
      body: { personName: '王管理员', certificate: '数据库管理员认证', certifiedOn: '2026-13-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    const ok = await ctx.call('POST', `/api/v1/customers/${c.id}/certifications`, {
      as: agent,
      body: { personName: '王管理员', contactId: c.contact.id, certificate: '数据库管理员认证', certifiedOn: '2026-03-01' },
    });
    expect(ok.statusCode).toBe(201);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/certifications`, { as: agent })).json().items).toEqual([
      expect.objectContaining({ personName: '王管理员', certificate: '数据库管理员认证', certifiedOn: '2026-03-01' }),
    ]);
  });
});

describe('certifications and another organisation', () => {
  test('a contact or training of another customer, or a hospital user writing, changes nothing; another org cannot read them', async () => {
    const c = await customerWithContract('gold');
    const other = await ctx.customer();
    const otherTraining = (await session(other.id, { kind: 'standard_course', attendees: people('x') })).json();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const otherUser = await ctx.user('customer', { customerId: other.id });
    const url = `/api/v1/customers/${c.id}/certifications`;
    const body = { personName: '王管理员', certificate: '数据库管理员认证', certifiedOn: '2026-03-01' };
    for (const [as, extra, status] of [
      [agent, { contactId: other.contact.id }, 400],
      [agent, { trainingSessionId: otherTraining.id }, 400],
      [agent, { certifiedOn: '2026-02-30' }, 400],
      [agent, { personName: '' }, 400],
      [hospitalUser, {}, 403],
    ] as const) {
      const before = await ctx.snapshot();
      expect((await ctx.call('POST', url, { as, body: { ...body, ...extra } })).statusCode).toBe(status);
      expect(await ctx.snapshot()).toEqual(before);
    }
    expect((await ctx.call('POST', url, { as: agent, body })).statusCode).toBe(201);
    expect((await ctx.call('GET', url, { as: hospitalUser })).json().items).toHaveLength(1);
    expect((await ctx.call('GET', url, { as: otherUser })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/retraining`, { as: otherUser })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/trainings/${otherTraining.id}/sign-in-sheet.pdf`, { as: hospitalUser })).statusCode).toBe(404);
  });
});
