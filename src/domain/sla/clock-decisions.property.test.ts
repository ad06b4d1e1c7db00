import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_24X7, CALENDAR_CN_5X8, type CompiledCalendar } from '../calendar/index.ts';
import { SLA_METRICS, type SlaMetric } from '../sla.ts';
import { allowedTransitions } from '../ticket-workflow.ts';
import { STATUSES, type Status } from '../vocabulary.ts';
import {
  applyClockAction,
  type ClockEvent,
  type ClockSnapshot,
  decideClockActions,
  decideTimer,
  FINISHED_STATUSES,
  isOwed,
  shouldStartOnSiteClock,
} from './clock-decisions.ts';
import { DEFAULT_ESCALATION_LADDER, decideLadder, type EscalationLadder, nextRungDueAt, TOP_LEVEL } from './ladder.ts';

const START = Date.UTC(2026, 2, 2, 1); // Monday 09:00 Beijing
const MIN = 60_000;

const calendarArb = fc.constantFrom<CompiledCalendar>(CALENDAR_24X7, CALENDAR_CN_5X8);

function freshClocks(now: Date, withOnSite: boolean): ClockSnapshot[] {
  return SLA_METRICS.filter((m) => withOnSite || m !== 'on_site').map((metric) => ({
    metric,
    state: 'running',
    clock: { targetMs: 60 * MIN, elapsedMs: 0, runningSince: now },
    metAt: null,
    stoppedAt: null,
    breachedAt: null,
  }));
}

/** A walk through the workflow: each step a staff move allowed from the current status, or a reply/call/arrival. */
type Step = { gapMs: number; pick: number; kind: 'move' | 'responded' | 'arrived' | 'breach'; how: 'reply' | 'phone_call' | 'solution' };
const stepArb: fc.Arbitrary<Step> = fc.record({
  gapMs: fc.integer({ min: 0, max: 3 * 24 * 60 * MIN }),
  pick: fc.nat(),
  kind: fc.constantFrom('move', 'move', 'responded', 'arrived', 'breach'),
  how: fc.constantFrom('reply', 'phone_call', 'solution'),
});

/** Runs the walk; calls `check` after every step with the status and clocks. */
function walk(
  steps: readonly Step[],
  calendar: CompiledCalendar,
  withOnSite: boolean,
  pausedMetrics: SlaMetric[],
  check: (status: Status, clocks: ClockSnapshot[], event: ClockEvent | null) => void,
) {
  let now = new Date(START);
  let status: Status = 'new';
  let clocks = freshClocks(now, withOnSite);
  for (const step of steps) {
    now = new Date(now.getTime() + step.gapMs);
    let event: ClockEvent | null = null;
    if (step.kind === 'move') {
      const options = allowedTransitions(status, 'engineer');
      if (options.length === 0) continue;
      const to = options[step.pick % options.length];
      event = { kind: 'status_changed', from: status, to };
      status = to;
    } else if (step.kind === 'breach') {
      // The scheduler marks a running clock breached (it keeps running until kept or stopped).
      clocks = clocks.map((c, i) =>
        i === step.pick % clocks.length && c.state === 'running' ? { ...c, state: 'breached', breachedAt: now } : c,
      );
    } else if (status !== 'closed' && status !== 'cancelled') {
      event = step.kind === 'arrived' ? { kind: 'arrived' } : { kind: 'responded', how: step.how };
    }
    if (event) {
      const decisions = decideClockActions({ clocks, event, pausedMetrics });
      expect(new Set(decisions.map((d) => d.metric)).size).toBe(decisions.length);
      clocks = clocks.map((c) => {
        const d = decisions.find((x) => x.metric === c.metric);
        return d ? applyClockAction(c, d, calendar, now) : c;
      });
    }
    check(status, clocks, event);
  }
}

const pausedArb = fc.subarray([...SLA_METRICS]);

