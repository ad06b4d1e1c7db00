// 000: "on-site faults are cleared within 24 hours" — the default for a visit (issue 14). A clock from the
// engineer's check-in (the on-site arrival that meets the on-site clock) to the request's resolution, in
// elapsed hours (7×24: the engineer is on site; the product's reading, docs/service-rules.md). Pure.
import { ON_SITE_FAULT_CLEARED_HOURS } from './default-policies.ts';

export type OnSiteFaultClock = {
  arrivedAt: Date;
  dueAt: Date;
  /** running: on site, not yet resolved; met / breached: resolved in time or late; overdue: still open past due. */
  state: 'running' | 'overdue' | 'met' | 'breached';
  /** Milliseconds left (negative past due) while running or overdue; at resolution the margin kept (negative: late). */
  leftMs: number;
};

export function onSiteFaultClock(o: {
  arrivedAt: Date | null;
  resolvedAt: Date | null;
  now: Date;
  hours?: number;
}): OnSiteFaultClock | null {
  if (!o.arrivedAt) return null;
  const dueAt = new Date(o.arrivedAt.getTime() + (o.hours ?? ON_SITE_FAULT_CLEARED_HOURS) * 3_600_000);
  // A resolution before the arrival (a remote fix, then a visit anyway) does not count as clearing it on site.
  const resolved = o.resolvedAt && o.resolvedAt >= o.arrivedAt ? o.resolvedAt : null;
  if (resolved) {
    const leftMs = dueAt.getTime() - resolved.getTime();
    return { arrivedAt: o.arrivedAt, dueAt, state: leftMs >= 0 ? 'met' : 'breached', leftMs };
  }
  const leftMs = dueAt.getTime() - o.now.getTime();
  return { arrivedAt: o.arrivedAt, dueAt, state: leftMs >= 0 ? 'running' : 'overdue', leftMs };
}
