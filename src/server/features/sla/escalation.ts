import { ESCALATION_LEVELS, nextEscalationLevel } from '../../../domain/sla.ts';
import type { Tx } from '../../db/client.ts';
import type { tickets } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { LiveEvent } from '../../lib/live-bus.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { findTicketRow, insertEvent, updateTicketRow } from '../tickets/tickets.repo.ts';
import { claimDueTargets, selectManagers, updateTarget } from './sla.repo.ts';

type TicketRow = Omit<typeof tickets.$inferSelect, 'searchVector'>;

/** A critical fault alerts the service managers at once (DOMAIN.md §8: the manager activates the plan). */
export async function alertManagersOfCriticalRequest({ tx, deps, ticket, now }: { tx: Tx; deps: Deps; ticket: TicketRow; now: Date }) {
  const managers = await selectManagers(tx, null);
  await insertEvent(tx, {
    ticketId: ticket.id,
    actorId: null,
    type: 'manager_alerted',
    isInternal: true,
    data: { userCount: managers.length },
    createdAt: now,
  });
  return notifyUsers(tx, deps, {
    userIds: managers,
    ticketId: ticket.id,
    kind: 'critical_request',
    data: { severity: ticket.severity },
    at: now,
  });
}

export type TickResult = { warned: number; breached: number; live: LiveEvent[] };

/**
 * One pass of the SLA scheduler: every running clock whose warning or due instant has come fires
 * once. Firing and recording happen in one transaction with the clock's row locked (SKIP LOCKED), so
 * several processes can tick together and each warning or breach is acted on exactly once; a clock
 * missed while the server was down simply fires on the first tick after start.
 */
export async function runSlaTick({ deps, batchSize = 100 }: { deps: Deps; batchSize?: number }): Promise<TickResult> {
  const result: TickResult = { warned: 0, breached: 0, live: [] };
  for (;;) {
    const now = deps.clock();
    const claimed = await deps.db.transaction(async (tx) => {
      const rows = await claimDueTargets(tx, now, batchSize);
      for (const { target, ticket } of rows) {
        if (target.dueAt && target.dueAt <= now) await fireBreach({ tx, deps, target, ticket, now, result });
        else await fireWarning({ tx, deps, target, ticket, now, result });
      }
      return rows.length;
    });
    if (claimed < batchSize) break;
  }
  for (const event of result.live) deps.live.publish(event);
  return result;
}

type FireInput = {
  tx: Tx;
  deps: Deps;
  target: Awaited<ReturnType<typeof claimDueTargets>>[number]['target'];
  ticket: TicketRow;
  now: Date;
  result: TickResult;
};

async function fireWarning({ tx, deps, target, ticket, now, result }: FireInput) {
  await updateTarget(tx, target.id, { warnedAt: now });
  const data = { metric: target.metric, dueAt: target.dueAt?.toISOString() ?? null };
  await insertEvent(tx, { ticketId: ticket.id, actorId: null, type: 'sla_warning', isInternal: true, data, createdAt: now });
  const recipients = ticket.assigneeId ? [ticket.assigneeId] : await selectManagers(tx, ticket.team);
  result.live.push(...(await notifyUsers(tx, deps, { userIds: recipients, ticketId: ticket.id, kind: 'sla_warning', data, at: now })));
  result.live.push(ticketChanged(ticket));
  result.warned++;
}

/** At breach: mark it, tell the team lead, and climb one rung (engineer → senior → product manager → R&D). */
async function fireBreach({ tx, deps, target, ticket: claimed, now, result }: FireInput) {
  // Several clocks of one request can fire in one batch: climb from where the last one left it.
  const ticket = (await findTicketRow(tx, claimed.id)) ?? claimed;
  const breachedAt = target.dueAt ?? now;
  await updateTarget(tx, target.id, { state: 'breached', breachedAt, warnedAt: target.warnedAt ?? now });
  const data = { metric: target.metric, dueAt: breachedAt.toISOString() };
  await insertEvent(tx, { ticketId: ticket.id, actorId: null, type: 'sla_breached', isInternal: true, data, createdAt: now });

  const level = nextEscalationLevel(ticket.escalationLevel);
  const levelName = ESCALATION_LEVELS[level];
  const isClimbing = level > ticket.escalationLevel;
  if (isClimbing) {
    await updateTicketRow(tx, ticket.id, {
      escalationLevel: level,
      ...(levelName === 'rnd' ? { team: 'rnd' as const } : {}),
      updatedAt: now,
    });
    await insertEvent(tx, {
      ticketId: ticket.id,
      actorId: null,
      type: 'escalated',
      isInternal: true,
      data: { level, levelName, reason: target.metric },
      createdAt: now,
    });
  }
  const leads = await selectManagers(tx, ticket.team);
  const recipients = [...leads, ...(ticket.assigneeId ? [ticket.assigneeId] : [])];
  result.live.push(...(await notifyUsers(tx, deps, { userIds: recipients, ticketId: ticket.id, kind: 'sla_breached', data, at: now })));
  if (isClimbing) {
    result.live.push(
      ...(await notifyUsers(tx, deps, { userIds: leads, ticketId: ticket.id, kind: 'escalated', data: { level, levelName }, at: now })),
    );
  }
  result.live.push(ticketChanged(ticket));
  result.breached++;
}

function ticketChanged(ticket: TicketRow): LiveEvent {
  return { type: 'ticket.updated', ticketId: ticket.id, number: ticket.number, customerId: ticket.customerId, actorId: null };
}
