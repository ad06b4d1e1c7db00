/**
 * China's statutory holidays and make-up working days (调休), from the maintained `chinese-days` package.
 *
 * The package bundles its data (`dist/chinese-days.json`, no network at run time). It lists, per date:
 * `holidays` — days off, weekends inside a holiday block included; `workdays` — the make-up working days
 * (usually a Saturday or Sunday); `inLieuDays` — informational, not needed here.
 * Coverage is whatever the installed version publishes (1.5.7: 2004–2026; the State Council publishes the next
 * year's schedule late each year). Dates outside the covered years follow the plain weekly hours.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { parseDay } from './civil.ts';

export interface StatutoryTable {
  /** `YYYY-MM-DD` days off, ascending. */
  readonly holidays: readonly string[];
  /** `YYYY-MM-DD` make-up working days, ascending. */
  readonly workdays: readonly string[];
  /** First and last calendar year the data covers. */
  readonly firstYear: number;
  readonly lastYear: number;
  readonly holidayDays: ReadonlySet<number>;
  readonly workdayDays: ReadonlySet<number>;
}

function load(): StatutoryTable {
  const raw = data as { holidays?: Record<string, string>; workdays?: Record<string, string> };
  if (!raw.holidays || !raw.workdays) throw new Error('chinese-days: unexpected data layout (holidays/workdays missing)');
  const holidays = Object.keys(raw.holidays).sort();
  const workdays = Object.keys(raw.workdays).sort();
  const holidayDays = new Set<number>();
  const workdayDays = new Set<number>();
  for (const d of holidays) {
    const n = parseDay(d);
    if (n === undefined) throw new Error(`chinese-days: malformed holiday date ${d}`);
    holidayDays.add(n);
  }
  for (const d of workdays) {
    const n = parseDay(d);
    if (n === undefined) throw new Error(`chinese-days: malformed workday date ${d}`);
    if (holidayDays.has(n)) throw new Error(`chinese-days: ${d} is both a holiday and a workday`);
    workdayDays.add(n);
  }
  const years = [...holidays, ...workdays].map((d) => Number(d.slice(0, 4)));
  return Object.freeze({
    holidays: Object.freeze(holidays),
    workdays: Object.freeze(workdays),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    holidayDays,
    workdayDays,
  });
}

let table: StatutoryTable | undefined;

/** The CN statutory table (loaded once, on first use). */
export function statutoryCN(): StatutoryTable {
  table ??= load();
  return table;
}
