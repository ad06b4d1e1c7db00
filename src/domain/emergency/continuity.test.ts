import { describe, expect, test } from 'vitest';
import {
  isDrillOverdue,
  isQuarterlyTrainingDue,
  minutesOnPaper,
  nextStage,
  quarterOf,
  reentryOutstanding,
  type StageState,
  stageDueAt,
  stagesToFire,
  trainingReminderQuarter,
} from './continuity.ts';
import {
  ACTIVATION_STEPS,
  DEFAULT_DEPARTMENTS,
  DEPARTMENT_KEYS,
  departmentKeyOf,
  MEASURES,
  PLAYBOOKS,
  PlanContent,
  TRIGGERS,
  templatePlanContent,
  vendorTeamFromDesignations,
} from './template.ts';

const failedAt = new Date('2026-03-02T01:00:00Z');
const stages = (): StageState[] => [
  { stage: '15m', dueAt: stageDueAt(failedAt, '15m'), firedAt: null },
  { stage: '3h', dueAt: stageDueAt(failedAt, '3h'), firedAt: null },
];

describe('continuity stages', () => {
  test('due 15 minutes and 3 hours after the failure, on a 7×24 clock (a Sunday night too)', () => {
    expect(stageDueAt(failedAt, '15m').toISOString()).toBe('2026-03-02T01:15:00.000Z');
    expect(stageDueAt(failedAt, '3h').toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect(stageDueAt(new Date('2026-03-01T15:59:00Z'), '3h').toISOString()).toBe('2026-03-01T18:59:00.000Z');
  });

  test('nothing fires before its due time; at the due time exactly it fires', () => {
    expect(stagesToFire(stages(), { now: new Date('2026-03-02T01:14:59Z'), recoveredAt: null })).toEqual([]);
    expect(stagesToFire(stages(), { now: new Date('2026-03-02T01:15:00Z'), recoveredAt: null }).map((s) => s.stage)).toEqual(['15m']);
  });

  test('after a long pause both stages fire, in order, with their own due times', () => {
    const due = stagesToFire(stages(), { now: new Date('2026-03-02T09:00:00Z'), recoveredAt: null });
    expect(due.map((s) => [s.stage, s.dueAt.toISOString()])).toEqual([
      ['15m', '2026-03-02T01:15:00.000Z'],
      ['3h', '2026-03-02T04:00:00.000Z'],
    ]);
  });

  test('a fired stage does not fire again; a recovery before the due time stops it', () => {
    const s = stages();
    s[0].firedAt = new Date('2026-03-02T01:15:00Z');
    expect(stagesToFire(s, { now: new Date('2026-03-02T05:00:00Z'), recoveredAt: null }).map((x) => x.stage)).toEqual(['3h']);
    expect(stagesToFire(s, { now: new Date('2026-03-02T05:00:00Z'), recoveredAt: new Date('2026-03-02T02:00:00Z') })).toEqual([]);
    // Recovered after 3 h but the job ran late: the stage was real, it still fires once.
    expect(stagesToFire(s, { now: new Date('2026-03-02T05:00:00Z'), recoveredAt: new Date('2026-03-02T04:30:00Z') }).length).toBe(1);
  });

  test('the next stage and its countdown', () => {
    expect(nextStage(stages(), { now: new Date('2026-03-02T01:05:00Z'), recoveredAt: null })).toMatchObject({
      stage: '15m',
      remainingMs: 600_000,
    });
    expect(nextStage(stages(), { now: failedAt, recoveredAt: failedAt })).toBeNull();
  });

  test('time on paper and 补录 outstanding', () => {
    const from = new Date('2026-03-02T01:15:00Z');
    expect(minutesOnPaper(from, new Date('2026-03-02T02:45:00Z'), new Date())).toBe(90);
    expect(minutesOnPaper(null, null, new Date())).toBe(0);
    expect(
      reentryOutstanding([
        { manualFrom: from, reentryState: 'done' },
        { manualFrom: from, reentryState: 'started' },
        { manualFrom: from, reentryState: 'waived' },
        { manualFrom: null, reentryState: 'pending' },
      ]),
    ).toBe(1);
  });

  test('a drill is overdue six months after the last one', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(isDrillOverdue(null, created, new Date('2026-06-30T00:00:00Z'))).toBe(false);
    expect(isDrillOverdue(null, created, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(isDrillOverdue(new Date('2026-06-01T00:00:00Z'), created, new Date('2026-07-01T00:00:00Z'))).toBe(false);
  });
});

describe('the template follows 001', () => {
  test('six triggers with playbooks, 7 critical and 6 urgent measures, five activation steps, the 2.7 departments', () => {
    expect(TRIGGERS.map((n) => PLAYBOOKS[n].length)).toEqual([5, 3, 4, 4, 4, 5]);
    expect(MEASURES.critical).toHaveLength(7);
    expect(MEASURES.urgent).toHaveLength(6);
    expect(MEASURES.urgent.map((m) => m.zh)).not.toContain('启动软件容错机制');
    expect(ACTIVATION_STEPS).toHaveLength(5);
    expect(DEFAULT_DEPARTMENTS.filter((d) => d.stage === '15m').map((d) => d.name)).toEqual([
      '门诊挂号',
      '住院登记',
      '门诊收费',
      '急诊收费',
      '门诊药房',
      '住院药房',
    ]);
    expect(DEFAULT_DEPARTMENTS.filter((d) => d.stage === '3h').map((d) => d.name)).toEqual(['护士站', '手术室', '医技检查']);
    expect(PlanContent.parse(templatePlanContent())).toEqual(templatePlanContent());
  });
});

describe('quarterly emergency training (001 2.8 (1))', () => {
  test.each([
    { last: null, today: '2026-07-10', isDue: true },
    { last: '2026-06-30', today: '2026-07-01', isDue: true },
    { last: '2026-07-01', today: '2026-09-30', isDue: false },
    { last: '2025-12-31', today: '2026-01-02', isDue: true },
  ])('last $last, today $today → due $isDue', ({ last, today, isDue }) => {
    expect(isQuarterlyTrainingDue(last, today)).toBe(isDue);
  });
});

describe('quarterly training reminder', () => {
  test('quarters of local dates', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
  });

  test('due when no training this quarter, once per quarter', () => {
    expect(trainingReminderQuarter({ lastTrainingOn: null, today: '2026-04-02', remindedQuarter: null })).toBe('2026-Q2');
    expect(trainingReminderQuarter({ lastTrainingOn: '2026-03-30', today: '2026-04-02', remindedQuarter: '2026-Q1' })).toBe('2026-Q2');
    // Reminded already this quarter, or trained this quarter: nothing.
    expect(trainingReminderQuarter({ lastTrainingOn: null, today: '2026-05-20', remindedQuarter: '2026-Q2' })).toBeNull();
    expect(trainingReminderQuarter({ lastTrainingOn: '2026-04-01', today: '2026-06-30', remindedQuarter: null })).toBeNull();
    // Next quarter it is due again.
    expect(trainingReminderQuarter({ lastTrainingOn: '2026-04-01', today: '2026-07-01', remindedQuarter: '2026-Q2' })).toBe('2026-Q3');
  });
});

describe('departments and the vendor team', () => {
  test('every default department has a distinct stable key; older plans find theirs by name; custom ones have none', () => {
    expect(DEFAULT_DEPARTMENTS.map((d) => d.key)).toEqual([...DEPARTMENT_KEYS]);
    expect(departmentKeyOf({ name: '门诊收费' })).toBe('outpatient_billing');
    expect(departmentKeyOf({ key: 'operating_rooms', name: '手术室（东院）' })).toBe('operating_rooms');
    expect(departmentKeyOf({ name: '体检中心' })).toBeNull();
    const twice = templatePlanContent();
    twice.departments.push({ key: 'outpatient_billing', name: '门诊收费二', nameEn: '', stage: '15m' });
    expect(PlanContent.safeParse(twice).success).toBe(false);
  });

  test('designations fill the team: leader, deputies, members (001 2.2); undesignated staff are left out', () => {
    const team = vendorTeamFromDesignations([
      { id: 'b', designation: 'technical_backbone' },
      { id: 'x', designation: null },
      { id: 'm', designation: 'service_department_manager' },
      { id: 'g', designation: 'general_manager' },
      { id: 't', designation: 'technical_director' },
    ]);
    expect(team).toEqual([
      { userId: 'g', designation: 'leader', phone: '' },
      { userId: 'm', designation: 'deputy', phone: '' },
      { userId: 't', designation: 'deputy', phone: '' },
      { userId: 'b', designation: 'member', phone: '' },
    ]);
  });
});
