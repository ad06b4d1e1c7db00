import { CalendarError, type CalendarInput, type CompiledCalendar, compileCalendar } from '../../../domain/calendar/index.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findCalendar, selectCalendars } from './calendars.repo.ts';

// Compiling a calendar expands its statutory data; keep each version compiled once per process.
const compiled = new Map<string, CompiledCalendar>();

function compileCached(row: { id: string; definition: CalendarInput; updatedAt: Date }): CompiledCalendar {
  const key = `${row.id}@${row.updatedAt.getTime()}`;
  let cal = compiled.get(key);
  if (!cal) {
    cal = compileCalendar(row.definition);
    for (const old of compiled.keys()) if (old.startsWith(`${row.id}@`)) compiled.delete(old);
    compiled.set(key, cal);
  }
  return cal;
}

/** Every calendar, compiled, by id: the table is small and read once per operation. */
export async function loadCompiledCalendars(tx: Tx): Promise<Map<string, CompiledCalendar>> {
  const rows = await selectCalendars(tx);
  return new Map(rows.map((row) => [row.id, compileCached(row)]));
}

export async function loadCompiledCalendar(tx: Tx, id: string): Promise<CompiledCalendar> {
  const row = await findCalendar(tx, id);
  if (!row) throw new AppError('validation_failed', 'calendar does not exist', { calendarId: 'unknown' });
  return compileCached(row);
}

/** Turns the calendar module's refusals into the API's error vocabulary. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof CalendarError)) return error;
  const fields = Object.fromEntries(error.issues.map((i) => [i.path.join('.') || 'calendar', i.message]));
  return new AppError('validation_failed', error.message, { ...fields, calendar: fields.calendar ?? error.code });
}
