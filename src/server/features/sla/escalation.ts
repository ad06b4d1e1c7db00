import type { CompiledCalendar } from '../../../domain/calendar/index.ts';
import { decideTimer, isFinishedStatus, isOwed } from '../../../domain/sla/clock-decisions.ts';
import { decideLadder, nextRungDueAt } from '../../../domain/sla/ladder.ts';
import { ESCALATION_LEVELS } from '../../../domain/sla.ts';
import type { Severity } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { LiveEvent } from '../../lib/live-bus.ts';
import { loadCompiledCalendars } from '../calendars/calendar-cache.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import {
  findPolicy,
  insertSlaTimelineEvent,
  lockTicketsWithDueTimers,
  type PolicyRow,
  selectManagers,
  selectTargetsForUpdate,
  type TargetRow,
  type TickTicket,
  updateTarget,
  updateTicketEscalation,
} from './sla.repo.ts';

/** A critical fault alerts the service managers at once (DOMAIN.md §8: the manager activates the plan). */
export async function alertManagersOfCriticalRequest({
  tx,
  deps,
  ticket,
  now,
}: {
  tx: Tx;
  deps: Deps;
  ticket: { id: string; severity: Severity };
  now: Date;
}) {
  const managers = await selectManagers(tx, null);
  await insertSlaTimelineEvent(tx, { ticketId: ticket.id, type: 'manager_alerted', data: { userCount: managers.length }, at: now });
  return notifyUsers(tx, deps, {
    userIds: managers,
    ticketId: ticket.id,
    kind: 'critical_request',
    data: { severity: ticket.severity },
    at: now,
  });
}

export type TickResult = { warned: number; breached: number; escalated: number; live: LiveEvent[] };

/**
 * One pass of the SLA scheduler. Each request with a timer due — a clock's warning or due instant, or
 * the next rung of its policy's escalation ladder — is locked (request row first, then its clocks: the
 * order the ticket services use, so the two never deadlock) and acted on in one transaction, so several
 * processes can tick together and each warning, breach and climb happens exactly once. After downtime
 * each missed warning or breach is recorded once, dated when it was due; a warning whose breach is also
 * past is not sent; the ladder climbs at most one rung per request per tick.
 */
export async function runSlaTick({ deps, batchSize = 100 }: { deps: Deps; batchSize?: number }): Promise<TickResult> {
  const result: TickResult = { warned: 0, breached: 0, escalated: 0, live: [] };
  const seen = new Set<string>();
  for (;;) {
    const now = deps.clock();
    const claimed = await deps.db.transaction(async (tx) => {
      const rows = (await lockTicketsWithDueTimers(tx, now, batchSize)).filter((t) => !seen.has(t.id));
      if (rows.length === 0) return 0;
      const calendars = await loadCompiledCalendars(tx);
      for (const ticket of rows) {
        seen.add(ticket.id);
        await tickTicket({ tx, deps, ticket, calendars, now, result });
      }
      return rows.length;
    });
    if (claimed === 0) break;
  }
  for (const event of result.live) deps.live.publish(event);
  return result;
}

type TickInput = { tx: Tx; deps: Deps; ticket: TickTicket; calendars: Map<string, CompiledCalendar>; now: Date; result: TickResult };

async function tickTicket({ tx, deps, ticket, calendars, now, result }: TickInput) {
  const targets = await selectTargetsForUpdate(tx, ticket.id);
  const policy = ticket.slaPolicyId ? await findPolicy(tx, ticket.slaPolicyId) : undefined;
  let changed = false;
  let firstBreachAt: Date | null = null;
  for (const target of targets) {
    const decision = decideTimer(target, now);
    if (decision?.fire === 'warning') await fireWarning({ tx, deps, ticket, target, at: decision.at, now, result });
    if (decision?.fire === 'breach') {
      await fireBreach({ tx, deps, ticket, target, at: decision.at, now, result });
      if (!firstBreachAt || decision.at < firstBreachAt) firstBreachAt = decision.at;
    }
    changed ||= decision !== null;
  }
  if (policy) {
    const ladderChanged = await stepLadder({ tx, deps, ticket, targets, policy, calendars, firstBreachAt, now, result });
    changed ||= ladderChanged;
  }
  if (changed) result.live.push(ticketChanged(ticket));
}

type FireInput = { tx: Tx; deps: Deps; ticket: TickTicket; target: TargetRow; at: Date; now: Date; result: TickResult };

/** `recordedAt` says when a late event (missed while the server was down) was actually recorded. */
function lateness(at: Date, now: Date) {
  return now.getTime() - at.getTime() > 60_000 ? { recordedAt: now.toISOString() } : {};
}