describe('SLA clock decisions (properties)', () => {
  it('after a terminal event no clock is running and nothing is owed, except the resolution a reopen brings back', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), calendarArb, fc.boolean(), pausedArb, (steps, calendar, withOnSite, paused) => {
        walk(steps, calendar, withOnSite, paused, (status, clocks) => {
          if (!(FINISHED_STATUSES as readonly Status[]).includes(status)) return;
          for (const c of clocks) {
            expect(c.clock.runningSince, `${c.metric} in ${status}`).toBeNull();
            expect(isOwed(c), `${c.metric} owed in ${status}`).toBe(false);
            expect(['running', 'paused']).not.toContain(c.state);
          }
        });
      }),
    );
  });

  it('a breach that happened is never forgotten: stopped, met or reopened, a breached clock stays breached', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), calendarArb, fc.boolean(), pausedArb, (steps, calendar, withOnSite, paused) => {
        const everBreached = new Set<SlaMetric>();
        walk(steps, calendar, withOnSite, paused, (_status, clocks) => {
          for (const c of clocks) {
            if (c.breachedAt) everBreached.add(c.metric);
            if (everBreached.has(c.metric)) expect(c.state).toBe('breached');
          }
        });
      }),
    );
  });

  it('business time already run never shrinks and a clock is never running and paused at once', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), calendarArb, pausedArb, (steps, calendar, paused) => {
        const seen = new Map<SlaMetric, number>();
        walk(steps, calendar, true, paused, (_status, clocks) => {
          for (const c of clocks) {
            expect(c.clock.elapsedMs).toBeGreaterThanOrEqual(seen.get(c.metric) ?? 0);
            seen.set(c.metric, c.clock.elapsedMs);
            if (c.state === 'paused') expect(c.clock.runningSince).toBeNull();
            if (c.state === 'running') expect(c.clock.runningSince).not.toBeNull();
          }
        });
      }),
    );
  });

  it('an unmet target of a finished request ends as not needed (or cancelled), never as met', () => {
    const now = new Date(START + 30 * MIN);
    for (const to of ['resolved', 'confirmed', 'closed', 'cancelled'] as const) {
      const clocks = freshClocks(new Date(START), true);
      const decisions = decideClockActions({ clocks, event: { kind: 'status_changed', from: 'in_progress', to }, pausedMetrics: [] });
      const onSite = decisions.find((d) => d.metric === 'on_site');
      expect(onSite).toMatchObject({ action: 'stop', reason: to === 'cancelled' ? 'cancelled' : 'not_needed' });
      const stopped = applyClockAction(clocks[4], onSite ?? { action: 'meet' }, CALENDAR_24X7, now);
      expect(stopped).toMatchObject({ state: to === 'cancelled' ? 'cancelled' : 'not_needed', metAt: null, stoppedAt: now });
      expect(stopped.clock).toEqual({ targetMs: 60 * MIN, elapsedMs: 30 * MIN, runningSince: null });
    }
  });

  it('no on-site clock starts for a finished request', () => {
    for (const status of STATUSES) {
      expect(shouldStartOnSiteClock({ status, hasOnSiteClock: false })).toBe(!(FINISHED_STATUSES as readonly Status[]).includes(status));
      expect(shouldStartOnSiteClock({ status, hasOnSiteClock: true })).toBe(false);
    }
  });
});

