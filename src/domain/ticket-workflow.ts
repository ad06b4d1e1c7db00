import type { Role, Status } from './vocabulary.ts';

// The tracking card's life (DOMAIN.md §2): intake → dispatch → handling → feedback →
// customer's written confirmation → archive. Reopening sends it back to work.
const STAFF_TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'cancelled'],
  acknowledged: ['in_progress', 'waiting_on_customer', 'resolved', 'cancelled'],
  in_progress: ['waiting_on_customer', 'resolved', 'cancelled'],
  waiting_on_customer: ['in_progress', 'resolved', 'cancelled'],
  resolved: ['confirmed', 'in_progress'],
  confirmed: ['closed', 'in_progress'],
  closed: ['in_progress'],
  cancelled: [],
};

// A hospital user may withdraw its own request, accept the fix, or reject it (reopen).
const CUSTOMER_TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['cancelled'],
  acknowledged: ['cancelled'],
  in_progress: [],
  waiting_on_customer: ['cancelled'],
  resolved: ['confirmed', 'in_progress'],
  confirmed: [],
  closed: [],
  cancelled: [],
};

export function allowedTransitions(from: Status, role: Role): readonly Status[] {
  return role === 'customer' ? CUSTOMER_TRANSITIONS[from] : STAFF_TRANSITIONS[from];
}

export function isReopen(from: Status, to: Status): boolean {
  return to === 'in_progress' && (from === 'resolved' || from === 'confirmed' || from === 'closed');
}

export type TransitionInput = {
  from: Status;
  to: Status;
  role: Role;
  resolution?: string;
  confirmedByName?: string;
  comment?: string;
};

export type TransitionCheck = { isAllowed: true } | { isAllowed: false; reason: string; fields?: Record<string, string> };

/** Decides whether a status change may happen and what it needs; pure, so it is tested on its own. */
export function checkTransition(input: TransitionInput): TransitionCheck {
  const { from, to, role } = input;
  if (from === to) return { isAllowed: false, reason: `request is already ${to}` };
  if (!allowedTransitions(from, role).includes(to)) {
    return { isAllowed: false, reason: `cannot move a request from ${from} to ${to}` };
  }
  if (to === 'resolved' && !input.resolution?.trim()) {
    return { isAllowed: false, reason: 'resolving needs a resolution summary', fields: { resolution: 'required' } };
  }
  // Staff record a confirmation made by phone, fax or signed paper: whose it was must be written down.
  if (to === 'confirmed' && role !== 'customer' && !input.confirmedByName?.trim()) {
    return {
      isAllowed: false,
      reason: 'recording a confirmation needs the name of who confirmed',
      fields: { confirmedByName: 'required' },
    };
  }
  if (isReopen(from, to) && !input.comment?.trim()) {
    return { isAllowed: false, reason: 'reopening needs a reason', fields: { comment: 'required' } };
  }
  return { isAllowed: true };
}
