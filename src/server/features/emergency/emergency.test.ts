import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { templatePlanContent } from '../../../domain/emergency/template.ts';
import { ensureSystemJobs, runDueJobs } from '../../jobs/runner.ts';
import { pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let manager: Session;
let agent: Session;
let engineer: Session;
let teamEngineer: Session;
let hospitalA: Awaited<ReturnType<TestContext['customer']>>;
let hospitalB: Awaited<ReturnType<TestContext['customer']>>;
let userA: Session;
let userB: Session;

const T0 = '2026-03-02T01:00:00.000Z';
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const MIN = 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.user('manager', { name: '王经理' });
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer');
  teamEngineer = await ctx.user('engineer', { name: '李工' });
  hospitalA = await ctx.customer('甲市第一人民医院');
  hospitalB = await ctx.customer('乙县中医院');
  userA = await ctx.user('customer', { customerId: hospitalA.id });
  userB = await ctx.user('customer', { customerId: hospitalB.id });
  await ensureSystemJobs({ deps: ctx.deps });
});
afterAll(() => ctx.close());

/** Moves the clock to a test's day and signs everyone in again (sessions last a week). */
async function startAt(iso: string) {
  ctx.clock.set(iso);
  manager = await ctx.signIn(manager.user.email);
  agent = await ctx.signIn(agent.user.email);
  engineer = await ctx.signIn(engineer.user.email);
  teamEngineer = await ctx.signIn(teamEngineer.user.email);
  userA = await ctx.signIn(userA.user.email);
  userB = await ctx.signIn(userB.user.email);
}

async function planWithTeam(customerId: string) {
  const res = await ctx.call('GET', `/api/v1/customers/${customerId}/emergency-plan`, { as: manager });
  const plan =
    res.statusCode === 200
      ? res.json()
      : (await ctx.call('POST', `/api/v1/customers/${customerId}/emergency-plan`, { as: manager })).json();
  const content = {
    ...plan.content,
    vendorTeam: [
      { userId: manager.user.id, designation: 'deputy', phone: '13800000001' },
      { userId: teamEngineer.user.id, designation: 'member', phone: '13800000002' },
    ],
    hospitalTeam: [{ name: '赵院长', role: 'deputy', title: '副院长', phone: '13900000009' }],
  };
  const saved = await ctx.call('PUT', `/api/v1/customers/${customerId}/emergency-plan`, {
    as: manager,
    body: { content, reason: '名单确定' },
  });
  expect(saved.statusCode).toBe(200);
  return saved.json();
}

async function declare(body: Record<string, unknown>, as: Session = agent) {
  return ctx.call('POST', '/api/v1/incidents', { as, body });
}

