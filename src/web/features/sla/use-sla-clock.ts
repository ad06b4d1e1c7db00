import { useMemo } from 'react';
import { type CalendarInput, type CompiledCalendar, compileCalendar } from '../../../domain/calendar/index.ts';
import type { CalendarRecord } from '../../api/types.ts';
import { useCan } from '../../components/session.tsx';
import { useSlowNow } from '../../lib/time.ts';
import { useCalendars } from '../calendars/api.ts';

export type CompiledCalendars = ReadonlyMap<string, CompiledCalendar>;

/** Compiles each stored calendar once; a definition the browser cannot compile is skipped (the server's value stands). */
export function compileAll(records: readonly CalendarRecord[] | undefined): CompiledCalendars {
  const out = new Map<string, CompiledCalendar>();
  for (const record of records ?? []) {
    try {
      out.set(record.id, compileCalendar(record.definition as CalendarInput));
    } catch {
      // Skipped: countdowns for this calendar only move on refetch.
    }
  }
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
