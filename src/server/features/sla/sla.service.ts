import type { CompiledCalendar } from '../../../domain/calendar/index.ts';
import { entitlement } from '../../../domain/contracts/entitlement.ts';
import {
  applyClockAction,
  type ClockEvent,
  type ClockSnapshot,
  decideClockActions,
  isFinishedStatus,
  isOwed,
  shouldStartOnSiteClock,
} from '../../../domain/sla/clock-decisions.ts';
import {
  answerWithin30MinutesTargets,
  defaultPolicyTargets as builtinDefaultTargets,
  serviceClassPolicyTargets,
  tierPolicyTargets,
} from '../../../domain/sla/default-policies.ts';
import { nextRungDueAt } from '../../../domain/sla/ladder.ts';
import { type OnSiteStart, onSiteMinutes } from '../../../domain/sla/on-site.ts';
import {
  DEFAULT_ESCALATION_LADDER,
  type DistanceClass,
  dueAt,
  elapsedAt,
  type PolicyTargets,
  remainingAt,
  type SlaMetric,
  type TargetClock,
  targetRule,
  warnAt,
} from '../../../domain/sla.ts';
import { SERVICE_CLASSES, type ServiceClass } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import type { tickets } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, customerScope } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { loadCompiledCalendars } from '../calendars/calendar-cache.ts';
import { findCalendar } from '../calendars/calendars.repo.ts';
import { ensureBuiltinCalendars } from '../calendars/calendars.service.ts';
import { loadArchiveFacts } from '../contracts/contracts.repo.ts';
import {
  clearEscalationOfFinishedTickets,
  closePauses,
  findCustomerPlace,
  findPolicy,
  insertPause,
  insertPolicy,
  insertTargets,
  matchPolicy,
  type PolicyRow,
  selectAtRiskTargets,
  selectBuiltinTiers,
  selectOwedTargetsOfFinishedTickets,
  selectPolicies,
  selectTargetsForUpdate,
  selectTargetsOf,
  selectWarnPercents,
  setEscalationDue,
  type TargetRow,
  tierHasPriority,
  updatePolicyRow,
  updateTarget,
} from './sla.repo.ts';
import type { CreatePolicyInput, UpdatePolicyInput } from './sla.schema.ts';
import type { SlaTargetViewDto } from './sla-target.schema.ts';

type TicketRow = Omit<typeof tickets.$inferSelect, 'searchVector'>;
type Calendars = Map<string, CompiledCalendar>;

const MINUTE_MS = 60_000;
/** Clocks that start with the request; on-site arrival starts when an engineer is dispatched to the field. */
const INTAKE_METRICS: SlaMetric[] = ['first_response', 'reply', 'solution', 'resolution'];
export const DEFAULT_POLICY_NAME = '默认服务承诺 Default service commitments';
export const ALTERNATIVE_POLICY_NAME = '任何请求 1–30 分钟内应答（000） Any request answered within 1–30 min';
/** The seeded service-class policies (003), by class. */
export const SERVICE_CLASS_POLICY_NAMES: Record<ServiceClass, string> = {
  general_fault: '一般性故障（003） General fault (003)',
  catastrophic_fault: '灾难性故障（003） Catastrophic fault (003)',
  routine_maintenance: '日常维护（003） Routine maintenance (003)',
  upgrade_patch: '升级、打补丁（003） Upgrade/patch (003)',
};
/** Seeded tier policies rank below any policy the vendor adds for the same tier (default priority 0). */
export const TIER_POLICY_PRIORITY = -10;

/** Defaults from DOMAIN.md §3 (domain/sla/default-policies.ts): 10/30/60-minute response on 7×24, 4 h written reply, 24 h solution, on site 2/24/48 h. */
export function defaultPolicyTargets(allDayId: string, workingHoursId: string): PolicyTargets {
  return builtinDefaultTargets({ allDayId, workingHoursId });
}