async function incident(id: string, as: Session = manager) {
  const res = await ctx.call('GET', `/api/v1/incidents/${id}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function notificationsOf(as: Session) {
  return (await ctx.call('GET', '/api/v1/notifications?limit=100', { as }))
    .json()
    .items.filter((n: { kind: string }) => n.kind === 'incident_stage');
}

describe('emergency plans', { timeout: 120_000 }, () => {
  test('created from the 001 template, edited by managers only, every revision kept with who, when and why', async () => {
    ctx.clock.set(T0);
    const created = await ctx.call('POST', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: manager });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, customerName: '甲市第一人民医院' });
    expect(created.json().content).toEqual(templatePlanContent());

    const before = await ctx.snapshot();
    const content = { ...templatePlanContent(), vendorTeam: [{ userId: teamEngineer.user.id, designation: 'member', phone: '' }] };
    // An agent may not edit; a customer user as vendor team member is refused; a missing reason is refused.
    expect(
      (await ctx.call('PUT', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: agent, body: { content, reason: 'x' } })).statusCode,
    ).toBe(403);
    const bad = await ctx.call('PUT', `/api/v1/customers/${hospitalA.id}/emergency-plan`, {
      as: manager,
      body: { content: { ...content, vendorTeam: [{ userId: userA.user.id, designation: 'member' }] }, reason: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['content.vendorTeam']);
    expect((await ctx.call('PUT', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: manager, body: { content } })).statusCode).toBe(
      400,
    );
    expect((await ctx.call('POST', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: manager })).statusCode).toBe(409);
    expect(await ctx.snapshot()).toEqual(before);

    ctx.clock.set(at(T0, 10 * MIN));
    const departments = [...content.departments, { name: '体检中心', nameEn: 'Health check centre', stage: '3h' }];
    const saved = await ctx.call('PUT', `/api/v1/customers/${hospitalA.id}/emergency-plan`, {
      as: manager,
      body: { content: { ...content, departments }, reason: '增加体检中心' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2 });
    expect(saved.json().vendorTeamNames[teamEngineer.user.id]).toBe('李工');

    const versions = (await ctx.call('GET', `/api/v1/customers/${hospitalA.id}/emergency-plan/versions`, { as: agent })).json().items;
    expect(versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [2, '增加体检中心'],
      [1, expect.stringContaining('001')],
    ]);
    expect(versions[0]).toMatchObject({ changedAt: at(T0, 10 * MIN), changedBy: { id: manager.user.id, name: '王经理' } });
    expect(versions[0].content.departments).toHaveLength(10);
    expect(versions[1].content.departments).toHaveLength(9);
    // Plans are the vendor's working documents: a hospital user does not read them.
    expect((await ctx.call('GET', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: userA })).statusCode).toBe(403);
  });
});

// Long flows through HTTP and PDF rendering: a roomy limit for a loaded machine (no timing is asserted).
describe('major incidents', { timeout: 120_000 }, () => {
  test('declare: 201 with the continuity stages at failedAt + 15 min / + 3 h and the checklists of the plan', async () => {
    await planWithTeam(hospitalA.id);
    await startAt('2026-03-10T02:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const res = await declare({ ticketId: t.id, trigger: 3, failedAt: '2026-03-10T01:55:00Z', scope: '全院', impact: '门诊收费停止' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      id: expect.any(String),
      ticketId: t.id,
      trigger: 3,
      status: 'open',
      failedAt: '2026-03-10T01:55:00.000Z',
      measureLevel: 'critical',
      isDrill: false,
    });
    expect(body.continuity).toEqual([
      {
        stage: '15m',
        dueAt: '2026-03-10T02:10:00.000Z',
        firedAt: null,
        departments: ['住院登记', '住院药房', '急诊收费', '门诊挂号', '门诊收费', '门诊药房'].sort(),
      },
      {
        stage: '3h',
        dueAt: '2026-03-10T04:55:00.000Z',
        firedAt: null,
        departments: expect.arrayContaining(['护士站', '手术室', '医技检查']),
      },
    ]);
    expect(body.nextStage).toMatchObject({ stage: '15m', remainingMs: 10 * MIN });
    const kinds = (k: string) => body.items.filter((i: { kind: string }) => i.kind === k);
    expect(kinds('activation')).toHaveLength(5);
    expect(kinds('activation')[0].doneAt).toBe('2026-03-10T02:00:00.000Z'); // description and impact recorded
    expect(kinds('playbook')).toHaveLength(4);
    expect(kinds('measure')).toHaveLength(7);
    expect(body.hospitalTeam[0]).toMatchObject({ name: '赵院长', phone: '13900000009' });
    expect(body.vendorTeam.map((m: { name: string }) => m.name)).toContain('李工');
    // Closed out so the request can be used again below.
    await ctx.call('POST', `/api/v1/incidents/${body.id}/recover`, { as: agent, body: {} });
    expect((await ctx.call('POST', `/api/v1/incidents/${body.id}/close`, { as: agent })).statusCode).toBe(200);
  });

  test('bad input is a clear 4xx and changes nothing', async () => {
    await startAt('2026-03-11T02:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const first = await declare({ ticketId: t.id, trigger: 1 });
    expect(first.statusCode).toBe(201);
    const before = await ctx.snapshot();
    for (const trigger of [0, 7, 2.5, '1']) expect((await declare({ ticketId: t.id, trigger })).statusCode).toBe(400);
    const future = await declare({ ticketId: t.id, trigger: 1, failedAt: '2026-03-11T02:00:01Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('failedAt');
    const second = await declare({ ticketId: t.id, trigger: 2 });
    expect(second.statusCode).toBe(409);
    expect((await declare({ ticketId: t.id, trigger: 1 }, userA)).statusCode).toBe(403);
    expect((await declare({ ticketId: '00000000-0000-4000-8000-000000000000', trigger: 1 })).statusCode).toBe(404);

    // Activation (2.5 step 3) by an engineer who is neither a manager nor on the vendor team.
    const detail = first.json();
    const step3 = detail.items.find((i: { kind: string; position: number }) => i.kind === 'activation' && i.position === 3);
    const refused = await ctx.call('POST', `/api/v1/incidents/${detail.id}/items/${step3.id}/done`, { as: engineer, body: {} });
    expect(refused.statusCode).toBe(403);
    expect(detail.mayActivate).toBe(false);
    // Closing while the system is not recovered; a hospital user working the incident.
    expect((await ctx.call('POST', `/api/v1/incidents/${detail.id}/close`, { as: manager })).statusCode).toBe(409);
    expect((await ctx.call('POST', `/api/v1/incidents/${detail.id}/recover`, { as: userA, body: {} })).statusCode).toBe(403);
    expect(
      (await ctx.call('POST', `/api/v1/incidents/${detail.id}/recover`, { as: agent, body: { recoveredAt: '2026-03-11T03:00:00Z' } }))
        .statusCode,
    ).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    // A member of the vendor team may activate; the step records who and when.
    const ok = await ctx.call('POST', `/api/v1/incidents/${detail.id}/items/${step3.id}/done`, {
      as: teamEngineer,
      body: { note: '已电话确认' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().activatedAt).toBe('2026-03-11T02:00:00.000Z');
    expect(ok.json().items.find((i: { id: string }) => i.id === step3.id)).toMatchObject({
      doneAt: '2026-03-11T02:00:00.000Z',
      doneBy: { id: teamEngineer.user.id, name: '李工' },
      note: '已电话确认',
    });
    expect((await ctx.call('POST', `/api/v1/incidents/${detail.id}/items/${step3.id}/done`, { as: manager, body: {} })).statusCode).toBe(
      409,
    );
    await ctx.call('POST', `/api/v1/incidents/${detail.id}/recover`, { as: agent, body: {} });
    await ctx.call('POST', `/api/v1/incidents/${detail.id}/close`, { as: agent });
  });

  test('continuity clocks on the jobs: 15 min then 3 h, each once, departments on paper, the teams notified', async () => {
    await startAt('2026-04-01T08:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const { id } = (await declare({ ticketId: t.id, trigger: 1 })).json();
    const notesBefore = (await notificationsOf(teamEngineer)).length;
    const hospitalBefore = (await notificationsOf(userA)).length;

    ctx.clock.set('2026-04-01T08:14:50Z');
    await runDueJobs({ deps: ctx.deps });
    expect((await incident(id)).continuity.map((s: { firedAt: string | null }) => s.firedAt)).toEqual([null, null]);

    ctx.clock.set('2026-04-01T08:15:00Z');
    await runDueJobs({ deps: ctx.deps });
    let i = await incident(id);
    expect(i.continuity[0]).toMatchObject({ stage: '15m', dueAt: '2026-04-01T08:15:00.000Z', firedAt: '2026-04-01T08:15:00.000Z' });
    expect(i.continuity[0].departments).toHaveLength(6);
    expect(i.continuity[1].firedAt).toBeNull();
    expect(i.departmentsOnPaper.sort()).toEqual(['住院登记', '住院药房', '急诊收费', '门诊挂号', '门诊收费', '门诊药房'].sort());
    expect(i.departments.find((d: { name: string }) => d.name === '门诊挂号').manualFrom).toBe('2026-04-01T08:15:00.000Z');
    expect(i.nextStage).toMatchObject({ stage: '3h', dueAt: '2026-04-01T11:00:00.000Z' });
    expect((await notificationsOf(teamEngineer)).length).toBe(notesBefore + 1);
    expect((await notificationsOf(userA)).length).toBe(hospitalBefore + 1);
    expect((await notificationsOf(userA))[0].data).toMatchObject({ stage: '15m', incidentId: id });

    ctx.clock.set('2026-04-01T08:30:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect((await notificationsOf(teamEngineer)).length).toBe(notesBefore + 1);

    ctx.clock.set('2026-04-01T11:00:30Z');
    await runDueJobs({ deps: ctx.deps });
    i = await incident(id);
    expect(i.continuity[1]).toMatchObject({ stage: '3h', firedAt: '2026-04-01T11:00:00.000Z' });
    expect(i.departmentsOnPaper).toEqual(expect.arrayContaining(['护士站', '手术室', '医技检查', '体检中心']));
    expect(i.nextStage).toBeNull();
    expect((await notificationsOf(teamEngineer)).length).toBe(notesBefore + 2);
    const fired = i.events.filter((e: { type: string }) => e.type === 'stage_fired');
    expect(fired.map((e: { at: string }) => e.at)).toEqual(['2026-04-01T08:15:00.000Z', '2026-04-01T11:00:00.000Z']);
    expect(fired[0].body).toContain('赵院长 13900000009');
    await ctx.call('POST', `/api/v1/incidents/${id}/recover`, { as: agent, body: {} });
  });

  test('after a restart: jobs run late, both stages fire once with their real due times', async () => {
    await startAt('2026-05-01T00:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const { id } = (await declare({ ticketId: t.id, trigger: 5 })).json();
    // The server was down for nine hours.
    ctx.clock.set('2026-05-01T09:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    const i = await incident(id);
    expect(i.continuity.map((s: { stage: string; firedAt: string }) => [s.stage, s.firedAt])).toEqual([
      ['15m', '2026-05-01T00:15:00.000Z'],
      ['3h', '2026-05-01T03:00:00.000Z'],
    ]);
    expect(i.events.filter((e: { type: string }) => e.type === 'stage_fired')).toHaveLength(2);
    const [{ recorded }] = await ctx.rows<{ recorded: Date }>(
      sql`select recorded_at as recorded from incident_stages where incident_id = ${id} and stage = '3h'`,
    );
    expect(new Date(recorded).toISOString()).toBe('2026-05-01T09:00:00.000Z');
    expect(i.departments.find((d: { name: string }) => d.name === '护士站').manualFrom).toBe('2026-05-01T03:00:00.000Z');
    await ctx.call('POST', `/api/v1/incidents/${id}/recover`, { as: agent, body: {} });
  });

  test('recovery stops further stages; 补录 per department; closing refused while any is outstanding', async () => {
    await startAt('2026-06-01T00:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const { id } = (await declare({ ticketId: t.id, trigger: 4 })).json();
    ctx.clock.set('2026-06-01T00:20:00Z');
    await runDueJobs({ deps: ctx.deps });
    ctx.clock.set('2026-06-01T01:00:00Z');
    const recovered = await ctx.call('POST', `/api/v1/incidents/${id}/recover`, {
      as: agent,
      body: { recoveredAt: '2026-06-01T00:50:00Z' },
    });
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ status: 'recovered', recoveredAt: '2026-06-01T00:50:00.000Z', nextStage: null });
    const reg = recovered.json().departments.find((d: { name: string }) => d.name === '门诊挂号');
    expect(reg).toMatchObject({ backAt: '2026-06-01T00:50:00.000Z', minutesOnPaper: 35, reentryState: 'pending' });

    ctx.clock.set('2026-06-01T05:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    const i = await incident(id);
    expect(i.continuity[1].firedAt).toBeNull();
    expect(i.departments.find((d: { name: string }) => d.name === '护士站').manualFrom).toBeNull();
    expect(i.reentryOutstanding).toBe(6);

    const before = await ctx.snapshot();
    const refused = await ctx.call('POST', `/api/v1/incidents/${id}/close`, { as: manager });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('门诊挂号');
    const nurse = i.departments.find((d: { name: string }) => d.name === '护士站');
    expect(
      (await ctx.call('POST', `/api/v1/incidents/${id}/departments/${nurse.id}/reentry`, { as: agent, body: { state: 'done' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (await ctx.call('POST', `/api/v1/incidents/${id}/departments/${reg.id}/reentry`, { as: agent, body: { state: 'waived' } }))
        .statusCode,
    ).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    const manual = i.departments.filter((d: { manualFrom: string | null }) => d.manualFrom);
    const started = await ctx.call('POST', `/api/v1/incidents/${id}/departments/${manual[0].id}/reentry`, {
      as: agent,
      body: { state: 'started', engineerId: teamEngineer.user.id, note: '收费单据 132 张' },
    });
    expect(started.json().departments.find((d: { id: string }) => d.id === manual[0].id)).toMatchObject({
      reentryState: 'started',
      reentryEngineer: { id: teamEngineer.user.id, name: '李工' },
      reentryStartedAt: '2026-06-01T05:00:00.000Z',
    });
    for (const d of manual.slice(0, 5)) {
      expect(
        (await ctx.call('POST', `/api/v1/incidents/${id}/departments/${d.id}/reentry`, { as: agent, body: { state: 'done' } })).statusCode,
      ).toBe(200);
    }
    await ctx.call('POST', `/api/v1/incidents/${id}/departments/${manual[5].id}/reentry`, {
      as: agent,
      body: { state: 'waived', reason: '停机期间无业务' },
    });
    await ctx.call('PATCH', `/api/v1/incidents/${id}/report`, {
      as: manager,
      body: {
        cause: '财务子系统批处理误删数据',
        actionsTaken: '从备份恢复并核对病人费用',
        prevention: '建议院方每日检查备份并限制批处理权限',
      },
    });
    await ctx.call('POST', `/api/v1/incidents/${id}/notes`, { as: manager, body: '内部：责任人待定' });
    const closed = await ctx.call('POST', `/api/v1/incidents/${id}/close`, { as: manager });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: '2026-06-01T05:00:00.000Z', reentryOutstanding: 0 });

    // The report PDF reads as a document: cause, time on paper, re-entry, prevention.
    const pdf = await ctx.call('GET', `/api/v1/incidents/${id}/report.pdf`, { as: manager, headers: { 'accept-language': 'zh-CN' } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    for (const words of [
      '事故处理报告书',
      '甲市第一人民医院',
      '财务子系统批处理误删数据',
      '从备份恢复并核对病人费用',
      '建议院方每日检查备份并限制批处理权限',
      '门诊挂号',
      '35分钟',
      '免于补录：停机期间无业务',
      '李工',
      '赵院长',
      '预防方案',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('责任人待定');
    const en = await ctx.call('GET', `/api/v1/incidents/${id}/report.pdf`, { as: manager, headers: { 'accept-language': 'en' } });
    expect((await pdfText(en.rawPayload)).replace(/\s+/g, ' ')).toContain('Incident handling report');

    // The hospital reads its own incident without internal notes; another hospital gets a 404.
    const seen = await incident(id, userA);
    expect(seen.events.some((e: { type: string }) => e.type === 'note')).toBe(false);
    expect(seen.items.every((x: { note: string | null }) => x.note === null)).toBe(true);
    expect(seen.departments.every((d: { reentryNote: string | null }) => d.reentryNote === null)).toBe(true);
    expect((await ctx.call('GET', `/api/v1/incidents/${id}`, { as: userB })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/incidents/${id}/report.pdf`, { as: userB })).statusCode).toBe(404);
    const listB = (await ctx.call('GET', '/api/v1/incidents?status=all', { as: userB })).json().items;
    expect(listB).toEqual([]);
    const listA = (await ctx.call('GET', '/api/v1/incidents?status=all', { as: userA })).json().items;
    expect(listA.length).toBeGreaterThan(0);
    expect(listA.every((x: { customerId: string }) => x.customerId === hospitalA.id)).toBe(true);
  });

  test('a drill: same clocks, no alert to the hospital, closing it is the plan’s last drill', async () => {
    await startAt('2026-07-01T00:00:00Z');
    await planWithTeam(hospitalB.id);
    const t = await ctx.ticket(agent, hospitalB.id, { severity: 'urgent' });
    const res = await declare({ ticketId: t.id, trigger: 6, drill: true });
    expect(res.json()).toMatchObject({ isDrill: true, measureLevel: 'urgent' });
    expect(res.json().items.filter((i: { kind: string }) => i.kind === 'measure')).toHaveLength(6);
    const id = res.json().id;
    const hospitalBefore = (await notificationsOf(userB)).length;
    ctx.clock.set('2026-07-01T00:16:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect((await incident(id)).continuity[0].firedAt).toBe('2026-07-01T00:15:00.000Z');
    expect((await notificationsOf(userB)).length).toBe(hospitalBefore);
    await ctx.call('POST', `/api/v1/incidents/${id}/recover`, { as: agent, body: {} });
    for (const d of (await incident(id)).departments.filter((x: { manualFrom: string | null }) => x.manualFrom)) {
      await ctx.call('POST', `/api/v1/incidents/${id}/departments/${d.id}/reentry`, {
        as: agent,
        body: { state: 'waived', reason: '演练' },
      });
    }
    expect((await ctx.call('POST', `/api/v1/incidents/${id}/close`, { as: manager })).statusCode).toBe(200);
    const evaluated = await ctx.call('PATCH', `/api/v1/incidents/${id}/report`, {
      as: manager,
      body: {
        drillParticipants: '服务部经理、技术部、院方信息科',
        drillEvaluation: '切换手工及时；问题：备份恢复脚本过旧',
        accountability: '内部：无',
      },
    });
    expect(evaluated.json()).toMatchObject({ drillParticipants: '服务部经理、技术部、院方信息科', accountability: '内部：无' });
    expect((await incident(id, userB)).accountability).toBe('');
    const pdf = await ctx.call('GET', `/api/v1/incidents/${id}/report.pdf`, { as: manager, headers: { 'accept-language': 'zh-CN' } });
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(text).toContain('演练评价');
    expect(text).toContain('备份恢复脚本过旧');
    expect(text).not.toContain('内部：无');
    const plans = (await ctx.call('GET', '/api/v1/emergency-plans', { as: manager })).json().items;
    expect(plans.find((p: { customerId: string }) => p.customerId === hospitalB.id)).toMatchObject({
      lastDrillAt: '2026-07-01T00:16:00.000Z',
      nextDrillDue: '2027-01-01T00:16:00.000Z',
      drillOverdue: false,
      openIncidents: 0,
    });
  });

  test('a drill alerts the hospital only when chosen', async () => {
    await startAt('2026-07-10T00:00:00Z');
    await planWithTeam(hospitalB.id);
    const t = await ctx.ticket(agent, hospitalB.id, { severity: 'urgent' });
    const res = await declare({ ticketId: t.id, trigger: 2, drill: true, alertHospital: true });
    expect(res.json()).toMatchObject({ isDrill: true, alertsHospital: true });
    const hospitalBefore = (await notificationsOf(userB)).length;
    ctx.clock.set('2026-07-10T00:16:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect((await notificationsOf(userB)).length).toBe(hospitalBefore + 1);
  });

  test('the emergency team trains every quarter: the dashboard says when this quarter still needs it', async () => {
    await startAt('2026-07-10T00:00:00Z');
    await planWithTeam(hospitalB.id);
    const planOfB = async () =>
      (await ctx.call('GET', '/api/v1/emergency-plans', { as: manager }))
        .json()
        .items.find((p: { customerId: string }) => p.customerId === hospitalB.id);
    expect(await planOfB()).toMatchObject({ lastTrainingOn: null, isTrainingDue: true });
    const training = await ctx.call('POST', `/api/v1/customers/${hospitalB.id}/trainings`, {
      as: manager,
      body: {
        kind: 'emergency_quarterly',
        title: '应急小组季度培训',
        sessionDate: '2026-07-05',
        lecturerId: manager.user.id,
        attendees: [{ name: '信息科王工' }],
      },
    });
    expect(training.statusCode).toBe(201);
    expect(await planOfB()).toMatchObject({ lastTrainingOn: '2026-07-05', isTrainingDue: false });
  });

  test('corrective actions with owners and due dates; the daily job reminds once; a plan without a drill for six months is flagged once', async () => {
    await startAt('2026-08-01T01:00:00Z');
    const t = await ctx.ticket(agent, hospitalA.id);
    const { id } = (await declare({ ticketId: t.id, trigger: 2 })).json();
    const before = await ctx.snapshot();
    const bad = [
      { description: '', ownerId: engineer.user.id, dueDate: '2026-08-03' },
      { description: '加固', ownerId: engineer.user.id, dueDate: '2026-13-03' },
      { description: '加固', ownerId: userA.user.id, dueDate: '2026-08-03' },
    ];
    for (const body of bad) expect((await ctx.call('POST', `/api/v1/incidents/${id}/actions`, { as: manager, body })).statusCode).toBe(400);
    expect(
      (
        await ctx.call('POST', `/api/v1/incidents/${id}/actions`, {
          as: userA,
          body: { description: 'x', ownerId: engineer.user.id, dueDate: '2026-08-03' },
        })
      ).statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);

    const added = await ctx.call('POST', `/api/v1/incidents/${id}/actions`, {
      as: manager,
      body: { description: '核心交换机增加冗余链路', ownerId: engineer.user.id, dueDate: '2026-08-03' },
    });
    expect(added.statusCode).toBe(200);
    const action = added.json().actions[0];
    expect(action).toMatchObject({
      description: '核心交换机增加冗余链路',
      owner: { id: engineer.user.id },
      dueDate: '2026-08-03',
      doneAt: null,
      isOverdue: false,
    });
    // The hospital does not see the vendor's corrective actions.
    expect((await incident(id, userA)).actions).toEqual([]);

    const dashboard = (await ctx.call('GET', '/api/v1/emergency-plans', { as: manager })).json().items;
    expect(dashboard.find((p: { customerId: string }) => p.customerId === hospitalA.id).openActions).toBe(1);
    const reminders = async () =>
      (await ctx.call('GET', '/api/v1/notifications?limit=100', { as: engineer }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'corrective_action_due');
    // 09:00 Shanghai on 2 August: not due yet. On 3 August: reminded once, however often the job runs.
    ctx.clock.set('2026-08-02T01:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect(await reminders()).toHaveLength(0);
    ctx.clock.set('2026-08-03T01:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    ctx.clock.set('2026-08-04T01:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect(await reminders()).toHaveLength(1);
    expect((await reminders())[0].data).toMatchObject({ actionId: action.id, dueDate: '2026-08-03' });
    expect((await incident(id)).actions[0].isOverdue).toBe(true);
    const done = await ctx.call('POST', `/api/v1/incidents/${id}/actions/${action.id}/done`, { as: engineer, body: { note: '已完成' } });
    expect(done.json().actions[0]).toMatchObject({ doneAt: '2026-08-04T01:00:00.000Z', doneNote: '已完成', isOverdue: false });
    expect((await ctx.call('POST', `/api/v1/incidents/${id}/actions/${action.id}/done`, { as: engineer, body: {} })).statusCode).toBe(409);

    // Hospital A's plan was created in March and has never had a drill: overdue since September, told once.
    const drillNotes = async () =>
      (await ctx.call('GET', '/api/v1/notifications?limit=100', { as: manager }))
        .json()
        .items.filter((n: { kind: string; data: { customerId: string } }) => n.kind === 'drill_due' && n.data.customerId === hospitalA.id);
    expect(await drillNotes()).toHaveLength(0);
    await startAt('2026-09-03T01:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    ctx.clock.set('2026-09-04T01:00:00Z');
    await runDueJobs({ deps: ctx.deps });
    expect(await drillNotes()).toHaveLength(1);
    const plans = (await ctx.call('GET', '/api/v1/emergency-plans', { as: manager })).json().items;
    expect(plans.find((p: { customerId: string }) => p.customerId === hospitalA.id)).toMatchObject({
      drillOverdue: true,
      lastDrillAt: null,
      openActions: 0,
    });
  });
});
