// Audit actions as a typed protocol: every action a service records, with the kind of entity it is
// about. `insertAudit()` takes only these (the entry is a discriminated union on `action`), so the
// audit log's vocabulary is one list that reviews and the audit page can rely on. A new action is
// added here.
export const AUDIT_ENTITY = {
  'auth.login': 'user',
  'auth.login_failed': 'user',
  'token.create': 'api_token',
  'token.revoke': 'api_token',
  'user.create': 'user',
  'user.update': 'user',
  'user.update_profile': 'user',
  'user.bootstrap_admin': 'user',
  'user.change_password': 'user',
  'customer.create': 'customer',
  'customer.update': 'customer',
  'customer.update_profile': 'customer',
  'contact.create': 'contact',
  'import.commit': 'import',
  'attachment.create': 'attachment',
  'ticket.create': 'ticket',
  'ticket.update': 'ticket',
  'ticket.transition': 'ticket',
  'ticket.reply': 'ticket',
  'ticket.note': 'ticket',
  'ticket.phone_call': 'ticket',
  'ticket.solution_proposed': 'ticket',
  'ticket.arrival': 'ticket',
  'tier.create': 'service_tier',
  'tier.update': 'service_tier',
  'system_contract.create': 'system_contract',
  'system_contract.update': 'system_contract',
  'system_contract.delete': 'system_contract',
  'service_contract.create': 'service_contract',
  'service_contract.update': 'service_contract',
  'service_contract.delete': 'service_contract',
  'module.create': 'module',
  'module.update': 'module',
  'module.delete': 'module',
  'configuration_item.create': 'configuration_item',
  'configuration_item.update': 'configuration_item',
  'configuration_item.delete': 'configuration_item',
  'project.update': 'project',
  'handover.update': 'handover',
  'document.create': 'document',
  'sla_policy.create': 'sla_policy',
  'sla_policy.update': 'sla_policy',
  'calendar.create': 'calendar',
  'calendar.update': 'calendar',
  'visit.create': 'visit',
  'quote.create': 'quote',
  'quote.send': 'quote',
  'quote.sign': 'quote',
  'quote.cancel': 'quote',
  'work_order.create': 'work_order',
  'work_order.update': 'work_order',
  'work_order.check_in': 'work_order',
  'work_order.check_out': 'work_order',
  'work_order.sign_off': 'work_order',
  'work_order.cancel': 'work_order',
} as const;
export type AuditAction = keyof typeof AUDIT_ENTITY;
export type AuditEntityType = (typeof AUDIT_ENTITY)[AuditAction];
export const AUDIT_ACTIONS = Object.keys(AUDIT_ENTITY) as AuditAction[];

/** What an entry says, as a discriminated union on `action`: the entity type follows from the action. */
export type AuditRecord = { [A in AuditAction]: { action: A; entityType: (typeof AUDIT_ENTITY)[A] } }[AuditAction];

/** The action with its entity type: `insertAudit(tx, { ...audit('quote.sign'), actorId, entityId, at })`. */
export function audit<A extends AuditAction>(action: A): Extract<AuditRecord, { action: A }> {
  return { action, entityType: AUDIT_ENTITY[action] } as Extract<AuditRecord, { action: A }>;
}