/** Seeds the built-in calendars and the default policy; safe to run on every start. */
export async function ensureBuiltinSla(tx: Tx, at: Date): Promise<void> {
  const { allDayId, workingHoursId } = await ensureBuiltinCalendars(tx, at);
  await insertPolicy(tx, {
    name: DEFAULT_POLICY_NAME,
    priority: 0,
    targets: defaultPolicyTargets(allDayId, workingHoursId),
    pausedMetrics: ['reply', 'solution', 'resolution'],
    warnPercent: 80,
    escalationLadder: DEFAULT_ESCALATION_LADDER,
    isBuiltin: true,
    createdAt: at,
    updatedAt: at,
  });
  // One policy per built-in tier, following the tier's service window (and Diamond's priority); a lower
  // priority than anything the vendor adds, so a policy added for the same tier wins. Changeable, not locked.
  const ids = { allDayId, workingHoursId };
  for (const tier of await selectBuiltinTiers(tx)) {
    await insertPolicy(tx, {
      name: `${tier.nameZh}服务窗口 ${tier.nameEn} window`,
      priority: TIER_POLICY_PRIORITY,
      tier: tier.code,
      targets: tierPolicyTargets(ids, tier),
      pausedMetrics: ['reply', 'solution', 'resolution'],
      warnPercent: 80,
      escalationLadder: DEFAULT_ESCALATION_LADDER,
      createdAt: at,
      updatedAt: at,
    });
  }
  // 003's service classes with a promise of their own (general and catastrophic fault), ranked like the
  // tier policies: below anything the vendor adds for the same class.
  for (const serviceClass of SERVICE_CLASSES) {
    const targets = serviceClassPolicyTargets(ids, serviceClass);
    if (!targets) continue;
    await insertPolicy(tx, {
      name: SERVICE_CLASS_POLICY_NAMES[serviceClass],
      priority: TIER_POLICY_PRIORITY,
      serviceClass,
      targets,
      pausedMetrics: ['reply', 'solution', 'resolution'],
      warnPercent: 80,
      escalationLadder: DEFAULT_ESCALATION_LADDER,
      createdAt: at,
      updatedAt: at,
    });
  }
  // 000's "any request answered within 1–30 minutes", offered switched off.
  await insertPolicy(tx, {
    name: ALTERNATIVE_POLICY_NAME,
    priority: 1,
    isActive: false,
    targets: answerWithin30MinutesTargets(ids),
    pausedMetrics: ['reply', 'solution', 'resolution'],
    warnPercent: 80,
    escalationLadder: DEFAULT_ESCALATION_LADDER,
    createdAt: at,
    updatedAt: at,
  });
  await stopClocksOfFinishedRequests(tx, at);
}

// ——— policies ———

async function assertCalendarsExist(tx: Tx, targets: PolicyTargets) {
  const ids = new Set(Object.values(targets).flatMap((s) => Object.values(s).map((r) => r.calendarId)));
  for (const id of ids)
    if (!(await findCalendar(tx, id)))
      throw new AppError('validation_failed', `calendar ${id} does not exist`, { targets: 'unknown calendar' });
}

export async function listPolicies({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'sla.read');
  return { items: await selectPolicies(deps.db) };
}

export async function createPolicy({ deps, actor, input }: { deps: Deps; actor: Actor; input: CreatePolicyInput }) {
  authorize(actor, 'sla.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await assertCalendarsExist(tx, input.targets);
    const row = await insertPolicy(tx, { ...input, createdAt: now, updatedAt: now });
    if (!row) throw new AppError('conflict', `policy "${input.name}" already exists`, { name: 'taken' });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'sla_policy.create',
      entityType: 'sla_policy',
      entityId: row.id,
      after: row,
      at: now,
    });
    return row;
  });
}

export async function updatePolicy({
  deps,
  actor,
  policyId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  policyId: string;
  input: UpdatePolicyInput;
}) {
  authorize(actor, 'sla.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findPolicy(tx, policyId);
    if (!before) throw notFound('policy');
    if (input.targets) await assertCalendarsExist(tx, input.targets);
    if (before.isBuiltin && input.isActive === false)
      throw new AppError('validation_failed', 'the default policy cannot be switched off', { isActive: 'builtin' });
    const row = await updatePolicyRow(tx, policyId, { ...input, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'sla_policy.update',
      entityType: 'sla_policy',
      entityId: policyId,
      before,
      after: row,
      at: now,
    });
    return row;
  });
}

