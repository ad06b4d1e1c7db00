import { zoneFor } from '../calendar/zone.ts';
import { addDays, isLocalDate } from '../contracts/local-date.ts';

// The dispatch board (派工看板): engineers × days of the service zone. Pure date arithmetic: which
// instants a board of `days` days from a local date covers, and where an order dragged to another day
// lands (the same wall-clock time on that day). No I/O, no clock.

export const BOARD_MAX_DAYS = 14;
const DAY_MS = 86_400_000;

/** The local dates a board shows, first to last. */
export function boardDates(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** The instant a local date begins in a zone (its local midnight; after a DST gap, the first valid instant). */
export function startOfLocalDate(date: string, timeZone: string): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return new Date(zoneFor(timeZone).wallToInstant(Date.parse(`${date}T00:00:00Z`)));
}

/** `[start, end)` instants of `days` local days from `from`. */
export function boardRange(from: string, days: number, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDate(from, timeZone), end: startOfLocalDate(addDays(from, days), timeZone) };
}

/**
 * An order moved to another day keeps its wall-clock time (09:30 stays 09:30 on the new day); with an
 * explicit `time` (`HH:MM`) it takes that time.
 */
export function plannedOn(date: string, previous: Date, timeZone: string, time?: string): Date {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const zone = zoneFor(timeZone);
  let msOfDay = ((zone.toWall(previous.getTime()) % DAY_MS) + DAY_MS) % DAY_MS;
  if (time) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (!m) throw new RangeError(`not a time of day: ${time}`);
    msOfDay = (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  }
  return new Date(zone.wallToInstant(Date.parse(`${date}T00:00:00Z`) + msOfDay));
}
