import { useMemo } from 'react';
import type { CalendarDefinition } from '../../../domain/calendar/calendar-schema.ts';
import { type CompiledCalendar, compileValidatedCalendar } from '../../../domain/calendar/compiled-calendar.ts';
import type { CalendarRecord } from '../../api/types.ts';
import { useCan } from '../../components/session.tsx';
import { useSlowNow } from '../../lib/time.ts';
import { useCalendars } from '../calendars/api.ts';

export type CompiledCalendars = ReadonlyMap<string, CompiledCalendar>;

const compiledByList = new WeakMap<readonly CalendarRecord[], CompiledCalendars>();
const NONE: CompiledCalendars = new Map();

/**
 * Compiles each stored calendar once; a definition the browser cannot compile is skipped (the server's value stands).
 * Cached per fetched list: every SLA badge on a page shares one compile (a queue of 50 rows compiled 50 times before).
 */
export function compileAll(records: readonly CalendarRecord[] | undefined): CompiledCalendars {
  if (!records) return NONE;
  const cached = compiledByList.get(records);
  if (cached) return cached;
  const out = new Map<string, CompiledCalendar>();
  for (const record of records) {
    try {
      // The server validated it when it was saved: no schema pass in the browser.
      out.set(record.id, compileValidatedCalendar(record.definition as CalendarDefinition));
    } catch {
      // Skipped: countdowns for this calendar only move on refetch.
    }
  }
  compiledByList.set(records, out);
  return out;
}

/**
 * What SLA countdowns need between refetches: a 30-second clock and the compiled calendars, so the business
 * time left shrinks only during working hours. Hospital users cannot read calendars: theirs moves on refetch.
 */
export function useSlaClock(): { now: number; calendars: CompiledCalendars } {
  const can = useCan();
  const calendars = useCalendars(can('sla.read'));
  const compiled = useMemo(() => compileAll(calendars.data), [calendars.data]);
  return { now: useSlowNow(), calendars: compiled };
}
