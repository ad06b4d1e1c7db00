import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureSystemJobs, runDueJobs } from '../../jobs/runner.ts';
import { forIncident, forTicket, incidentData, type LiveStream, openLiveStream } from '../../testing/live-stream.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runTrainingReminders } from './emergency.service.ts';

let ctx: TestContext;
let port: number;
let admin: Session;
let manager: Session;
let agent: Session;
let director: Session;
let backbone: Session;
let serviceManager: Session;
let hospitalA: Awaited<ReturnType<TestContext['customer']>>;
let hospitalB: Awaited<ReturnType<TestContext['customer']>>;
let userA: Session;
let userB: Session;
const openStreams = new Set<LiveStream>();

const T0 = '2026-04-01T01:00:00.000Z';
const MIN = 60_000;
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(T0);
  admin = await ctx.user('admin');
  manager = await ctx.user('manager', { name: '王经理' });
  agent = await ctx.user('agent');
  director = await ctx.user('manager', { name: '赵总监' });
  backbone = await ctx.user('engineer', { name: '李工' });
  serviceManager = await ctx.user('manager', { name: '钱经理' });
  hospitalA = await ctx.customer('甲市第一人民医院');
  hospitalB = await ctx.customer('乙县中医院');
  userA = await ctx.user('customer', { customerId: hospitalA.id });
  userB = await ctx.user('customer', { customerId: hospitalB.id });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const stream of openStreams) stream.close();
  await ctx.close();
});

async function openLive(session: Session) {
  const stream = await openLiveStream({ port, cookie: session.cookie });
  openStreams.add(stream);
  expect(stream.status).toBe(200);
  return stream;
}