// ——— clocks ———

function clockOf(row: TargetRow): TargetClock {
  return { targetMs: row.targetMs, elapsedMs: row.elapsedMs, runningSince: row.runningSince };
}

function calendarOf(calendars: Calendars, id: string): CompiledCalendar {
  const cal = calendars.get(id);
  if (!cal) throw new Error(`calendar ${id} vanished`);
  return cal;
}

/** The columns a clock decides: where it stands, when it is due, when to warn. */
function clockColumns(clock: TargetClock, cal: CompiledCalendar, warnPercent: number) {
  return {
    targetMs: clock.targetMs,
    elapsedMs: clock.elapsedMs,
    runningSince: clock.runningSince,
    dueAt: dueAt(clock, cal),
    warnAt: warnAt(clock, cal, warnPercent / 100),
  };
}

type SlaContext = { tx: Tx; ticket: TicketRow; now: Date };

async function loadContext(tx: Tx, ticket: TicketRow) {
  const [calendars, policy, targets] = await Promise.all([
    loadCompiledCalendars(tx),
    ticket.slaPolicyId ? findPolicy(tx, ticket.slaPolicyId) : Promise.resolve(undefined),
    selectTargetsForUpdate(tx, ticket.id),
  ]);
  return { calendars, policy, targets };
}

function newTarget(
  policy: PolicyRow,
  calendars: Calendars,
  ticket: TicketRow,
  metric: SlaMetric,
  distance: DistanceClass,
  now: Date,
  minutes?: number,
) {
  const rule = targetRule(policy.targets, ticket.severity, metric, distance);
  const clock: TargetClock = { targetMs: (minutes ?? rule.minutes) * MINUTE_MS, elapsedMs: 0, runningSince: now };
  return {
    ticketId: ticket.id,
    metric,
    policyId: policy.id,
    calendarId: rule.calendarId,
    state: 'running' as const,
    startedAt: now,
    createdAt: now,
    ...clockColumns(clock, calendarOf(calendars, rule.calendarId), policy.warnPercent),
  };
}

/**
 * The policy a request falls under (null: none applies). The tier is that of the service contract in
 * force when the request came in, so a later renewal on another tier does not move old requests' clocks.
 */
export async function choosePolicyId(
  tx: Tx,
  ticket: { customerId: string; contentCategory: string | null; serviceClass?: string | null },
  { receivedAt, timeZone }: { receivedAt: Date; timeZone: string },
): Promise<string | null> {
  const owed = entitlement({ at: receivedAt, timeZone, facts: await loadArchiveFacts(tx, ticket.customerId) });
  const tier = owed.basis === 'service_contract' ? (owed.tier?.code ?? null) : null;
  const policy = await matchPolicy(tx, {
    customerId: ticket.customerId,
    contentCategory: ticket.contentCategory,
    tier,
    serviceClass: ticket.serviceClass ?? null,
  });
  return policy?.id ?? null;
}

/**
 * Whether a request coming in now has priority on major issues (002: Diamond): the tier of the service
 * contract in force when it came in has it. The queue's default order reads it (tickets.major_priority).
 */
export async function hasMajorPriority(
  tx: Tx,
  customerId: string,
  { receivedAt, timeZone }: { receivedAt: Date; timeZone: string },
): Promise<boolean> {
  const owed = entitlement({ at: receivedAt, timeZone, facts: await loadArchiveFacts(tx, customerId) });
  const code = owed.basis === 'service_contract' ? (owed.tier?.code ?? null) : null;
  return code ? tierHasPriority(tx, code) : false;
}

