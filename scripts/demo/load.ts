// Plays the demo plan through the real services, with a clock that is moved along each request's
// story, so every row, timeline event and audit entry is what the application itself would write.

import { addMonths, localDateOf } from '../../src/domain/contracts/local-date.ts';
import type { Role, Status } from '../../src/domain/vocabulary.ts';
import type { Deps } from '../../src/server/deps.ts';
import { AppError } from '../../src/server/errors.ts';
import { findUserByEmail } from '../../src/server/features/auth/auth.repo.ts';
import { findCustomerByName } from '../../src/server/features/customers/customers.repo.ts';
import { addContact, createCustomer } from '../../src/server/features/customers/customers.service.ts';
import { addRosterEntry } from '../../src/server/features/escalations/escalations.service.ts';
import { createAssessment, runMaintenanceDaily } from '../../src/server/features/maintenance/maintenance.service.ts';
import { createSparePart } from '../../src/server/features/parts/parts.service.ts';
import { createMeeting } from '../../src/server/features/return-visits/return-visits.service.ts';
import { setSurveySchedule } from '../../src/server/features/surveys/surveys.service.ts';
import {
  addComment,
  countTickets,
  createTicket,
  transitionTicket,
  updateTicket,
} from '../../src/server/features/tickets/tickets.service.ts';
import { createTraining } from '../../src/server/features/trainings/trainings.service.ts';
import { selectUsers } from '../../src/server/features/users/users.repo.ts';
import type { CreateUserInput } from '../../src/server/features/users/users.schema.ts';
import { createUser, ensureInitialAdmin } from '../../src/server/features/users/users.service.ts';
import type { Clock } from '../../src/server/lib/clock.ts';
import type { Actor } from '../../src/server/policy.ts';
import { createArchives } from './archive.ts';
import { DEMO_ADMIN, DEMO_MARKER_CUSTOMER, DEMO_PASSWORD, STAFF } from './demo-data.ts';
import { createEmergencyDemo } from './emergency.ts';
import { createFieldDemo } from './field.ts';
import {
  type ActorKey,
  type CustomerPlan,
  isPortalKey,
  MIN_REQUESTS,
  type PlannedStep,
  planCustomers,
  planTickets,
  portalKeyOf,
  type TicketPlan,
} from './plan.ts';
import { createRandom } from './random.ts';

export const DEFAULT_REQUESTS = 300;
export const DEFAULT_SEED = 20_240_501;
export const MAX_REQUESTS = 10_000;

const MINUTE_MS = 60_000;
/** Staff and organisations are registered this long before the oldest request. */
const SETUP_DAYS_BEFORE_NOW = 95;

export type DemoAccount = { role: Role; name: string; email: string; password: string; detail: string };

export type LoadResult =
  | { status: 'already_present' }
  | {
      status: 'loaded';
      accounts: DemoAccount[];
      customers: number;
      contacts: number;
      contracts: number;
      requests: number;
      byStatus: Partial<Record<Status, number>>;
    };

export type LoadOptions = {
  /** `deps.clock()` is "now"; the loader moves its own copy of time backwards from it. */
  deps: Deps;
  requests?: number;
  seed?: number;
  onProgress?: (message: string) => void;
};

type MovableClock = Clock & { set(at: Date | number): void };

function createMovableClock(start: Date): MovableClock {
  let now = start.getTime();
  return Object.assign(() => new Date(now), {
    set: (at: Date | number) => {
      now = typeof at === 'number' ? at : at.getTime();
    },
  });
}

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>;
type DemoUser = Pick<UserRow, 'id' | 'role' | 'customerId' | 'name' | 'email' | 'team'>;

const actorOf = (user: DemoUser, via: Actor['via'] = 'session'): Actor => ({
  id: user.id,
  role: user.role,
  customerId: user.customerId,
  name: user.name,
  via,
});

const EXISTING_PASSWORD = '(existing account, unchanged)';

/** The demo's actors and organisations, looked up by the plan's keys. */
type World = {
  actors: Map<ActorKey, Actor>;
  customers: Map<string, { id: string; contactIds: string[] }>;
};

function actorFor(world: World, key: ActorKey, via: Actor['via'] = 'session'): Actor {
  const actor = world.actors.get(key);
  if (!actor) throw new Error(`demo plan refers to unknown actor ${key}`);
  return via === actor.via ? actor : { ...actor, via };
}

