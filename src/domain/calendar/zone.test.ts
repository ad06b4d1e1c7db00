import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, zoneFor } from './zone.ts';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago'];

/** Offset straight from Intl, independent of the chunked cache. */
function intlOffset(zone: string, ms: number): number {
  const secs = Math.floor(ms / 1000) * 1000;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(secs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - secs;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('zone offsets', () => {
  it('match Intl at random instants 1970–2100', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        expect(zoneFor(zone).offsetAt(ms)).toBe(intlOffset(zone, ms));
      }),
      { numRuns: 2000 },
    );
  });

  it('locate 2026 transitions to the second', () => {
    const at = (zone: string) =>
      zoneFor(zone)
        .transitionsIn(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))
        .map(iso);
    expect(at('America/New_York')).toEqual(['2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z']);
    expect(at('Europe/London')).toEqual(['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    // Lord Howe moves by 30 minutes: +11:00 → +10:30 on 5 April, back to +11:00 on 4 October (local 02:00).
    expect(at('Australia/Lord_Howe')).toEqual(['2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z']);
    expect(zoneFor('Australia/Lord_Howe').offsetAt(Date.UTC(2026, 5, 1))).toBe(630 * 60_000);
    expect(at('Asia/Kathmandu')).toEqual([]);
    expect(zoneFor('Asia/Kathmandu').offsetAt(Date.UTC(2026, 5, 1))).toBe(345 * 60_000);
    expect(at('Asia/Shanghai')).toEqual([]);
  });

  it('knows zone names', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});

describe('wall time → instant', () => {
  const wall = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi);

  it('maps ordinary wall times straight through the offset', () => {
    expect(iso(zoneFor('Asia/Shanghai').wallToInstant(wall(2026, 3, 3, 8, 30)))).toBe('2026-03-03T00:30:00.000Z');
    expect(iso(zoneFor('Asia/Kathmandu').wallToInstant(wall(2026, 3, 3, 9, 0)))).toBe('2026-03-03T03:15:00.000Z');
  });

  it('maps a wall time in a spring-forward gap to the next valid instant (the transition)', () => {
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    expect(iso(zoneFor('America/New_York').wallToInstant(wall(2026, 3, 8, 2, 30)))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zoneFor('America/New_York').wallToInstant(wall(2026, 3, 8, 3, 0)))).toBe('2026-03-08T07:00:00.000Z');
    // Lord Howe 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11:00).
    expect(iso(zoneFor('Australia/Lord_Howe').wallToInstant(wall(2026, 10, 4, 2, 15)))).toBe('2026-10-03T15:30:00.000Z');
  });

  it('maps an ambiguous fall-back wall time to the earlier instant', () => {
    // New York 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso(zoneFor('America/New_York').wallToInstant(wall(2026, 11, 1, 1, 30)))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zoneFor('America/New_York').wallToInstant(wall(2026, 11, 1, 2, 0)))).toBe('2026-11-01T07:00:00.000Z');
    // Lord Howe 2026-04-05: 01:45 happens at +11:00 and again at +10:30.
    expect(iso(zoneFor('Australia/Lord_Howe').wallToInstant(wall(2026, 4, 5, 1, 45)))).toBe('2026-04-04T14:45:00.000Z');
    expect(iso(zoneFor('Europe/London').wallToInstant(wall(2026, 10, 25, 1, 30)))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips: the instant of a wall time shows that wall time, unless the wall time is skipped', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (name, w) => {
        const zone = zoneFor(name);
        const t = zone.wallToInstant(w);
        const shown = zone.toWall(t);
        if (shown !== w) {
          // Skipped: t is a transition and the wall time lies in the jump.
          expect(zone.offsetAt(t)).toBeGreaterThan(zone.offsetAt(t - 1));
          expect(t - 1 + zone.offsetAt(t - 1)).toBeLessThan(w);
          expect(shown).toBeGreaterThan(w);
        } else {
          // Earliest: no earlier instant shows the same wall time.
          const earlierOffsets = new Set([zone.offsetAt(t - 3 * 3_600_000), zone.offsetAt(t - 3_600_000)]);
          for (const o of earlierOffsets) {
            const cand = w - o;
            if (cand < t) expect(zone.toWall(cand)).not.toBe(w);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