/** Starts a new request's intake clocks under its policy. */
export async function startTicketSla({ tx, ticket, now, distance }: SlaContext & { distance: DistanceClass }): Promise<void> {
  const policy = ticket.slaPolicyId ? await findPolicy(tx, ticket.slaPolicyId) : undefined;
  if (!policy) return;
  const calendars = await loadCompiledCalendars(tx);
  await insertTargets(
    tx,
    INTAKE_METRICS.map((metric) => newTarget(policy, calendars, ticket, metric, distance, now)),
  );
}

/** The on-site target under the policy: distance rules by province/city, or 12/36 h after the written confirmation. */
async function onSiteMinutesFor(tx: Tx, policy: PolicyRow, ticket: TicketRow, distance: DistanceClass, start: OnSiteStart) {
  const place = await findCustomerPlace(tx, ticket.customerId);
  return onSiteMinutes({
    start,
    severity: ticket.severity,
    place: { province: place?.province ?? null, city: place?.city ?? null, distanceClass: distance },
    rules: policy.onSiteRules,
    minutesByDistance: policy.targets[ticket.severity].on_site.minutes,
  });
}

/**
 * The customer confirmed the proposed solution in writing (002 四(二)). Under a policy whose on-site clock
 * starts then, it starts now (urgent 12 h, otherwise 36 h); returns whether it did. The caller holds the
 * request's row lock.
 */
export async function startOnSiteClockOnConfirmation({ tx, ticket, now }: SlaContext): Promise<boolean> {
  if (!ticket.slaPolicyId) return false;
  const { calendars, policy, targets } = await loadContext(tx, ticket);
  if (policy?.onSiteStart !== 'written_confirmation') return false;
  if (!shouldStartOnSiteClock({ status: ticket.status, hasOnSiteClock: targets.some((t) => t.metric === 'on_site') })) return false;
  const place = await findCustomerPlace(tx, ticket.customerId);
  const distance = place?.distanceClass ?? 'same_province';
  const minutes = await onSiteMinutesFor(tx, policy, ticket, distance, 'written_confirmation');
  await insertTargets(tx, [newTarget(policy, calendars, ticket, 'on_site', distance, now, minutes)]);
  return true;
}

/** What happened to the request, as far as its clocks are concerned. */
export type SlaEvent = ClockEvent | { kind: 'retarget'; distance: DistanceClass } | { kind: 'field_dispatched'; distance: DistanceClass };

function snapshotOf(row: TargetRow): ClockSnapshot {
  return {
    metric: row.metric,
    state: row.state,
    clock: clockOf(row),
    metAt: row.metAt,
    stoppedAt: row.stoppedAt,
    breachedAt: row.breachedAt,
  };
}

/**
 * Applies one event to the request's clocks, inside the caller's transaction. The caller holds the
 * request's row lock (the one lock order: request, then its clocks). What to do with each clock is
 * decided by the pure `domain/sla/clock-decisions.ts`; this writes it down.
 */
