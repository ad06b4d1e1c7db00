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

function inZone(value: string | Date, timeZone: string) {
  try {
    return dayjs(value).tz(timeZone);
  } catch {
    return dayjs(value).tz(DEFAULT_TIME_ZONE);
  }
}

export function formatDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  return inZone(value, timeZone).format('YYYY-MM-DD HH:mm');
}

export function formatDateTimeSeconds(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  return inZone(value, timeZone).format('YYYY-MM-DD HH:mm:ss');
}

/** Dense tables: the year only when it is not this year. */
export function formatShortDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const at = inZone(value, timeZone);
  return at.format(at.year() === dayjs().tz(timeZone).year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm');
}

export function formatDate(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  return inZone(value, timeZone).format('YYYY-MM-DD');
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

/** The current time in ms, updated every second while any component listens. */
export function useNow(): number {
  return useSyncExternalStore(secondClock.subscribe, secondClock.read, secondClock.read);
}

/** The current time in ms, updated every 30 s: enough for minute-grained SLA clocks. */
export function useSlowNow(): number {
  return useSyncExternalStore(slowClock.subscribe, slowClock.read, slowClock.read);
}

/** A picker's wall-clock reading (browser zone) taken as that same reading in `timeZone`. */
export function wallClockToInstant(value: Dayjs, timeZone: string): Date {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), timeZone).toDate();
}

/** The inverse: an instant shown as its wall-clock reading in `timeZone`, for a browser-zone picker. */
export function instantToWallClock(value: string | Date, timeZone: string): Dayjs {
  return dayjs(inZone(value, timeZone).format('YYYY-MM-DDTHH:mm:ss'));
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