describe('timers (properties)', () => {
  it('catch-up never fires a warning after its breach: a late tick fires the breach alone, dated when it was due', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        (warnOffset, gap, tickOffset) => {
          const warnAt = new Date(START + warnOffset * MIN);
          const dueAt = new Date(warnAt.getTime() + gap * MIN);
          const now = new Date(START + tickOffset * MIN);
          const decision = decideTimer({ state: 'running', warnAt, warnedAt: null, dueAt }, now);
          if (decision?.fire === 'warning') expect(dueAt.getTime()).toBeGreaterThan(now.getTime());
          if (dueAt <= now) expect(decision).toEqual({ fire: 'breach', at: dueAt });
          if (decision) expect(decision.at.getTime()).toBeLessThanOrEqual(now.getTime());
        },
      ),
    );
  });

  it('only a running clock has timers', () => {
    for (const state of ['paused', 'met', 'breached', 'cancelled', 'not_needed'] as const) {
      expect(decideTimer({ state, warnAt: new Date(START), warnedAt: null, dueAt: new Date(START) }, new Date(START + MIN))).toBeNull();
    }
  });
});

const ladderArb: fc.Arbitrary<EscalationLadder> = fc.record({
  senior_engineer: fc.integer({ min: 0, max: 48 }),
  product_manager: fc.integer({ min: 0, max: 48 }),
  rnd: fc.integer({ min: 0, max: 48 }),
});

describe('the escalation ladder (properties)', () => {
  it('never skips a rung in one tick, whatever the downtime; reaches the top only by the schedule', () => {
    fc.assert(
      fc.property(
        ladderArb,
        calendarArb,
        fc.array(fc.integer({ min: 1, max: 7 * 24 * 60 }), { minLength: 1, maxLength: 40 }),
        (ladder, calendar, tickGaps) => {
          const breachAt = new Date(START);
          let level = 0;
          let dueAt = nextRungDueAt({ ladder, level, from: breachAt, now: breachAt, calendar });
          let now = breachAt;
          const climbs: Date[] = [];
          for (const gap of tickGaps) {
            now = new Date(now.getTime() + gap * MIN);
            const decision = decideLadder({ ladder, level, dueAt, now, calendar });
            if (!decision) {
              if (dueAt) expect(level >= TOP_LEVEL || dueAt > now).toBe(true);
              continue;
            }
            expect(decision.climbTo).toBe(level + 1);
            expect(decision.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());
            // The next rung is for a later tick.
            if (decision.nextDueAt) expect(decision.nextDueAt.getTime()).toBeGreaterThan(now.getTime());
            level = decision.climbTo;
            dueAt = decision.nextDueAt;
            climbs.push(now);
          }
          expect(level).toBeLessThanOrEqual(TOP_LEVEL);
          expect(climbs.length).toBe(level);
          if (level === TOP_LEVEL) expect(dueAt).toBeNull();
        },
      ),
    );
  });

  it('on time, each rung is owed its hours of business time after the one before', () => {
    const ladder = DEFAULT_ESCALATION_LADDER;
    const breachAt = new Date(START);
    const first = nextRungDueAt({ ladder, level: 0, from: breachAt, now: breachAt, calendar: CALENDAR_24X7 });
    expect(first).toEqual(breachAt);
    const senior = decideLadder({ ladder, level: 0, dueAt: first, now: breachAt, calendar: CALENDAR_24X7 });
    expect(senior).toEqual({ climbTo: 1, dueAt: breachAt, nextDueAt: new Date(START + 4 * 60 * MIN) });
    const manager = decideLadder({
      ladder,
      level: 1,
      dueAt: senior?.nextDueAt ?? null,
      now: new Date(START + 4 * 60 * MIN),
      calendar: CALENDAR_24X7,
    });
    expect(manager).toEqual({ climbTo: 2, dueAt: new Date(START + 4 * 60 * MIN), nextDueAt: new Date(START + 12 * 60 * MIN) });
    // Caught up two days late: one rung now, the next its full 8 business hours after this tick.
    const late = new Date(START + 48 * 60 * MIN);
    expect(decideLadder({ ladder, level: 1, dueAt: senior?.nextDueAt ?? null, now: late, calendar: CALENDAR_24X7 })).toEqual({
      climbTo: 2,
      dueAt: new Date(START + 4 * 60 * MIN),
      nextDueAt: new Date(late.getTime() + 8 * 60 * MIN),
    });
  });
});
