import {
  addBusinessMinutes,
  businessMillisBetween,
  type CalendarInput,
  CalendarSchema,
  CN_WORKING_DAY,
  type CompiledCalendar,
  compileCalendar,
  parseIcsDays,
} from '../../../domain/calendar/index.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { fetchPublicText, OutboundFetchError } from '../../lib/safe-fetch.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { loadCompiledCalendar, toAppError } from './calendar-cache.ts';
import { findCalendar, insertCalendar, selectCalendars, updateCalendarRow } from './calendars.repo.ts';
import type {
  BetweenInput,
  CalendarChoiceInput,
  CreateCalendarInput,
  ImportIcsInput,
  PreviewInput,
  UpdateCalendarInput,
} from './calendars.schema.ts';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];
/** 8 working hours a day (000's 5×8 line): the domain's built-in day. */
const OFFICE_DAY: [string, string][] = CN_WORKING_DAY;

/** The calendars every installation starts with: the 7×24 "gold" hotline and 5×8 working hours with 调休. */
export const BUILTIN_CALENDARS: Record<'allDay' | 'workingHours', { name: string; definition: CalendarInput }> = {
  allDay: {
    name: '7×24 全天候',
    definition: {
      timeZone: 'Asia/Shanghai',
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
    },
  },
  workingHours: {
    name: '5×8 工作时间（含法定节假日与调休）',
    definition: {
      timeZone: 'Asia/Shanghai',
      weekly: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] },
      holidays: [],
      workdays: [],
      statutory: 'CN',
    },
  },
};

/** Seeds the calendars every installation has; safe to run on every start. */
export async function ensureBuiltinCalendars(tx: Tx, at: Date): Promise<{ allDayId: string; workingHoursId: string }> {
  for (const builtin of Object.values(BUILTIN_CALENDARS)) {
    await insertCalendar(tx, { name: builtin.name, definition: builtin.definition, isBuiltin: true, at });
  }
  const rows = await selectCalendars(tx);
  const idOf = (name: string) => rows.find((r) => r.name === name)?.id ?? '';
  return { allDayId: idOf(BUILTIN_CALENDARS.allDay.name), workingHoursId: idOf(BUILTIN_CALENDARS.workingHours.name) };
}

export async function listCalendars({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'sla.read');
  return { items: await selectCalendars(deps.db) };
}

export async function createCalendar({ deps, actor, input }: { deps: Deps; actor: Actor; input: CreateCalendarInput }) {
  authorize(actor, 'sla.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await insertCalendar(tx, { name: input.name, definition: input.definition, at: now });
    if (!row) throw new AppError('conflict', `calendar "${input.name}" already exists`, { name: 'taken' });
    await insertAudit(tx, { actorId: actor.id, action: 'calendar.create', entityType: 'calendar', entityId: row.id, after: row, at: now });
    return row;
  });
}

export async function updateCalendar({
  deps,
  actor,
  calendarId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  calendarId: string;
  input: UpdateCalendarInput;
}) {
  authorize(actor, 'sla.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findCalendar(tx, calendarId);
    if (!before) throw notFound('calendar');
    const row = await updateCalendarRow(tx, calendarId, { ...input, at: now }).catch((e: unknown) => {
      throw isUniqueViolation(e) ? new AppError('conflict', `calendar "${input.name}" already exists`, { name: 'taken' }) : e;
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'calendar.update',
      entityType: 'calendar',
      entityId: calendarId,
      before,
      after: row,
      at: now,
    });
    return row;
  });
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string }; code?: string }) ?? {};
  return cause.code === '23505' || cause.cause?.code === '23505';
}

async function chosenCalendar(deps: Deps, choice: CalendarChoiceInput): Promise<CompiledCalendar> {
  if ('calendarId' in choice) return loadCompiledCalendar(deps.db, choice.calendarId);
  try {
    return compileCalendar(choice.calendar);
  } catch (error) {
    throw toAppError(error);
  }
}

export async function previewDue({ deps, actor, input }: { deps: Deps; actor: Actor; input: PreviewInput }) {
  authorize(actor, 'sla.read');
  const cal = await chosenCalendar(deps, input);
  try {
    return { due: addBusinessMinutes(cal, input.start, input.minutes) };
  } catch (error) {
    throw toAppError(error);
  }
}

export async function measureBetween({ deps, actor, input }: { deps: Deps; actor: Actor; input: BetweenInput }) {
  authorize(actor, 'sla.read');
  if (input.to < input.from) throw new AppError('validation_failed', '"to" is before "from"', { to: 'before from' });
  const cal = await chosenCalendar(deps, input);
  try {
    return { seconds: businessMillisBetween(cal, input.from, input.to) / 1000 };
  } catch (error) {
    throw toAppError(error);
  }
}

const ICS_FETCH_TIMEOUT_MS = 10_000;
const ICS_MAX_BYTES = 2_000_000;

async function fetchIcs(url: string, allowedPrivateAddresses: readonly string[] | undefined): Promise<string> {
  try {
    return await fetchPublicText({ url, maxBytes: ICS_MAX_BYTES, timeoutMs: ICS_FETCH_TIMEOUT_MS, allowedPrivateAddresses });
  } catch (error) {
    if (!(error instanceof OutboundFetchError)) throw error;
    if (error.reason === 'too_large') throw new AppError('payload_too_large', 'the calendar file is too large', { url: 'too large' });
    if (error.reason === 'forbidden_target') {
      throw new AppError('validation_failed', `the calendar URL is not allowed: ${error.message}`, {
        url: 'private, loopback or link-local addresses are not allowed',
      });
    }
    throw new AppError('validation_failed', `could not fetch the calendar: ${error.message}`, { url: error.message });
  }
}

/** Merges an iCalendar file's holidays and make-up days into a calendar; explicit entries already there win. */
export async function importIcs({
  deps,
  actor,
  calendarId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  calendarId: string;
  input: ImportIcsInput;
}) {
  authorize(actor, 'sla.manage');
  if (!input.ics === !input.url)
    throw new AppError('validation_failed', 'send either the iCalendar text or its URL', { ics: 'one of ics or url' });
  const text = input.ics ?? (await fetchIcs(input.url as string, deps.allowedPrivateFetchAddresses));
  let days: { holidays: string[]; workdays: string[] };
  try {
    days = parseIcsDays(text);
  } catch (error) {
    throw toAppError(error);
  }
  const existing = await findCalendar(deps.db, calendarId);
  if (!existing) throw notFound('calendar');
  const def: CalendarInput = existing.definition;
  const holidays = new Set(def.holidays ?? []);
  const workdays = new Set(def.workdays ?? []);
  for (const d of days.holidays) if (!workdays.has(d)) holidays.add(d);
  for (const d of days.workdays) if (!holidays.has(d)) workdays.add(d);
  const definition = CalendarSchema.parse({ ...def, holidays: [...holidays].sort(), workdays: [...workdays].sort() });
  const row = await updateCalendar({ deps, actor, calendarId, input: { definition } });
  return { calendar: row, imported: { holidays: days.holidays.length, workdays: days.workdays.length } };
}