async function fireWarning({ tx, deps, ticket, target, at, now, result }: FireInput) {
  await updateTarget(tx, target.id, { warnedAt: at });
  const data = { metric: target.metric, dueAt: target.dueAt?.toISOString() ?? null };
  await insertSlaTimelineEvent(tx, { ticketId: ticket.id, type: 'sla_warning', data: { ...data, ...lateness(at, now) }, at });
  const recipients = ticket.assigneeId ? [ticket.assigneeId] : await selectManagers(tx, ticket.team);
  result.live.push(...(await notifyUsers(tx, deps, { userIds: recipients, ticketId: ticket.id, kind: 'sla_warning', data, at: now })));
  result.warned++;
}

/** At breach: mark it (dated when it was due) and tell the team lead and the assignee. The ladder climbs on its own schedule. */
async function fireBreach({ tx, deps, ticket, target, at, now, result }: FireInput) {
  // A warning never sent because the breach came first stays unsent: warnedAt is left as it was.
  await updateTarget(tx, target.id, { state: 'breached', breachedAt: at });
  const data = { metric: target.metric, dueAt: at.toISOString() };
  await insertSlaTimelineEvent(tx, { ticketId: ticket.id, type: 'sla_breached', data: { ...data, ...lateness(at, now) }, at });
  const leads = await selectManagers(tx, ticket.team);
  const recipients = [...leads, ...(ticket.assigneeId ? [ticket.assigneeId] : [])];
  result.live.push(...(await notifyUsers(tx, deps, { userIds: recipients, ticketId: ticket.id, kind: 'sla_breached', data, at: now })));
  result.breached++;
}

/** The calendar the ladder's business hours run on: the resolution clock's, else any of the request's clocks. */
function ladderCalendar(targets: TargetRow[], calendars: Map<string, CompiledCalendar>): CompiledCalendar | undefined {
  const target = targets.find((t) => t.metric === 'resolution') ?? targets[0];
  return target ? calendars.get(target.calendarId) : undefined;
}

/**
 * The escalation ladder: a first breach schedules the next rung (the senior engineer at once by default);
 * a due rung climbs one step and schedules the one after. Nothing climbs once nothing is owed any more.
 */
async function stepLadder({
  tx,
  deps,
  ticket,
  targets,
  policy,
  calendars,
  firstBreachAt,
  now,
  result,
}: Omit<TickInput, 'ticket'> & { ticket: TickTicket; targets: TargetRow[]; policy: PolicyRow; firstBreachAt: Date | null }) {
  const calendar = ladderCalendar(targets, calendars);
  if (!calendar) {
    if (ticket.escalationDueAt) await updateTicketEscalation(tx, ticket.id, { escalationDueAt: null });
    return false;
  }
  const ladder = policy.escalationLadder;
  let dueAt = ticket.escalationDueAt;
  if (dueAt === null && firstBreachAt) {
    dueAt = nextRungDueAt({ ladder, level: ticket.escalationLevel, from: firstBreachAt, now, calendar });
    if (dueAt === null) return false;
  }
  // Climbing is for a request still unresolved: finished requests (and ones that owe nothing) drop their schedule.
  const isOwing = !isFinishedStatus(ticket.status) && targets.some(isOwed);
  const decision = isOwing ? decideLadder({ ladder, level: ticket.escalationLevel, dueAt, now, calendar }) : null;
  if (!decision) {
    const keep = isOwing ? dueAt : null;
    if (keep?.getTime() !== ticket.escalationDueAt?.getTime()) await updateTicketEscalation(tx, ticket.id, { escalationDueAt: keep });
    return false;
  }
  const level = decision.climbTo;
  const levelName = ESCALATION_LEVELS[level];
  await updateTicketEscalation(tx, ticket.id, {
    escalationLevel: level,
    escalationDueAt: decision.nextDueAt,
    ...(levelName === 'rnd' ? { team: 'rnd' as const } : {}),
    updatedAt: now,
  });
  const reason = targets.find((t) => t.state === 'breached')?.metric ?? null;
  await insertSlaTimelineEvent(tx, {
    ticketId: ticket.id,
    type: 'escalated',
    data: { level, levelName, reason, dueAt: decision.dueAt.toISOString(), ...lateness(decision.dueAt, now) },
    at: now,
  });
  const leads = await selectManagers(tx, levelName === 'rnd' ? 'rnd' : ticket.team);
  result.live.push(
    ...(await notifyUsers(tx, deps, { userIds: leads, ticketId: ticket.id, kind: 'escalated', data: { level, levelName }, at: now })),
  );
  result.escalated++;
  return true;
}

function ticketChanged(ticket: TickTicket): LiveEvent {
  return { type: 'ticket.updated', ticketId: ticket.id, number: ticket.number, customerId: ticket.customerId, actorId: null };
}
