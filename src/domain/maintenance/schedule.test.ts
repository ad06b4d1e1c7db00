import { describe, expect, test } from 'vitest';
import { CALENDAR_24X7, CALENDAR_CN_5X8 } from '../calendar/index.ts';
import { statutoryCN } from '../calendar/statutory-cn.ts';
import { ASSESSMENT_SECTIONS, assessmentIssues } from './assessment.ts';
import { checklistIssues, DEFAULT_CHECKLIST } from './checklist.ts';
import {
  type ExistingRound,
  type ExpectedRound,
  freeYearOf,
  generateRounds,
  isMaintenanceDay,
  plannedDateIn,
  reconcileRounds,
  roundWindows,
  skipNeedsNote,
  viewStatus,
} from './schedule.ts';

const YEAR_2026 = { startDate: '2026-01-01', endDate: '2026-12-31' };
const MONTHLY_2026 = [
  ['2026-01-01', '2026-01-31', '2026-01-16'],
  // Spring Festival: the middle (14 Feb) is a 调休 make-up Saturday, a working day.
  ['2026-02-01', '2026-02-28', '2026-02-14'],
  ['2026-03-01', '2026-03-31', '2026-03-16'],
  ['2026-04-01', '2026-04-30', '2026-04-15'],
  // 16 May is a Saturday: the next working day.
  ['2026-05-01', '2026-05-31', '2026-05-18'],
  ['2026-06-01', '2026-06-30', '2026-06-15'],
  ['2026-07-01', '2026-07-31', '2026-07-16'],
  ['2026-08-01', '2026-08-31', '2026-08-17'],
  ['2026-09-01', '2026-09-30', '2026-09-15'],
  ['2026-10-01', '2026-10-31', '2026-10-16'],
  ['2026-11-01', '2026-11-30', '2026-11-16'],
  ['2026-12-01', '2026-12-31', '2026-12-16'],
];

describe('maintenance rounds per tier across 2026 (CN 5×8 with 2026 holidays and make-up days)', () => {
  test.each([
    ['Diamond (resident engineer, monthly)', 'resident', MONTHLY_2026],
    ['monthly', 'monthly', MONTHLY_2026],
    ['free year (003 6.2, one on-site round a month)', 'free_year', MONTHLY_2026],
    [
      'Gold (quarterly)',
      'quarterly',
      [
        ['2026-01-01', '2026-03-31', '2026-02-14'],
        ['2026-04-01', '2026-06-30', '2026-05-18'],
        ['2026-07-01', '2026-09-30', '2026-08-17'],
        ['2026-10-01', '2026-12-31', '2026-11-16'],
      ],
    ],
    [
      'Silver (half-yearly)',
      'half_yearly',
      [
        ['2026-01-01', '2026-06-30', '2026-04-01'],
        ['2026-07-01', '2026-12-31', '2026-09-30'],
      ],
    ],
    ['Bronze (yearly)', 'yearly', [['2026-01-01', '2026-12-31', '2026-07-02']]],
    ['no routine maintenance', 'none', []],
  ] as const)('%s', (_name, frequency, expected) => {
    const rounds = generateRounds({ period: YEAR_2026, frequency, calendar: CALENDAR_CN_5X8 });
    expect(rounds.map((r) => [r.windowStart, r.windowEnd, r.plannedDate])).toEqual(expected);
    for (const r of rounds) {
      expect(r.contractYear).toBe(1);
      expect(r.plannedDate && isMaintenanceDay(CALENDAR_CN_5X8, r.plannedDate)).toBe(true);
      expect(statutoryCN().holidays).not.toContain(r.plannedDate);
    }
  });

  test('windows follow the contract year, not the calendar year; a two-year contract has two contract years', () => {
    const windows = roundWindows({ startDate: '2026-08-18', endDate: '2028-08-17' }, 3);
    expect(windows).toHaveLength(8);
    expect(windows[0]).toEqual({ contractYear: 1, windowStart: '2026-08-18', windowEnd: '2026-11-17' });
    expect(windows[4]).toEqual({ contractYear: 2, windowStart: '2027-08-18', windowEnd: '2027-11-17' });
    // The middle of the first window is 2 October (National Day): the first working day after the holiday.
    expect(plannedDateIn(CALENDAR_CN_5X8, windows[0])).toBe('2026-10-08');
  });

  test('a contract shorter than a year cuts its last window at the end date', () => {
    expect(roundWindows({ startDate: '2026-01-01', endDate: '2026-05-10' }, 3).map((w) => w.windowEnd)).toEqual([
      '2026-03-31',
      '2026-05-10',
    ]);
  });

  test('a window whose second half is all holiday falls back to the make-up Saturday before it', () => {
    expect(plannedDateIn(CALENDAR_CN_5X8, { windowStart: '2026-02-14', windowEnd: '2026-02-23' })).toBe('2026-02-14');
    expect(plannedDateIn(CALENDAR_CN_5X8, { windowStart: '2026-10-01', windowEnd: '2026-10-07' })).toBeNull();
  });

  test('a round-the-clock calendar still never plans on a statutory holiday', () => {
    expect(isMaintenanceDay(CALENDAR_24X7, '2026-10-03')).toBe(false);
    expect(isMaintenanceDay(CALENDAR_24X7, '2026-10-11')).toBe(true);
    expect(plannedDateIn(CALENDAR_24X7, { windowStart: '2026-10-01', windowEnd: '2026-10-09' })).toBe('2026-10-08');
    expect(isMaintenanceDay(CALENDAR_CN_5X8, '2026-10-10')).toBe(true); // make-up Saturday
    expect(isMaintenanceDay(CALENDAR_CN_5X8, '2026-10-11')).toBe(false); // a plain Sunday
  });

  test('the free year runs a year from the latest final acceptance', () => {
    expect(freeYearOf([null, '2025-03-01', '2025-06-10'])).toEqual({ startDate: '2025-06-10', endDate: '2026-06-09' });
    expect(freeYearOf([null])).toBeNull();
  });

  test('overdue is derived: the window ended and the round is neither done nor skipped', () => {
    expect(viewStatus({ status: 'planned', windowEnd: '2026-03-31' }, '2026-04-01')).toBe('overdue');
    expect(viewStatus({ status: 'in_progress', windowEnd: '2026-03-31' }, '2026-04-01')).toBe('overdue');
    expect(viewStatus({ status: 'planned', windowEnd: '2026-03-31' }, '2026-03-31')).toBe('planned');
    expect(viewStatus({ status: 'done', windowEnd: '2026-03-31' }, '2026-06-01')).toBe('done');
  });
});

