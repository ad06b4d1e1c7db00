import { describe, expect, test } from 'vitest';
import { ACTIONS, type Actor, can, denial, isStaff, listScope, mayActivatePlan } from './policy.ts';
import { ROLES } from './vocabulary.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const actor = (role: Actor['role'], customerId: string | null = null): Actor => ({ id: 'x', role, customerId, name: 'x', via: 'session' });

describe('policy', () => {
  test('work orders: staff dispatch and work them, managers override and act for others, a customer user only reads its own', () => {
    expect(can(actor('engineer'), 'work_order.work')).toBe(true);
    expect(can(actor('engineer'), 'work_order.act_for_others')).toBe(false);
    expect(can(actor('engineer'), 'work_order.override_dispatch')).toBe(false);
    expect(can(actor('agent'), 'work_order.override_dispatch')).toBe(false);
    expect(can(actor('manager'), 'work_order.override_dispatch')).toBe(true);
    expect(can(actor('customer', A), 'work_order.read', { customerId: A })).toBe(true);
    expect(denial(actor('customer', A), 'work_order.read', { customerId: B })).toBe('not_found');
    for (const action of ['work_order.create', 'work_order.work', 'work_order.override_dispatch'] as const) {
      expect(can(actor('customer', A), action, { customerId: A })).toBe(false);
    }
  });

  test('work order photos: staff see those of visits in progress; a customer user only its own signed-off ones (work_order.read)', () => {
    for (const role of ['engineer', 'agent', 'manager', 'admin'] as const) {
      expect(can(actor(role), 'work_order.read_unsigned_files')).toBe(true);
    }
    expect(can(actor('customer', A), 'work_order.read_unsigned_files', { customerId: A })).toBe(false);
  });

  test('maintenance: staff plan and record rounds, only admins edit the checklists, a customer user reads its own', () => {
    expect(can(actor('engineer'), 'maintenance.work')).toBe(true);
    expect(can(actor('manager'), 'maintenance.manage_checklists')).toBe(false);
    expect(can(actor('admin'), 'maintenance.manage_checklists')).toBe(true);
    expect(can(actor('customer', A), 'maintenance.read', { customerId: A })).toBe(true);
    expect(denial(actor('customer', A), 'maintenance.read', { customerId: B })).toBe('not_found');
    expect(can(actor('customer', A), 'maintenance.work', { customerId: A })).toBe(false);
  });

  test('maintenance: the service desk skips rounds (not engineers, not hospitals); staff fill in the system assessment', () => {
    expect(can(actor('agent'), 'maintenance.skip')).toBe(true);
    expect(can(actor('manager'), 'maintenance.skip')).toBe(true);
    expect(can(actor('admin'), 'maintenance.skip')).toBe(true);
    expect(can(actor('engineer'), 'maintenance.skip')).toBe(false);
    expect(can(actor('customer', A), 'maintenance.skip', { customerId: A })).toBe(false);
    expect(can(actor('engineer'), 'maintenance.assess')).toBe(true);
    expect(can(actor('customer', A), 'maintenance.assess', { customerId: A })).toBe(false);
  });

  test('dispatch board: the service desk plans; engineers keep their own calendar feed; admins edit the default checklist', () => {
    expect(can(actor('agent'), 'work_order.dispatch')).toBe(true);
    expect(can(actor('manager'), 'work_order.dispatch')).toBe(true);
    expect(can(actor('engineer'), 'work_order.dispatch')).toBe(false);
    expect(can(actor('customer', A), 'work_order.dispatch', { customerId: A })).toBe(false);
    expect(can(actor('engineer'), 'calendar_feed.manage')).toBe(true);
    expect(can(actor('customer', A), 'calendar_feed.manage')).toBe(false);
    expect(can(actor('admin'), 'field_settings.manage')).toBe(true);
    expect(can(actor('manager'), 'field_settings.manage')).toBe(false);
  });

  test('a customer user touches only its own organisation', () => {
    const hospitalUser = actor('customer', A);
    for (const action of ['ticket.read', 'ticket.create', 'ticket.reply', 'ticket.transition', 'ticket.attach', 'customer.read'] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(true);
      expect(can(hospitalUser, action, { customerId: B })).toBe(false);
      expect(can(hospitalUser, action)).toBe(false);
    }
    expect(listScope(hospitalUser)).toBe(A);
  });

  test('a customer user never reads internal notes, edits fields, lists customers or administers', () => {
    const hospitalUser = actor('customer', A);
    for (const action of [
      'ticket.note',
      'ticket.read_internal',
      'ticket.update',
      'customer.list',
      'customer.create',
      'user.create',
      'audit.read',
      'user.list_staff',
    ] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(false);
    }
  });

  test('another organisation’s resource is reported as not found, not forbidden', () => {
    expect(denial(actor('customer', A), 'ticket.read', { customerId: B })).toBe('not_found');
    expect(denial(actor('customer', A), 'ticket.note', { customerId: A })).toBe('forbidden');
    expect(denial(actor('customer', A), 'ticket.read', { customerId: A })).toBeNull();
    expect(denial(actor('manager'), 'user.create')).toBe('forbidden');
  });

  test('staff roles: agents take calls, engineers work them, only admins manage users', () => {
    expect(can(actor('agent'), 'customer.create')).toBe(true);
    expect(can(actor('engineer'), 'customer.create')).toBe(false);
    expect(can(actor('engineer'), 'ticket.note', { customerId: B })).toBe(true);
    expect(can(actor('manager'), 'audit.read')).toBe(true);
    expect(can(actor('agent'), 'audit.read')).toBe(false);
    expect(can(actor('manager'), 'user.create')).toBe(false);
    expect(can(actor('admin'), 'user.create')).toBe(true);
    expect(listScope(actor('agent'))).toBeNull();
  });

  test('a customer user without an organisation is refused rather than seeing everything', () => {
    expect(listScope(actor('customer', null))).toBeUndefined();
    expect(can(actor('customer', null), 'ticket.read', { customerId: null })).toBe(false);
  });

  test('archive and contracts: a customer user reads only its own, never internal or economic notes, and changes nothing', () => {
    const hospitalUser = actor('customer', A);
    for (const action of ['archive.read', 'contract.read', 'visit.read', 'quote.read'] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(true);
      expect(can(hospitalUser, action, { customerId: B })).toBe(false);
      expect(can(hospitalUser, action)).toBe(false);
    }
    for (const action of [
      'archive.read_internal',
      'archive.manage',
      'contract.manage',
      'tier.manage',
      'visit.create',
      'quote.manage',
    ] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(false);
    }
    expect(denial(hospitalUser, 'contract.read', { customerId: B })).toBe('not_found');
    expect(can(actor('engineer'), 'visit.create')).toBe(true);
    expect(can(actor('engineer'), 'contract.manage')).toBe(false);
    expect(can(actor('agent'), 'quote.manage')).toBe(true);
    expect(can(actor('manager'), 'tier.manage')).toBe(false);
    // Serving despite "no further service" is the service manager's decision (issue 14).
    expect(can(actor('manager'), 'entitlement.override')).toBe(true);
    expect(can(actor('admin'), 'entitlement.override')).toBe(true);
    expect(can(actor('agent'), 'entitlement.override')).toBe(false);
    expect(can(actor('engineer'), 'entitlement.override')).toBe(false);
    expect(can(hospitalUser, 'entitlement.override', { customerId: A })).toBe(false);
    expect(can(actor('admin'), 'tier.manage')).toBe(true);
  });

  test.each([
    // action, engineer, agent, manager, admin, hospital user
    ['spare_part.read', true, true, true, true, false],
    ['spare_part.manage', false, false, true, true, false],
    ['price_setting.manage', false, false, true, true, false],
  ] as const)('the spare-parts price list and price settings: %s', (action, engineer, agent, manager, admin, hospital) => {
    expect(can(actor('engineer'), action)).toBe(engineer);
    expect(can(actor('agent'), action)).toBe(agent);
    expect(can(actor('manager'), action)).toBe(manager);
    expect(can(actor('admin'), action)).toBe(admin);
    expect(can(actor('customer', A), action, { customerId: A })).toBe(hospital);
  });

  test('service quality: a hospital answers its own surveys and reads its trainings; staff keep the rest; managers override the retraining quota', () => {
    const hospitalUser = actor('customer', A);
    for (const action of ['survey.answer', 'training.read'] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(true);
      expect(can(hospitalUser, action, { customerId: B })).toBe(false);
    }
    for (const action of [
      'survey.read_results',
      'survey.issue_link',
      'return_visit.manage',
      'training.manage',
      'user_meeting.read',
    ] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(false);
      expect(can(actor('agent'), action)).toBe(true);
    }
    // The satisfaction survey is the hospital's own voice: staff never answer it for them.
    expect(can(actor('engineer'), 'survey.answer')).toBe(false);
    expect(can(actor('agent'), 'training.override_quota')).toBe(false);
    expect(can(actor('manager'), 'training.override_quota')).toBe(true);
  });

  test('spreadsheet import: whoever manages the archive (admin, manager, agent); not engineers or customer users', () => {
    for (const role of ['admin', 'manager', 'agent'] as const) expect(can(actor(role), 'archive.import')).toBe(true);
    expect(can(actor('engineer'), 'archive.import')).toBe(false);
    expect(can(actor('customer', A), 'archive.import', { customerId: A })).toBe(false);
  });

  test('request work only staff does: assign, phone calls, solution proposals, writing after close, confirming for the hospital', () => {
    for (const action of [
      'ticket.assign',
      'ticket.log_call',
      'ticket.propose_solution',
      'ticket.reply_after_close',
      'ticket.confirm_on_behalf',
    ] as const) {
      for (const role of ['admin', 'manager', 'agent', 'engineer'] as const) expect(can(actor(role), action)).toBe(true);
      expect(can(actor('customer', A), action, { customerId: A })).toBe(false);
    }
  });

  test('the web and the server ask the same question with a signed-in user (no id, name or via needed)', () => {
    expect(can({ role: 'agent', customerId: null }, 'contract.manage')).toBe(true);
    expect(can({ role: 'engineer', customerId: null }, 'contract.manage')).toBe(false);
    expect(can({ role: 'manager', customerId: null }, 'sla.manage')).toBe(true);
    expect(can({ role: 'engineer', customerId: null }, 'sla.manage')).toBe(false);
    expect(isStaff({ role: 'engineer', customerId: null })).toBe(true);
    expect(isStaff({ role: 'customer', customerId: A })).toBe(false);
  });

  test('administrators may do everything; nothing a customer user may do is denied to an administrator', () => {
    for (const action of ACTIONS) expect(can(actor('admin'), action)).toBe(true);
    for (const role of ROLES) {
      if (role === 'customer') continue;
      for (const action of ACTIONS) {
        if (can(actor('customer', A), action, { customerId: A }) && !['token.manage', 'survey.answer'].includes(action)) {
          expect(can(actor(role), action, { customerId: A }), `${role} ${action}`).toBe(true);
        }
      }
    }
  });

  test('scheduled jobs and their failures are for administrators only', () => {
    expect(can(actor('admin'), 'jobs.read')).toBe(true);
    for (const role of ['manager', 'agent', 'engineer'] as const) expect(can(actor(role), 'jobs.read')).toBe(false);
    expect(can(actor('customer', A), 'jobs.read')).toBe(false);
  });

  test('remote access: the hospital grants, reads and revokes on its own requests only; revealing and the session log are staff work', () => {
    for (const action of ['remote_access.read', 'remote_access.grant', 'remote_access.revoke'] as const) {
      expect(can(actor('customer', A), action, { customerId: A })).toBe(true);
      expect(can(actor('customer', A), action, { customerId: B })).toBe(false);
      expect(denial(actor('customer', A), action, { customerId: B })).toBe('not_found');
    }
    for (const action of ['remote_access.reveal', 'remote_access.log_session'] as const) {
      expect(can(actor('customer', A), action, { customerId: A })).toBe(false);
      expect(can(actor('engineer'), action)).toBe(true);
    }
  });

  test('cannot-solve escalations, defect reports and RMA are staff work; only administrators edit the roster', () => {
    for (const action of ['escalation.create', 'escalation.record_reproduction', 'defect_report.create', 'rma.manage'] as const) {
      expect(can(actor('engineer'), action)).toBe(true);
      expect(can(actor('customer', A), action, { customerId: A })).toBe(false);
    }
    expect(can(actor('admin'), 'escalation_roster.manage')).toBe(true);
    for (const role of ['manager', 'agent', 'engineer'] as const) expect(can(actor(role), 'escalation_roster.manage')).toBe(false);
  });

  test('emergency plans and incidents: admins and managers keep plans, staff work incidents, a hospital reads its own', () => {
    for (const role of ['admin', 'manager'] as const) expect(can(actor(role), 'emergency_plan.manage')).toBe(true);
    for (const role of ['agent', 'engineer'] as const) {
      expect(can(actor(role), 'emergency_plan.manage')).toBe(false);
      expect(can(actor(role), 'incident.declare')).toBe(true);
      expect(can(actor(role), 'incident.work')).toBe(true);
      expect(can(actor(role), 'incident.activate')).toBe(false);
    }
    const hospitalUser = actor('customer', A);
    expect(can(hospitalUser, 'incident.read', { customerId: A })).toBe(true);
    expect(denial(hospitalUser, 'incident.read', { customerId: B })).toBe('not_found');
    for (const action of [
      'incident.read_internal',
      'incident.declare',
      'incident.work',
      'incident.activate',
      'emergency_plan.read',
    ] as const) {
      expect(can(hospitalUser, action, { customerId: A })).toBe(false);
    }
  });

  test("activating the plan (2.5 step 3): a manager, or a member of the plan's vendor team", () => {
    expect(mayActivatePlan(actor('manager'), [])).toBe(true);
    expect(mayActivatePlan(actor('engineer'), [])).toBe(false);
    expect(mayActivatePlan(actor('engineer'), ['x'])).toBe(true);
    expect(mayActivatePlan(actor('customer', A), ['x'])).toBe(false);
  });
});