/** Uses an active administrator, or creates the first one the way the server's first start would. */
async function ensureAdmin(deps: Deps): Promise<{ actor: Actor; account: DemoAccount }> {
  const [existing] = (await selectUsers(deps.db, { role: 'admin' })).filter((u) => u.isActive);
  if (existing) {
    return {
      actor: actorOf(existing),
      account: { role: 'admin', name: existing.name, email: existing.email, password: EXISTING_PASSWORD, detail: 'administrator' },
    };
  }
  const config = {
    ...deps.config,
    adminEmail: deps.config.adminEmail ?? DEMO_ADMIN.email,
    adminPassword: deps.config.adminPassword ?? DEMO_PASSWORD,
  };
  const created = await ensureInitialAdmin({ deps: { ...deps, config } });
  const row = created ? await findUserByEmail(deps.db, created.email) : undefined;
  if (!row) throw new Error('The database has users but no active administrator: activate one before loading demo data.');
  const password = deps.config.adminPassword ? '(AFTERSALES_ADMIN_PASSWORD)' : DEMO_PASSWORD;
  return { actor: actorOf(row), account: { role: 'admin', name: row.name, email: row.email, password, detail: 'administrator' } };
}

/** Creates a user, or reuses an account with the same e-mail left by an earlier, interrupted run. */
async function ensureUser(deps: Deps, admin: Actor, input: CreateUserInput): Promise<{ user: DemoUser; isNew: boolean }> {
  try {
    return { user: await createUser({ deps, actor: admin, input }), isNew: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
    const existing = await findUserByEmail(deps.db, input.email);
    if (!existing) throw error;
    return { user: existing, isNew: false };
  }
}

async function createStaff(deps: Deps, admin: Actor, world: World): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const staff of STAFF) {
    const input: CreateUserInput = { email: staff.email, name: staff.name, role: staff.role, team: staff.team, password: DEMO_PASSWORD };
    const { user, isNew } = await ensureUser(deps, admin, input);
    world.actors.set(staff.key, actorOf(user));
    accounts.push({
      role: user.role,
      name: user.name,
      email: user.email,
      password: isNew ? DEMO_PASSWORD : EXISTING_PASSWORD,
      detail: user.team ?? '',
    });
  }
  return accounts;
}

async function createOrganisations(deps: Deps, clock: MovableClock, registrar: Actor, plans: CustomerPlan[], world: World) {
  let contactCount = 0;
  for (const plan of plans) {
    clock.set(clock().getTime() + 17 * MINUTE_MS);
    const { seed } = plan;
    const customer = await createCustomer({
      deps,
      actor: registrar,
      input: {
        name: seed.name,
        kind: seed.kind,
        province: seed.province,
        city: seed.city,
        grade: seed.grade,
        address: seed.address,
        // The demo vendor's service base is in Wuhan.
        distanceClass: seed.city === '武汉市' ? 'same_city' : seed.province === '湖北省' ? 'same_province' : 'elsewhere',
      },
    });
    const contactIds: string[] = [];
    for (const { lang: _lang, ...contact } of plan.contacts) {
      clock.set(clock().getTime() + MINUTE_MS);
      contactIds.push((await addContact({ deps, actor: registrar, customerId: customer.id, input: contact })).id);
    }
    contactCount += contactIds.length;
    world.customers.set(seed.key, { id: customer.id, contactIds });
  }
  return contactCount;
}

async function createPortalUsers(deps: Deps, admin: Actor, plans: CustomerPlan[], world: World): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const plan of plans) {
    const customer = world.customers.get(plan.seed.key);
    if (!plan.portalUser || !customer) continue;
    const input: CreateUserInput = {
      email: plan.portalUser.email,
      name: plan.portalUser.name,
      role: 'customer',
      customerId: customer.id,
      password: DEMO_PASSWORD,
    };
    const { user, isNew } = await ensureUser(deps, admin, input);
    world.actors.set(portalKeyOf(plan.seed.key), actorOf(user));
    accounts.push({
      role: 'customer',
      name: user.name,
      email: user.email,
      password: isNew ? DEMO_PASSWORD : EXISTING_PASSWORD,
      detail: plan.seed.name,
    });
  }
  return accounts;
}

async function runStep(deps: Deps, world: World, ticketId: string, step: PlannedStep) {
  const actor = actorFor(world, step.by);
  switch (step.kind) {
    case 'assign': {
      const assignee = actorFor(world, step.assignee);
      await updateTicket({ deps, actor, ticketId, input: { assigneeId: assignee.id, team: step.team } });
      return;
    }
    case 'comment':
      await addComment({
        deps,
        actor,
        ticketId,
        input: { body: step.body, internal: step.internal, isPhoneCall: step.isPhoneCall, isSolution: false },
      });
      return;
    case 'transition':
      await transitionTicket({
        deps,
        actor,
        ticketId,
        input: { to: step.to, comment: step.comment, resolution: step.resolution, confirmedByName: step.confirmedByName },
      });
      return;
  }
}