describe('regeneration', () => {
  const round = (over: Partial<ExistingRound>): ExistingRound => ({
    id: 'r',
    sourceId: 'c1',
    windowStart: '2026-01-01',
    windowEnd: '2026-03-31',
    status: 'planned',
    isPlannedByHand: false,
    plannedDate: '2026-02-14',
    ...over,
  });
  const expected = (over: Partial<ExpectedRound>): ExpectedRound => ({
    sourceId: 'c1',
    contractYear: 1,
    windowStart: '2026-01-01',
    windowEnd: '2026-03-31',
    plannedDate: '2026-02-14',
    ...over,
  });

  test('a tier change replaces future rounds not started; past and started ones stay', () => {
    const existing = [
      round({ id: 'past', windowStart: '2026-01-01', windowEnd: '2026-03-31' }),
      round({ id: 'started', windowStart: '2026-04-01', windowEnd: '2026-06-30', status: 'in_progress' }),
      round({ id: 'future', windowStart: '2026-07-01', windowEnd: '2026-09-30' }),
    ];
    const half = [
      expected({ windowStart: '2026-01-01', windowEnd: '2026-06-30' }),
      expected({ windowStart: '2026-07-01', windowEnd: '2026-12-31', plannedDate: '2026-09-30' }),
    ];
    const out = reconcileRounds({ existing, expected: half, today: '2026-05-01' });
    expect(out.remove).toEqual(['future']);
    expect(out.add.map((r) => r.windowStart)).toEqual(['2026-07-01']);
  });

  test('a date planned by hand survives; an automatic one follows the calendar', () => {
    const existing = [round({ id: 'hand', isPlannedByHand: true, plannedDate: '2026-03-02' }), round({ id: 'auto', sourceId: 'c2' })];
    const out = reconcileRounds({
      existing,
      expected: [expected({ plannedDate: '2026-02-16' }), expected({ sourceId: 'c2', plannedDate: '2026-02-16' })],
      today: '2026-01-10',
    });
    expect(out).toEqual({ remove: [], replan: [{ id: 'auto', plannedDate: '2026-02-16' }], add: [] });
  });

  test('a contract entered late gets its missed rounds (shown overdue); a renewal only adds its own', () => {
    const out = reconcileRounds({
      existing: [],
      expected: [expected({}), expected({ windowStart: '2026-04-01', windowEnd: '2026-06-30' })],
      today: '2026-05-01',
    });
    expect(out.add).toHaveLength(2);
  });
});

test('checklist version 1 holds the items of 002: A 3, B 5, C 4, unique keys', () => {
  expect(DEFAULT_CHECKLIST.filter((i) => i.section === 'A')).toHaveLength(3);
  expect(DEFAULT_CHECKLIST.filter((i) => i.section === 'B')).toHaveLength(5);
  expect(DEFAULT_CHECKLIST.filter((i) => i.section === 'C')).toHaveLength(4);
  expect(checklistIssues(DEFAULT_CHECKLIST)).toEqual([]);
  expect(checklistIssues([...DEFAULT_CHECKLIST, DEFAULT_CHECKLIST[0]])).toEqual(['duplicate key a1_os_patches']);
});

describe('skipping and the system assessment', () => {
  test('a skipped round is never overdue; merged and other need a note', () => {
    expect(viewStatus({ status: 'skipped', windowEnd: '2026-01-31' }, '2026-03-02')).toBe('skipped');
    expect(viewStatus({ status: 'planned', windowEnd: '2026-01-31' }, '2026-03-02')).toBe('overdue');
    expect((['customer_declined', 'hospital_closed', 'merged_with_visit', 'other'] as const).map(skipNeedsNote)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  test('the assessment template: every section once', () => {
    const all = ASSESSMENT_SECTIONS.map((key) => ({ key }));
    expect(assessmentIssues(all)).toEqual({});
    expect(assessmentIssues(all.slice(1))).toEqual({ sections: 'missing performance' });
    expect(assessmentIssues([...all, all[2]])).toEqual({ [`sections.${all.length}.key`]: 'given twice' });
  });
});
