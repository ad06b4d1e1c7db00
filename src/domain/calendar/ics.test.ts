import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from './compile.ts';
import { parseIcsDays } from './ics.ts';
import { statutoryCN } from './statutory-cn.ts';

const ics = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
  ].join('\r\n');

describe('parseIcsDays', () => {
  it('reads all-day events, DTEND exclusive, and classifies them by SUMMARY', () => {
    const text = ics(
      ['DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261008', 'SUMMARY:国庆节(休)'],
      ['DTSTART;VALUE=DATE:20261010', 'DTEND;VALUE=DATE:20261011', 'SUMMARY:国庆节(班)'],
      ['DTSTART;VALUE=DATE:20260920', 'SUMMARY:补班'],
      ['DTSTART:20260101', 'DURATION:P3D', 'SUMMARY:元旦放假'],
      ['DTSTART;VALUE=DATE:20260104', 'SUMMARY:Make-up working day'],
      ['DTSTART;VALUE=DATE:20260501', 'DTEND;VALUE=DATE:20260502', 'SUMMARY:Labour Day (Holiday)'],
      ['DTSTART;VALUE=DATE:20260502', 'SUMMARY:调休上班'],
    );
    expect(parseIcsDays(text)).toEqual({
      holidays: [
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
        '2026-05-01',
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
      ],
      workdays: ['2026-01-04', '2026-05-02', '2026-09-20', '2026-10-10'],
    });
  });

  it('ignores timed, cancelled and unclassifiable events, and nested components', () => {
    const text = ics(
      ['DTSTART:20261001T090000Z', 'DTEND:20261001T100000Z', 'SUMMARY:假期会议'],
      ['DTSTART;VALUE=DATE:20261002', 'STATUS:CANCELLED', 'SUMMARY:休'],
      ['DTSTART;VALUE=DATE:20260321', 'SUMMARY:春分'],
      ['DTSTART;VALUE=DATE:20261003', 'SUMMARY:Holiday', 'BEGIN:VALARM', 'SUMMARY:上班提醒', 'TRIGGER:-PT15M', 'END:VALARM'],
    );
    expect(parseIcsDays(text)).toEqual({ holidays: ['2026-10-03'], workdays: [] });
  });

  it('unfolds continuation lines, unescapes text and accepts LF line ends', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261009',
      'SUMMARY:Company holi',
      ' day\\, all staff',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(parseIcsDays(text)).toEqual({ holidays: ['2026-10-09'], workdays: [] });
  });

  it('a workday wins over a holiday on the same date', () => {
    const text = ics(
      ['DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261004', 'SUMMARY:休'],
      ['DTSTART;VALUE=DATE:20261002', 'SUMMARY:班'],
    );
    expect(parseIcsDays(text)).toEqual({ holidays: ['2026-10-01', '2026-10-03'], workdays: ['2026-10-02'] });
  });

  it('rejects malformed text with the line', () => {
    const bad = (text: string, message: RegExp) =>
      expect(() => parseIcsDays(text)).toThrow(expect.objectContaining({ code: 'invalid_ics', message: expect.stringMatching(message) }));
    bad('hello', /no BEGIN:VCALENDAR/);
    bad(ics(['DTSTART;VALUE=DATE:20260230', 'SUMMARY:休']), /line 5: DTSTART 20260230 is not a real date/);
    bad(ics(['DTSTART;VALUE=DATE:2026100', 'SUMMARY:休']), /must be a date YYYYMMDD/);
    bad(ics(['DTSTART;VALUE=DATE:20261005', 'DTEND;VALUE=DATE:20261005', 'SUMMARY:休']), /DTEND \(exclusive\) must be after DTSTART/);
    bad(ics(['DTSTART;VALUE=DATE:20261005', 'DTEND:20261006T000000', 'SUMMARY:休']), /DTEND of an all-day event must be a date/);
    bad(ics(['DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20280101', 'SUMMARY:休']), /more than 366 days/);
    bad(ics(['DTSTART;VALUE=DATE:20260101', 'DURATION:PT1H', 'SUMMARY:休']), /whole days or weeks/);
    bad('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nEND:VCALENDAR', /END:VCALENDAR without matching BEGIN/);
    bad('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001', /line 2: BEGIN:VEVENT is never closed/);
    bad(ics(['DTSTART;VALUE=DATE:20261001', 'no colon here']), /expected NAME:VALUE/);
  });

  it('reads the chinese-days feed to the same days as its JSON data (2024–2026)', () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('chinese-days/dist/holidays.ics');
    const days = parseIcsDays(readFileSync(path, 'utf8'));
    const years = new Set(days.holidays.concat(days.workdays).map((d) => d.slice(0, 4)));
    const inYears = (d: string) => years.has(d.slice(0, 4));
    expect([...years].sort()).toEqual(['2024', '2025', '2026']);
    expect(days.holidays).toEqual(statutoryCN().holidays.filter(inYears));
    expect(days.workdays).toEqual(statutoryCN().workdays.filter(inYears));
    const en = parseIcsDays(readFileSync(require.resolve('chinese-days/dist/holidays.en.ics'), 'utf8'));
    expect(en).toEqual(days);
    // The result plugs straight into a calendar definition.
    expect(() => compileCalendar({ timeZone: 'Asia/Shanghai', weekly: { mon: [['09:00', '17:00']] }, ...days })).not.toThrow();
  });
});