export async function applySlaEvent({ tx, ticket, now, event }: SlaContext & { event: SlaEvent }): Promise<void> {
  if (!ticket.slaPolicyId) return;
  const { calendars, policy, targets } = await loadContext(tx, ticket);
  if (!policy) return;
  const warnPercent = policy.warnPercent;

  switch (event.kind) {
    case 'field_dispatched': {
      if (policy.onSiteStart !== 'dispatch') return;
      if (!shouldStartOnSiteClock({ status: ticket.status, hasOnSiteClock: targets.some((t) => t.metric === 'on_site') })) return;
      const minutes = await onSiteMinutesFor(tx, policy, ticket, event.distance, 'dispatch');
      await insertTargets(tx, [newTarget(policy, calendars, ticket, 'on_site', event.distance, now, minutes)]);
      return;
    }
    case 'retarget': {
      for (const t of targets.filter(isOwed)) {
        const rule = targetRule(policy.targets, ticket.severity, t.metric, event.distance);
        // The on-site clock owes what it would owe if it started now: the policy's start option (12/36 h at a
        // written confirmation) and its distance rules by province or city, not only the customer's class.
        const minutes =
          t.metric === 'on_site' ? await onSiteMinutesFor(tx, policy, ticket, event.distance, policy.onSiteStart) : rule.minutes;
        // Business time already run is measured on the old calendar; the new target runs on the new one.
        const elapsedMs = elapsedAt(clockOf(t), calendarOf(calendars, t.calendarId), now);
        const clock: TargetClock = { targetMs: minutes * MINUTE_MS, elapsedMs, runningSince: t.runningSince ? now : null };
        const isOverdue = elapsedMs >= clock.targetMs;
        const columns = clockColumns(clock, calendarOf(calendars, rule.calendarId), warnPercent);
        await updateTarget(tx, t.id, {
          ...columns,
          policyId: policy.id,
          calendarId: rule.calendarId,
          // A longer target can lift a breach; the warning is owed again if its instant is still ahead.
          state: t.state === 'breached' && !isOverdue ? (t.runningSince ? 'running' : 'paused') : t.state,
          breachedAt: t.state === 'breached' && !isOverdue ? null : t.breachedAt,
          warnedAt: columns.warnAt && columns.warnAt > now ? null : t.warnedAt,
        });
      }
      return;
    }
    default:
      return applyClockEvent({ tx, ticket, now, event, targets, calendars, policy });
  }
}

async function applyClockEvent({
  tx,
  ticket,
  now,
  event,
  targets,
  calendars,
  policy,
}: SlaContext & { event: ClockEvent; targets: TargetRow[]; calendars: Calendars; policy: PolicyRow }) {
  const decisions = decideClockActions({ clocks: targets.map(snapshotOf), event, pausedMetrics: policy.pausedMetrics });
  const after = new Map(targets.map((t) => [t.metric, snapshotOf(t)]));
  for (const decision of decisions) {
    const row = targets.find((t) => t.metric === decision.metric);
    if (!row) continue;
    const cal = calendarOf(calendars, row.calendarId);
    const next = applyClockAction(snapshotOf(row), decision, cal, now);
    after.set(row.metric, next);
    if (decision.action === 'pause') await insertPause(tx, row.id, now, 'waiting_on_customer');
    else await closePauses(tx, row.id, now);
    const isTicking = next.clock.runningSince !== null;
    await updateTarget(tx, row.id, {
      elapsedMs: next.clock.elapsedMs,
      runningSince: next.clock.runningSince,
      state: next.state,
      metAt: next.metAt,
      stoppedAt: next.stoppedAt,
      // A kept or stopped clock keeps the due instant it had (the card shows it); a paused one has none.
      ...(isTicking || decision.action === 'pause' ? { dueAt: dueAt(next.clock, cal) } : {}),
      warnAt: isTicking ? warnAt(next.clock, cal, policy.warnPercent / 100) : null,
    });
  }
  // The ladder: a finished request climbs no further; a reopened one that still owes a breached promise
  // resumes climbing from now.
  if (event.kind !== 'status_changed') return;
  if (isFinishedStatus(event.to)) {
    await setEscalationDue(tx, ticket.id, null);
    return;
  }
  if (decisions.some((d) => d.action === 'reopen')) {
    const owedBreach = [...after.values()].some((c) => isOwed(c) && c.state === 'breached');
    const resolution = targets.find((t) => t.metric === 'resolution');
    if (!owedBreach || !resolution) return;
    const due = nextRungDueAt({
      ladder: policy.escalationLadder,
      level: ticket.escalationLevel,
      from: now,
      now,
      calendar: calendarOf(calendars, resolution.calendarId),
    });
    await setEscalationDue(tx, ticket.id, due);
  }
}

/**
 * Stops the clocks that versions before migration 0010 left running on finished requests (an on-site
 * arrival after a remote fix kept running, breaching and escalating for ever). Each stops at the instant
 * its request was resolved or closed, measured on its own calendar; a "breach" that came after that is no
 * breach at all. Runs at start-up; finds nothing once done.
 */
