/**
 * Reading holidays and make-up working days from iCalendar (RFC 5545) text — pure: fetching the text is the
 * caller's job.
 *
 * Which events count: every VEVENT whose DTSTART is a date (`DTSTART;VALUE=DATE:20261001`, or an 8-digit value)
 * and that is not `STATUS:CANCELLED`. It covers DTSTART up to DTEND (exclusive; also a date), or DTSTART plus a
 * `DURATION` of whole days/weeks (`P3D`, `P1W`), or DTSTART alone. Timed events (DATE-TIME) are ignored.
 *
 * Holiday or workday, decided from SUMMARY (case-insensitive), first match wins:
 * 1. workday when it contains 班 (补班, 上班, 调休上班 …), "workday", "work day", "working day" or "make-up";
 * 2. holiday when it contains 休, 假, "holiday" or "day off";
 * 3. otherwise the event is ignored (solar terms, anniversaries …).
 * So `国庆节(班)` / `National Day(Workday)` are workdays and `国庆节(休)` / `National Day(Holiday)` holidays.
 * A date that some event makes a workday and another a holiday ends up a workday only (the make-up day is the more
 * specific statement). Results are unique and ascending.
 *
 * Malformed input — no VCALENDAR, an unterminated component, an impossible date, an end not after its start, an
 * event longer than 366 days, a date outside 1900–2199 — throws `CalendarError('invalid_ics')` naming the line.
 */
import { formatDay } from './civil.ts';
import { CalendarError } from './errors.ts';

export interface IcsDays {
  holidays: string[];
  workdays: string[];
}

interface ContentLine {
  readonly line: number;
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

interface EventProps {
  readonly startLine: number;
  readonly props: Map<string, ContentLine>;
}

const WORKDAY_RE = /班|workday|work day|working day|make-up/i;
const HOLIDAY_RE = /休|假|holiday|day off/i;
const MAX_EVENT_DAYS = 366;
const MAX_DAYS = 20_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function fail(line: number, message: string): never {
  throw new CalendarError('invalid_ics', `iCalendar line ${line}: ${message}`);
}

/** Unfold (RFC 5545 §3.1) and split into content lines. */
function contentLines(text: string): ContentLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1].text += raw.slice(1);
    } else if (raw.length > 0) {
      logical.push({ line: i + 1, text: raw });
    }
  });
  return logical.map(({ line, text: l }) => parseContentLine(line, l));
}

function parseContentLine(line: number, text: string): ContentLine {
  // name *(";" param) ":" value — a quoted parameter value may contain ":" and ";".
  let i = 0;
  let quoted = false;
  const segments: string[] = [];
  let start = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') {
      segments.push(text.slice(start, i));
      start = i + 1;
    } else if (!quoted && c === ':') break;
  }
  if (i >= text.length) fail(line, `expected NAME:VALUE, got "${text.slice(0, 40)}"`);
  segments.push(text.slice(start, i));
  const [name, ...rawParams] = segments;
  const params = new Map<string, string>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params.set(p.slice(0, eq).toUpperCase(), p.slice(eq + 1).replace(/^"|"$/g, ''));
  }
  return { line, name: name.toUpperCase(), params, value: text.slice(i + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Day number of an iCalendar DATE value (YYYYMMDD). */
function parseIcsDate(cl: ContentLine): number {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(cl.value.trim());
  if (!m) fail(cl.line, `${cl.name} must be a date YYYYMMDD, got "${cl.value}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    fail(cl.line, `${cl.name} ${cl.value} is not a real date`);
  }
  if (y < MIN_YEAR || y > MAX_YEAR) fail(cl.line, `${cl.name} ${cl.value} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  return date.getTime() / 86_400_000;
}

function isDateValued(cl: ContentLine): boolean {
  const type = cl.params.get('VALUE')?.toUpperCase();
  if (type === 'DATE') return true;
  if (type !== undefined) return false;
  return /^\d{8}$/.test(cl.value.trim());
}

/** Days of a whole-day DURATION such as P3D or P2W (anything with a time part is refused). */
function durationDays(cl: ContentLine): number {
  const m = /^\+?P(?:(\d+)W|(\d+)D)$/i.exec(cl.value.trim());
  if (!m) fail(cl.line, `DURATION of an all-day event must be whole days or weeks (P3D, P1W), got "${cl.value}"`);
  return m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
}

/** Holidays and make-up working days listed in an iCalendar text (rules in the module comment). */
export function parseIcsDays(text: string): IcsDays {
  if (!/^BEGIN:VCALENDAR[ \t]*$/im.test(text)) throw new CalendarError('invalid_ics', 'not an iCalendar text (no BEGIN:VCALENDAR)');
  const lines = contentLines(text);
  const stack: { name: string; line: number }[] = [];
  const events: EventProps[] = [];
  let current: EventProps | undefined;
  for (const cl of lines) {
    if (cl.name === 'BEGIN') {
      const comp = cl.value.trim().toUpperCase();
      stack.push({ name: comp, line: cl.line });
      if (comp === 'VEVENT') current = { startLine: cl.line, props: new Map() };
    } else if (cl.name === 'END') {
      const comp = cl.value.trim().toUpperCase();
      const top = stack.pop();
      if (!top || top.name !== comp) fail(cl.line, `END:${comp} without matching BEGIN`);
      if (comp === 'VEVENT' && current) {
        events.push(current);
        current = undefined;
      }
    } else if (current && stack[stack.length - 1]?.name === 'VEVENT' && !current.props.has(cl.name)) {
      current.props.set(cl.name, cl);
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(open.line, `BEGIN:${open.name} is never closed`);
  }

  const holidays = new Set<number>();
  const workdays = new Set<number>();
  for (const ev of events) {
    const startProp = ev.props.get('DTSTART');
    if (!startProp || !isDateValued(startProp)) continue;
    if (ev.props.get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') continue;
    const summary = unescapeText(ev.props.get('SUMMARY')?.value ?? '');
    const target = WORKDAY_RE.test(summary) ? workdays : HOLIDAY_RE.test(summary) ? holidays : undefined;
    const start = parseIcsDate(startProp);
    let end = start + 1;
    const endProp = ev.props.get('DTEND');
    const durationProp = ev.props.get('DURATION');
    if (endProp) {
      if (!isDateValued(endProp)) fail(endProp.line, 'DTEND of an all-day event must be a date (VALUE=DATE)');
      end = parseIcsDate(endProp);
      if (end <= start) fail(endProp.line, 'DTEND (exclusive) must be after DTSTART');
    } else if (durationProp) {
      end = start + durationDays(durationProp);
      if (end <= start) fail(durationProp.line, 'DURATION must be at least one day');
    }
    if (end - start > MAX_EVENT_DAYS) fail(ev.startLine, `event spans more than ${MAX_EVENT_DAYS} days`);
    if (!target) continue;
    for (let d = start; d < end; d++) target.add(d);
    if (holidays.size + workdays.size > MAX_DAYS) fail(ev.startLine, `more than ${MAX_DAYS} days listed`);
  }
  for (const d of workdays) holidays.delete(d);
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b).map(formatDay);
  return { holidays: sorted(holidays), workdays: sorted(workdays) };
}
