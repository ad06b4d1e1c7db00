import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useSyncExternalStore } from 'react';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function setDayjsLanguage(language: string): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

type WallClock = { year: string; month: string; day: string; hour: string; minute: string; second: string };

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One cached Intl formatter per zone: dayjs's tz() builds a formatter per call, which made a 50-row table slow. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return wallClockFormat(DEFAULT_TIME_ZONE);
    }
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a zone, as zero-padded fields (all empty for an invalid date). */
export function wallClockIn(value: string | Date, timeZone: string): WallClock {
  const out: WallClock = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return out;
  for (const part of wallClockFormat(timeZone).formatToParts(date)) {
    if (part.type in out) out[part.type as keyof WallClock] = part.value;
  }
  return out;
}

/** The reading, or undefined when there is nothing valid to show. */
function readingOf(value: string | Date | null | undefined, timeZone: string): WallClock | undefined {
  if (!value) return undefined;
  const w = wallClockIn(value, timeZone);
  return w.year ? w : undefined;
}

export function formatDateTime(value: string | Date | null | undefined, timeZone: string): string {
  const w = readingOf(value, timeZone);
  if (!w) return '';
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
}

export function formatDateTimeSeconds(value: string | Date | null | undefined, timeZone: string): string {
  const w = readingOf(value, timeZone);
  if (!w) return '';
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}:${w.second}`;
}

/** Dense tables: the year only when it is not this year. */
export function formatShortDateTime(value: string | Date | null | undefined, timeZone: string): string {
  const w = readingOf(value, timeZone);
  if (!w) return '';
  const thisYear = wallClockIn(new Date(), timeZone).year;
  return w.year === thisYear ? `${w.month}-${w.day} ${w.hour}:${w.minute}` : `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
}

export function formatDate(value: string | Date | null | undefined, timeZone: string): string {
  const w = readingOf(value, timeZone);
  if (!w) return '';
  return `${w.year}-${w.month}-${w.day}`;
}

export function fromNow(value: string | Date, now: number): string {
  return dayjs(value).from(dayjs(now));
}

/** mm:ss (or h:mm:ss) for a countdown. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

// Shared ticking clocks, so a table of countdowns costs one timer, not one per row.
function createClock(intervalMs: number) {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    if (!timer) {
      now = Date.now();
      timer = setInterval(() => {
        now = Date.now();
        for (const notify of listeners) notify();
      }, intervalMs);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  };
  const read = () => now;
  return { subscribe, read };
}

const secondClock = createClock(1000);
const slowClock = createClock(30_000);

/** On the server (entry-server.tsx) the clocks do not tick: a render reads the time it happens at. */
const renderedNow = () => Date.now();

/** The current time in ms, updated every second while any component listens. */
export function useNow(): number {
  return useSyncExternalStore(secondClock.subscribe, secondClock.read, renderedNow);
}

/** The current time in ms, updated every 30 s: enough for minute-grained SLA clocks. */
export function useSlowNow(): number {
  return useSyncExternalStore(slowClock.subscribe, slowClock.read, renderedNow);
}

/** A picker's wall-clock reading (browser zone) taken as that same reading in `timeZone`. */
export function wallClockToInstant(value: Dayjs, timeZone: string): Date {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), timeZone).toDate();
}

/** The inverse: an instant shown as its wall-clock reading in `timeZone`, for a browser-zone picker. */
export function instantToWallClock(value: string | Date, timeZone: string): Dayjs {
  const w = wallClockIn(value, timeZone);
  return dayjs(`${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}`);
}

/** Common IANA zones for the settings picker; the browser's own zone is added if missing. */
export function timeZoneOptions(): string[] {
  const zones = [
    'Asia/Shanghai',
    'Asia/Urumqi',
    'Asia/Hong_Kong',
    'Asia/Macau',
    'Asia/Taipei',
    'Asia/Singapore',
    'Asia/Tokyo',
    'Asia/Seoul',
    'Europe/London',
    'Europe/Berlin',
    'America/New_York',
    'America/Los_Angeles',
    'UTC',
  ];
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (local && !zones.includes(local)) zones.push(local);
  return zones;
}