export async function stopClocksOfFinishedRequests(tx: Tx, now: Date): Promise<number> {
  const rows = await selectOwedTargetsOfFinishedTickets(tx);
  if (rows.length === 0) return 0;
  const calendars = await loadCompiledCalendars(tx);
  for (const { target, status, resolvedAt, closedAt } of rows) {
    const stopAt = (status === 'cancelled' || status === 'closed' ? (closedAt ?? resolvedAt) : resolvedAt) ?? closedAt ?? now;
    const realStop = target.runningSince && stopAt < target.runningSince ? target.runningSince : stopAt;
    const wasBreached = target.breachedAt !== null && target.breachedAt <= realStop;
    const snapshot = {
      ...snapshotOf(target),
      state: wasBreached ? target.state : ('running' as const),
      breachedAt: wasBreached ? target.breachedAt : null,
    };
    const next = applyClockAction(
      snapshot,
      { action: 'stop', reason: status === 'cancelled' ? 'cancelled' : 'not_needed' },
      calendarOf(calendars, target.calendarId),
      realStop,
    );
    await closePauses(tx, target.id, realStop);
    await updateTarget(tx, target.id, {
      elapsedMs: next.clock.elapsedMs,
      runningSince: null,
      warnAt: null,
      state: wasBreached ? 'breached' : next.state,
      breachedAt: next.breachedAt,
      stoppedAt: realStop,
    });
  }
  await clearEscalationOfFinishedTickets(tx);
  return rows.length;
}

// ——— reading ———

export function toTargetView(t: TargetRow, cal: CompiledCalendar, now: Date, warnPercent: number): SlaTargetViewDto {
  const clock = clockOf(t);
  const businessMsLeft = isOwed(t) ? remainingAt(clock, cal, now) : clock.targetMs - clock.elapsedMs;
  return {
    metric: t.metric,
    state: t.state,
    targetMinutes: t.targetMs / MINUTE_MS,
    dueAt: t.dueAt,
    businessMsLeft,
    metAt: t.metAt,
    breachedAt: t.breachedAt,
    stoppedAt: t.stoppedAt,
    warnPercent,
    calendarId: t.calendarId,
  };
}

const METRIC_ORDER: SlaMetric[] = ['first_response', 'reply', 'solution', 'on_site', 'resolution'];
const DEFAULT_WARN_PERCENT = 80;

/** Each request's clocks as the API shows them, for a page of requests in one query. */
export async function slaViewsFor(tx: Tx, ticketIds: string[], now: Date): Promise<Map<string, SlaTargetViewDto[]>> {
  const result = new Map<string, SlaTargetViewDto[]>(ticketIds.map((id) => [id, []]));
  const rows = await selectTargetsOf(tx, ticketIds);
  if (rows.length === 0) return result;
  const [calendars, warnPercents] = await Promise.all([
    loadCompiledCalendars(tx),
    selectWarnPercents(tx, [...new Set(rows.map((r) => r.policyId))]),
  ]);
  for (const t of rows.sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric))) {
    const warnPercent = warnPercents.get(t.policyId) ?? DEFAULT_WARN_PERCENT;
    result.get(t.ticketId)?.push(toTargetView(t, calendarOf(calendars, t.calendarId), now, warnPercent));
  }
  return result;
}

/** Requests closest to breaking a promise, soonest first (already breached and unmet at the top). */
export async function listAtRisk({ deps, actor, limit }: { deps: Deps; actor: Actor; limit: number }) {
  authorize(actor, 'sla.read');
  const now = deps.clock();
  const rows = await selectAtRiskTargets(deps.db, limit, customerScope(actor));
  const [calendars, warnPercents] = await Promise.all([
    loadCompiledCalendars(deps.db),
    selectWarnPercents(deps.db, [...new Set(rows.map((r) => r.target.policyId))]),
  ]);
  return rows.map((r) => ({
    ticketId: r.target.ticketId,
    target: toTargetView(
      r.target,
      calendarOf(calendars, r.target.calendarId),
      now,
      warnPercents.get(r.target.policyId) ?? DEFAULT_WARN_PERCENT,
    ),
  }));
}