async function runTicket(deps: Deps, clock: MovableClock, world: World, plan: TicketPlan) {
  const customer = world.customers.get(plan.hospitalKey);
  if (!customer) throw new Error(`demo plan refers to unknown organisation ${plan.hospitalKey}`);
  const actor = actorFor(world, plan.by, plan.via);
  const assignee = plan.assignee ? actorFor(world, plan.assignee) : undefined;
  clock.set(plan.createdAt);
  const ticket = await createTicket({
    deps,
    actor,
    input: {
      customerId: customer.id,
      contactId: customer.contactIds[plan.contactIndex],
      title: plan.title,
      description: plan.description,
      severity: plan.severity,
      channel: plan.channel,
      kind: plan.kind,
      stage: plan.stage,
      contentCategory: plan.contentCategory,
      causeCategory: plan.causeCategory,
      module: plan.module,
      ...(isPortalKey(plan.by) ? {} : { assigneeId: assignee?.id, team: plan.team }),
    },
  });
  for (const step of plan.steps) {
    clock.set(plan.createdAt.getTime() + step.offset * MINUTE_MS);
    await runStep(deps, world, ticket.id, step);
  }
}

export function validateRequestCount(requests: number): void {
  if (!Number.isInteger(requests) || requests < MIN_REQUESTS || requests > MAX_REQUESTS) {
    throw new Error(`the number of requests must be a whole number from ${MIN_REQUESTS} to ${MAX_REQUESTS}`);
  }
}

/**
 * Loads the demo data set unless it is already there (the marker organisation exists).
 * Deterministic for a given seed and `deps.clock()`.
 */
