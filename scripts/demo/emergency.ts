// A little of the emergency plan (应急预案) for the demo: the first hospital's plan with both teams, and a
// major incident on one of its open critical requests that failed 20 minutes ago (the 15-minute stage has fired).
import { and, eq, inArray } from 'drizzle-orm';
import { templatePlanContent } from '../../src/domain/emergency/template.ts';
import { OPEN_STATUSES } from '../../src/domain/vocabulary.ts';
import { tickets, users } from '../../src/server/db/schema.ts';
import type { Deps } from '../../src/server/deps.ts';
import { createPlan, declareIncident, savePlan } from '../../src/server/features/emergency/emergency.service.ts';
import type { Actor } from '../../src/server/policy.ts';

export async function createEmergencyDemo({
  deps,
  manager,
  engineer,
  customerId,
}: {
  deps: Deps;
  manager: Actor;
  engineer: Actor;
  customerId: string;
}) {
  // Designations (001 2.2): a new plan's vendor team is filled from them.
  await deps.db.update(users).set({ designation: 'service_department_manager' }).where(eq(users.id, manager.id));
  await deps.db.update(users).set({ designation: 'technical_backbone' }).where(eq(users.id, engineer.id));
  await createPlan({ deps, actor: manager, customerId });
  const content = {
    ...templatePlanContent(),
    vendorTeam: [
      { userId: manager.id, designation: 'deputy' as const, phone: '13800000001' },
      { userId: engineer.id, designation: 'member' as const, phone: '13800000002' },
    ],
    hospitalTeam: [
      { name: '赵副院长', role: 'deputy' as const, title: '分管信息副院长', phone: '13900000009' },
      { name: '信息科值班', role: 'member' as const, title: '信息科', phone: '0371-66668888' },
    ],
  };
  await savePlan({ deps, actor: manager, customerId, input: { content, reason: '确定双方应急小组名单' } });
  const [ticket] = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.customerId, customerId), eq(tickets.severity, 'critical'), inArray(tickets.status, [...OPEN_STATUSES])))
    .limit(1);
  if (!ticket) return 0;
  const failedAt = new Date(deps.clock().getTime() - 20 * 60_000);
  await declareIncident({
    deps,
    actor: manager,
    input: {
      ticketId: ticket.id,
      trigger: 3,
      failedAt,
      drill: false,
      alertHospital: false,
      scope: '全院',
      impact: '门诊挂号、收费、药房无法使用',
    },
  });
  return 1;
}
