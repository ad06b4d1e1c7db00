import dayjs from 'dayjs';
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

// One shared ticking clock, so a table of countdowns costs one timer, not one per row.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time in ms, updated every second while any component listens. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
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
