// "Escalate: cannot solve" (000 技术支持, 003 6.6): an engineer who cannot solve a request hands it up.
// On site it goes to the service centre's senior engineer; remote it goes to the product technical
// manager, who records a fault reproduction test, and only then to the R&D researchers.

export const ESCALATION_PATHS = ['on_site', 'remote'] as const;
export type EscalationPath = (typeof ESCALATION_PATHS)[number];

/** Rungs of the roster (who holds each, per product or module). */
export const ROSTER_RUNGS = ['senior_engineer', 'product_manager', 'rnd'] as const;
export type RosterRung = (typeof ROSTER_RUNGS)[number];

/** The outcome of equipment sent to its manufacturer or authorised agent (厂家). */
export const RMA_OUTCOMES = ['repaired', 'replaced'] as const;
export type RmaOutcome = (typeof RMA_OUTCOMES)[number];

export type PastEscalation = { path: EscalationPath; rung: RosterRung; reproduced: boolean | null };

export type NextRung = { ok: true; rung: RosterRung } | { ok: false; reason: 'reproduction_required' | 'top_reached' };

/**
 * The rung an escalation on `path` goes to, given the request's earlier escalations (oldest first).
 * On site: the senior engineer. Remote: the product technical manager first; once a reproduction test
 * is recorded on that rung (reproduced or not), R&D; R&D is the top.
 */
export function nextRung(path: EscalationPath, history: readonly PastEscalation[]): NextRung {
  if (path === 'on_site') return { ok: true, rung: 'senior_engineer' };
  const remote = history.filter((e) => e.path === 'remote');
  const last = remote[remote.length - 1];
  if (!last) return { ok: true, rung: 'product_manager' };
  if (last.rung === 'rnd') return { ok: false, reason: 'top_reached' };
  if (last.reproduced === null) return { ok: false, reason: 'reproduction_required' };
  return { ok: true, rung: 'rnd' };
}

/**
 * The roster entries that hold a rung for a request: those naming the request's module first, then those
 * for any module (module null). Product is informative here (a request names a module, not a product).
 */
export function rungHolders<E extends { rung: RosterRung; module: string | null }>(
  roster: readonly E[],
  rung: RosterRung,
  module: string | null,
): E[] {
  const onRung = roster.filter((e) => e.rung === rung);
  const specific = module ? onRung.filter((e) => e.module === module) : [];
  return specific.length > 0 ? specific : onRung.filter((e) => e.module === null);
}
