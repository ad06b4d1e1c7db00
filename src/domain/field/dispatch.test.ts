import { describe, expect, test } from 'vitest';
import { boardDates, boardRange, plannedOn } from './dispatch.ts';
import { buildCalendar, escapeText, foldLine } from './icalendar.ts';

describe('dispatch board dates', () => {
  test('a week from a local date covers local midnights in the zone', () => {
    expect(boardDates('2026-03-02', 3)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    const range = boardRange('2026-03-02', 7, 'Asia/Shanghai');
    expect(range.start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  test('an order moved to another day keeps its wall time, across DST too; an explicit time wins', () => {
    const at = new Date('2026-03-02T01:30:00Z'); // 09:30 in Shanghai
    expect(plannedOn('2026-03-05', at, 'Asia/Shanghai').toISOString()).toBe('2026-03-05T01:30:00.000Z');
    expect(plannedOn('2026-03-05', at, 'Asia/Shanghai', '14:00').toISOString()).toBe('2026-03-05T06:00:00.000Z');
    // Berlin: 09:30 CET on 27 March is 08:30Z, 09:30 CEST on 30 March is 07:30Z.
    expect(plannedOn('2026-03-30', new Date('2026-03-27T08:30:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(() => plannedOn('2026-02-30', at, 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => plannedOn('2026-03-05', at, 'Asia/Shanghai', '24:00')).toThrow(RangeError);
  });
});

describe('iCalendar', () => {
  test('texts are escaped; long lines fold at 75 octets without splitting a character; CRLF ends every line', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `LOCATION:${'湖北省武汉市'.repeat(10)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(long);
    const ics = buildCalendar({
      name: '王工程师',
      productId: '-//Aftersales//Field//ZH',
      events: [
        {
          uid: 'x@aftersales',
          start: new Date('2026-03-02T06:00:00Z'),
          end: new Date('2026-03-02T08:00:00Z'),
          stamp: new Date('2026-03-01T00:00:00Z'),
          summary: 'PG-2026-0001 某医院',
        },
      ],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('\r\nDTSTART:20260302T060000Z\r\n');
  });
});
