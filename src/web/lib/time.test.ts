import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeSeconds, formatShortDateTime, instantToWallClock, wallClockToInstant } from './time.ts';

describe('instants shown as wall-clock readings in a zone', () => {
  test('Shanghai is UTC+8 all year; the date rolls over at local midnight', () => {
    expect(formatDateTime('2026-01-31T16:05:00Z', 'Asia/Shanghai')).toBe('2026-02-01 00:05');
    expect(formatDateTimeSeconds('2026-07-01T03:04:05Z', 'Asia/Shanghai')).toBe('2026-07-01 11:04:05');
    expect(formatDate('2026-12-31T15:59:59Z', 'Asia/Shanghai')).toBe('2026-12-31');
    expect(formatDate('2026-12-31T16:00:00Z', 'Asia/Shanghai')).toBe('2027-01-01');
  });

  test('New York follows daylight saving time; midnight is 00, never 24', () => {
    expect(formatDateTime('2026-01-15T05:00:00Z', 'America/New_York')).toBe('2026-01-15 00:00');
    expect(formatDateTime('2026-07-15T04:00:00Z', 'America/New_York')).toBe('2026-07-15 00:00');
  });

  test('the short form drops only the current year', () => {
    const thisYear = new Date().getUTCFullYear();
    expect(formatShortDateTime(`${thisYear}-06-01T02:00:00Z`, 'UTC')).toBe('06-01 02:00');
    expect(formatShortDateTime('2001-06-01T02:00:00Z', 'UTC')).toBe('2001-06-01 02:00');
  });

  test('nothing, an invalid date or an unknown zone never throws', () => {
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
    expect(formatDateTime('not a date', 'Asia/Shanghai')).toBe('');
    expect(formatDateTime('2026-01-31T16:05:00Z', 'Mars/Olympus_Mons')).toBe('2026-02-01 00:05');
  });

  test('picker readings round-trip through the zone', () => {
    const wall = instantToWallClock('2026-03-08T07:30:00Z', 'America/New_York');
    expect(wall.format('YYYY-MM-DD HH:mm')).toBe('2026-03-08 03:30');
    expect(wallClockToInstant(wall, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