async function designate(session: Session, designation: string | null) {
  const res = await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { designation } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('staff designations (001 2.2)', { timeout: 60_000 }, () => {
  test('editable by admins on staff users only; a new plan’s vendor team is filled from them', async () => {
    const before = await ctx.snapshot();
    // A customer user has no designation; a word outside the vocabulary is refused; only admins edit users.
    expect(
      (await ctx.call('PATCH', `/api/v1/users/${userA.user.id}`, { as: admin, body: { designation: 'general_manager' } })).statusCode,
    ).toBe(400);
    expect(
      (await ctx.call('PATCH', `/api/v1/users/${manager.user.id}`, { as: admin, body: { designation: 'chief_everything' } })).statusCode,
    ).toBe(400);
    expect(
      (await ctx.call('PATCH', `/api/v1/users/${manager.user.id}`, { as: manager, body: { designation: 'general_manager' } })).statusCode,
    ).toBe(403);
    const created = await ctx.call('POST', '/api/v1/users', {
      as: admin,
      body: {
        email: 'ward@hospital.example.com',
        name: '病区护士长',
        password: 'a-long-enough-password-7',
        role: 'customer',
        customerId: hospitalA.id,
        designation: 'technical_backbone',
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.fields).toHaveProperty('designation');
    expect(await ctx.snapshot()).toEqual(before);
    const users = (await ctx.call('GET', '/api/v1/users', { as: admin })).json().items;
    expect(users.find((u: { id: string }) => u.id === userA.user.id).designation).toBeNull();
    expect(users.find((u: { id: string }) => u.id === manager.user.id).designation).toBeNull();

    expect(await designate(manager, 'general_manager')).toMatchObject({ designation: 'general_manager' });
    await designate(director, 'service_director');
    await designate(serviceManager, 'service_department_manager');
    await designate(backbone, 'technical_backbone');
    const newStaff = await ctx.call('POST', '/api/v1/users', {
      as: admin,
      body: {
        email: 'zhou@vendor.example.com',
        name: '周工',
        password: 'a-long-enough-password-7',
        role: 'engineer',
        designation: 'technical_backbone',
      },
    });
    expect(newStaff.statusCode).toBe(201);
    expect(newStaff.json().designation).toBe('technical_backbone');
    // An inactive designated user is left out.
    expect((await ctx.call('PATCH', `/api/v1/users/${newStaff.json().id}`, { as: admin, body: { isActive: false } })).statusCode).toBe(200);

    const plan = await ctx.call('POST', `/api/v1/customers/${hospitalA.id}/emergency-plan`, { as: manager });
    expect(plan.statusCode).toBe(201);
    expect(plan.json().content.vendorTeam).toEqual([
      { userId: manager.user.id, designation: 'leader', phone: '' },
      { userId: director.user.id, designation: 'deputy', phone: '' },
      { userId: serviceManager.user.id, designation: 'deputy', phone: '' },
      { userId: backbone.user.id, designation: 'member', phone: '' },
    ]);
    // Default departments carry their stable keys.
    expect(plan.json().content.departments.map((d: { key?: string }) => d.key)).toContain('outpatient_billing');
  });
});

describe('live incident updates', { timeout: 60_000 }, () => {
  test('every change publishes an incident event; a hospital user hears only its own incidents, never internal notes', async () => {
    ctx.clock.set(T0);
    const ticketA = await ctx.ticket(agent, hospitalA.id);
    const ticketB = await ctx.ticket(agent, hospitalB.id);
    const staff = await openLive(manager);
    const streamA = await openLive(userA);

    // B's incident first, then A's: events keep their order, so once A's arrives, B's would have too.
    const declaredB = await ctx.call('POST', '/api/v1/incidents', { as: agent, body: { ticketId: ticketB.id, trigger: 3 } });
    expect(declaredB.statusCode).toBe(201);
    const declaredA = await ctx.call('POST', '/api/v1/incidents', {
      as: agent,
      body: { ticketId: ticketA.id, trigger: 1, impact: '门诊挂号无法出号' },
    });
    expect(declaredA.statusCode).toBe(201);
    const idA = declaredA.json().id;
    const idB = declaredB.json().id;
    const first = await streamA.next(forIncident(idA));
    expect(first.event).toBe('incident');
    // Enough to refetch, never the incident's content.
    expect(incidentData(first)).toEqual({
      type: 'incident.updated',
      incidentId: idA,
      ticketId: ticketA.id,
      customerId: hospitalA.id,
      actorId: agent.user.id,
    });
    await staff.next(forIncident(idA));
    expect(staff.received.filter((e) => e.event === 'incident').map((e) => incidentData(e)?.incidentId)).toEqual([idB, idA]);

    // An internal note reaches staff, not the hospital; B's changes never reach A.
    const note = await ctx.call('POST', `/api/v1/incidents/${idA}/notes`, { as: manager, body: { body: '怀疑核心交换机' } });
    expect(note.statusCode).toBe(200);
    const detailB = (await ctx.call('GET', `/api/v1/incidents/${idB}`, { as: manager })).json();
    const activationB = detailB.items.find((i: { kind: string; position: number }) => i.kind === 'activation' && i.position === 2);
    expect((await ctx.call('POST', `/api/v1/incidents/${idB}/items/${activationB.id}/done`, { as: manager, body: {} })).statusCode).toBe(
      200,
    );
    // A checklist tick on A (the activation, which the hospital sees).
    const detailA = (await ctx.call('GET', `/api/v1/incidents/${idA}`, { as: manager })).json();
    const activationA = detailA.items.find((i: { kind: string; position: number }) => i.kind === 'activation' && i.position === 2);
    expect((await ctx.call('POST', `/api/v1/incidents/${idA}/items/${activationA.id}/done`, { as: manager, body: {} })).statusCode).toBe(
      200,
    );
    const countOn = (stream: LiveStream, id: string) => stream.received.filter((e) => incidentData(e)?.incidentId === id).length;
    await staff.next((e) => countOn(staff, idA) === 3 && incidentData(e)?.incidentId === idA);
    await streamA.next((e) => countOn(streamA, idA) === 2 && incidentData(e)?.incidentId === idA);

    // The continuity stage fired by the job (15 minutes after the failure) reaches both.
    ctx.clock.set(at(T0, 15 * MIN));
    await ensureSystemJobs({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    await streamA.next((e) => countOn(streamA, idA) === 3 && incidentData(e)?.incidentId === idA);
    const portal = (await ctx.call('GET', '/api/v1/incidents?status=open', { as: userA })).json().items;
    expect(portal).toHaveLength(1);
    expect(portal[0].onPaper).toContainEqual({ key: 'outpatient_registration', name: '门诊挂号', nameEn: 'Outpatient registration' });

    // Department back, recovery, 补录: each one event for the hospital.
    const paper = (await ctx.call('GET', `/api/v1/incidents/${idA}`, { as: manager }))
      .json()
      .departments.filter((d: { manualFrom: string | null }) => d.manualFrom);
    expect(paper.length).toBeGreaterThan(0);
    ctx.clock.set(at(T0, 30 * MIN));
    expect((await ctx.call('POST', `/api/v1/incidents/${idA}/departments/${paper[0].id}/back`, { as: manager, body: {} })).statusCode).toBe(
      200,
    );
    expect((await ctx.call('POST', `/api/v1/incidents/${idA}/recover`, { as: manager, body: {} })).statusCode).toBe(200);
    expect(
      (
        await ctx.call('POST', `/api/v1/incidents/${idA}/departments/${paper[0].id}/reentry`, {
          as: manager,
          body: { state: 'started' },
        })
      ).statusCode,
    ).toBe(200);
    await streamA.next((e) => countOn(streamA, idA) === 6 && incidentData(e)?.incidentId === idA);

    // A hospital request's own ticket events still arrive as before, and nothing of B ever reached A.
    const { version } = (await ctx.call('GET', `/api/v1/tickets/${ticketA.id}`, { as: agent })).json();
    const patched = await ctx.call('PATCH', `/api/v1/tickets/${ticketA.id}`, { as: agent, body: { severity: 'urgent', version } });
    expect(patched.statusCode).toBe(200);
    await streamA.next(forTicket(ticketA.id, 'ticket.updated'));
    expect(streamA.body()).not.toContain(idB);
    expect(streamA.body()).not.toContain(ticketB.id);
    expect(streamA.received.filter((e) => e.event === 'incident').every((e) => incidentData(e)?.customerId === hospitalA.id)).toBe(true);
    // The internal note's event went to staff only: A has one event fewer for A's incident than staff.
    expect(countOn(staff, idA)).toBe(countOn(streamA, idA) + 1);
    const userBStream = await openLive(userB);
    expect(userBStream.received).toEqual([]);
    for (const stream of [staff, streamA, userBStream]) stream.close();
  });
});

describe('quarterly emergency-team training reminder', { timeout: 60_000 }, () => {
  test('the service department manager is told once per plan and quarter, also after a restart; a training this quarter silences it', async () => {
    const trainingNotes = async (as: Session) =>
      (await ctx.call('GET', '/api/v1/notifications?limit=100', { as }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'emergency_training_due');
    // Hospital B's plan (created by the declaration above) and A's: no training this quarter (Q2 2026).
    ctx.clock.set('2026-05-04T01:00:00Z');
    // Sessions last a week: sign in again on the test's day.
    serviceManager = await ctx.signIn(serviceManager.user.email);
    director = await ctx.signIn(director.user.email);
    await ensureSystemJobs({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    const first = await trainingNotes(serviceManager);
    expect(first.map((n: { data: { customerName: string; quarter: string } }) => [n.data.customerName, n.data.quarter]).sort()).toEqual([
      ['乙县中医院', '2026-Q2'],
      ['甲市第一人民医院', '2026-Q2'],
    ]);
    // Only the designated service department manager, not every manager.
    expect(await trainingNotes(director)).toEqual([]);

    // The next day, and after a "restart" (the jobs ensured again, the handler run directly): nothing more.
    ctx.clock.set('2026-05-05T01:00:00Z');
    await ensureSystemJobs({ deps: ctx.deps });
    await runDueJobs({ deps: ctx.deps });
    expect(await runTrainingReminders({ deps: ctx.deps, now: new Date('2026-06-30T10:00:00Z') })).toEqual({ reminded: 0 });
    expect(await trainingNotes(serviceManager)).toHaveLength(2);

    // Hospital A trains in July (Q3); B does not: in Q3 only B is reminded.
    ctx.clock.set('2026-07-02T01:00:00Z');
    serviceManager = await ctx.signIn(serviceManager.user.email);
    manager = await ctx.signIn(manager.user.email);
    const training = await ctx.call('POST', `/api/v1/customers/${hospitalA.id}/trainings`, {
      as: manager,
      body: {
        kind: 'emergency_quarterly',
        title: '应急小组季度培训',
        sessionDate: '2026-07-01',
        lecturerId: manager.user.id,
        attendees: [{ name: '信息科王工' }],
      },
    });
    expect(training.statusCode).toBe(201);
    await runDueJobs({ deps: ctx.deps });
    const q3 = (await trainingNotes(serviceManager)).filter((n: { data: { quarter: string } }) => n.data.quarter === '2026-Q3');
    expect(q3.map((n: { data: { customerName: string } }) => n.data.customerName)).toEqual(['乙县中医院']);
  });
});