export async function loadDemoData({
  deps,
  requests = DEFAULT_REQUESTS,
  seed = DEFAULT_SEED,
  onProgress,
}: LoadOptions): Promise<LoadResult> {
  validateRequestCount(requests);
  if (await findCustomerByName(deps.db, DEMO_MARKER_CUSTOMER)) return { status: 'already_present' };
  const report = onProgress ?? (() => {});
  const now = deps.clock();
  const clock = createMovableClock(new Date(now.getTime() - SETUP_DAYS_BEFORE_NOW * 24 * 60 * MINUTE_MS));
  const demoDeps: Deps = { ...deps, clock };
  const random = createRandom(seed);
  const customerPlans = planCustomers(random);
  const ticketPlans = planTickets({ random, now, requests, customers: customerPlans });
  const world: World = { actors: new Map(), customers: new Map() };

  report('Creating accounts and organisations…');
  const admin = await ensureAdmin(demoDeps);
  world.actors.set('admin', admin.actor);
  const staffAccounts = await createStaff(demoDeps, admin.actor, world);
  const contacts = await createOrganisations(demoDeps, clock, actorFor(world, 'manager'), customerPlans, world);
  const portalAccounts = await createPortalUsers(demoDeps, admin.actor, customerPlans, world);

  const step = Math.max(1, Math.ceil(ticketPlans.length / 10));
  for (const [index, plan] of ticketPlans.entries()) {
    await runTicket(demoDeps, clock, world, plan);
    if ((index + 1) % step === 0 || index + 1 === ticketPlans.length) report(`Requests: ${index + 1}/${ticketPlans.length}`);
  }

  report('Filling the customer archive: systems, contracts, visits…');
  clock.set(now);
  const contracts = await createArchives({
    deps: demoDeps,
    actor: actorFor(world, 'manager'),
    engineerId: actorFor(world, 'engineer1').id,
    customers: customerPlans,
    customerIds: new Map([...world.customers].map(([key, value]) => [key, value.id])),
    random,
  });

  // Routine maintenance (features/maintenance): every contracted customer's rounds, overdue ones warned once.
  report('Maintenance rounds from the contracts…');
  await runMaintenanceDaily({ deps: demoDeps });
  const assessed = [...world.customers.values()][0];
  if (assessed) {
    // The system operation assessment (000 G) of the first hospital, filed in its archive.
    const on = localDateOf(now, deps.config.timeZone);
    await createAssessment({
      deps: demoDeps,
      actor: actorFor(world, 'engineer1'),
      customerId: assessed.id,
      input: {
        period: Number(on.slice(0, 4)),
        assessedOn: on,
        summary: '系统整体运行稳定；建议完善检验结果回传流程，并在明年一季度评估数据库平台升级。',
        sections: [
          { key: 'performance', rating: 'good', findings: '门诊高峰期挂号、收费响应均在 1 秒以内。' },
          { key: 'usage_patterns', rating: 'acceptable', findings: '医嘱录入集中在上午查房后。', recommendations: '推广模板医嘱。' },
          {
            key: 'information_flow',
            rating: 'needs_attention',
            findings: '检验结果回传病区仍依赖打印。',
            recommendations: '启用 LIS 接口。',
          },
          { key: 'network_security', rating: 'good', findings: '内外网隔离，防病毒库每日更新。' },
          { key: 'platform_upgrade', rating: 'acceptable', findings: '数据库版本可平滑升级。', recommendations: '明年一季度安排升级。' },
          { key: 'configuration', rating: 'good', findings: '服务器内存与存储配置合理。' },
        ],
      },
    });
  }

  const firstCustomer = [...world.customers.values()][0];
  if (firstCustomer) {
    report('Emergency plan and a major incident…');
    await createEmergencyDemo({
      deps: demoDeps,
      manager: actorFor(world, 'manager'),
      engineer: actorFor(world, 'engineer1'),
      customerId: firstCustomer.id,
    });
  }

  // Field service (features/work-orders): orders in each state for the dispatch board and /field.
  report('Work orders for the dispatch board and the engineer’s phone…');
  await createFieldDemo({
    deps: demoDeps,
    setClock: (at) => clock.set(at),
    dispatcher: actorFor(world, 'manager'),
    engineer: actorFor(world, 'engineer1'),
  });
  clock.set(now);

  // Who takes a request when an engineer cannot solve it (features/escalations).
  for (const [rung, key] of [
    ['senior_engineer', 'engineer1'],
    ['product_manager', 'engineer2'],
    ['rnd', 'engineer4'],
  ] as const) {
    await addRosterEntry({ deps: demoDeps, actor: admin.actor, input: { rung, userId: actorFor(world, key).id } });
  }

  // Service quality (features/return-visits, trainings): a user meeting and a course at the first hospital.
  const firstCustomerId = [...world.customers.values()][0]?.id;
  if (firstCustomerId) {
    const today = localDateOf(now, deps.config.timeZone);
    await createMeeting({
      deps: demoDeps,
      actor: actorFor(world, 'manager'),
      customerId: firstCustomerId,
      input: {
        meetingDate: today,
        title: '用户座谈会：季度服务回顾',
        attendees: ['信息科主任', '服务中心经理', '驻场工程师'],
        minutes: '回顾本季度服务请求与回访情况，讨论医保接口升级与科室培训安排。',
        actions: [{ text: '提交医保接口升级方案', owner: '驻场工程师', dueDate: null }],
      },
    });
    await createTraining({
      deps: demoDeps,
      actor: actorFor(world, 'manager'),
      customerId: firstCustomerId,
      input: {
        kind: 'standard_course',
        title: '门诊收费系统操作培训',
        sessionDate: today,
        lecturerId: actorFor(world, 'engineer1').id,
        attendees: [{ name: '门诊收费组 王' }, { name: '门诊收费组 李' }],
      },
    });
    // A half-yearly satisfaction survey of the hospital (the surveys.periodic job opens it when due).
    await setSurveySchedule({
      deps: demoDeps,
      actor: actorFor(world, 'manager'),
      customerId: firstCustomerId,
      input: { everyMonths: 6, nextDueDate: addMonths(today, 1) },
    });
  }

  // The spare-parts price list (features/parts): unit prices at or below the contract price (000).
  for (const part of [
    { name: '服务器硬盘', model: 'SAS 1.2TB 10K', unitPriceFen: 158_000, contractPriceFen: 180_000 },
    { name: '服务器内存', model: 'DDR4 32GB RDIMM', unitPriceFen: 96_000, contractPriceFen: 96_000 },
    { name: '针式打印机打印头', model: 'LQ-630K', unitPriceFen: 42_000, contractPriceFen: 45_000 },
  ]) {
    await createSparePart({
      deps: demoDeps,
      actor: admin.actor,
      input: { ...part, validFrom: localDateOf(now, deps.config.timeZone) },
    });
  }

  const counts = await countTickets({ deps, actor: admin.actor });
  return {
    status: 'loaded',
    accounts: [admin.account, ...staffAccounts, ...portalAccounts],
    customers: customerPlans.length,
    contacts,
    contracts,
    requests: ticketPlans.length,
    byStatus: counts.byStatus,
  };
}
