import { describe, expect, test } from 'vitest';
import { type ArchiveFacts, entitlement, explain, pickLocale } from './entitlement.ts';
import { addYears, localDateOf } from './local-date.ts';
import { billedDays, DEFAULT_DAILY_FEE_FEN, formatCny, MoneyError, suggestedMaintenanceFeeFen, visitFeeFen } from './money.ts';
import { dueReminders, reminderDueDate } from './reminders.ts';
import { systemContractTerms } from './system-contract.ts';
import { contractYearWindow, visitsUsed } from './visits.ts';

const ZONE = 'Asia/Shanghai';
// Noon in Shanghai on a local date: the injected "now" of each case.
const at = (date: string) => new Date(`${date}T04:00:00Z`);

const silver = { code: 'silver', nameZh: '银牌级', nameEn: 'Silver' };
const empty: ArchiveFacts = { systemContracts: [], modules: [], project: null, serviceContracts: [], visits: [] };
const contract = (id: string, startDate: string, endDate: string, visitQuota: number | null = 10) => ({
  id,
  startDate,
  endDate,
  visitQuota,
  tier: silver,
});
const running = (goLiveDate: string) => ({ acceptanceState: 'running_unaccepted' as const, goLiveDate, acceptanceDate: null });

describe('entitlement (DOMAIN.md §5)', () => {
  const cases: { name: string; today: string; facts: Partial<ArchiveFacts>; expected: Record<string, unknown> }[] = [
    { name: 'nothing on file → none', today: '2026-03-02', facts: {}, expected: { basis: 'none', explanationKey: 'none' } },
    {
      name: 'accepted 2025-06-01 → free maintenance through 2026-05-31',
      today: '2026-05-31',
      facts: { systemContracts: [{ acceptanceDate: '2025-06-01', totalPriceFen: 300_000_000 }] },
      expected: { basis: 'free_maintenance', until: '2026-05-31' },
    },
    {
      name: 'the day after the free year → expired, suggesting 10% of the system total',
      today: '2026-06-01',
      facts: { systemContracts: [{ acceptanceDate: '2025-06-01', totalPriceFen: 300_000_000 }] },
      expected: { basis: 'expired', explanationKey: 'expired_free', explanationParams: { ended: '2026-05-31', feeFen: 30_000_000 } },
    },
    {
      name: 'some modules accepted counts as accepted',
      today: '2026-03-02',
      facts: {
        modules: [{ acceptanceState: 'accepted', goLiveDate: '2025-01-01', acceptanceDate: '2025-09-01' }, running('2025-01-01')],
      },
      expected: { basis: 'free_maintenance', until: '2026-08-31' },
    },
    {
      name: 'a paid contract in force → its tier and visits left',
      today: '2026-03-02',
      facts: {
        serviceContracts: [contract('c1', '2026-01-01', '2026-12-31', 10)],
        visits: [{ serviceContractId: 'c1', visitDate: '2026-02-01', isOverQuota: false }],
      },
      expected: { basis: 'service_contract', tier: silver, visitsLeft: 9, serviceContractId: 'c1' },
    },
    {
      name: 'unlimited tier → visitsLeft null',
      today: '2026-03-02',
      facts: { serviceContracts: [contract('c1', '2026-01-01', '2026-12-31', null)] },
      expected: { basis: 'service_contract', visitsLeft: null },
    },
    {
      name: 'a paid contract wins over the free year',
      today: '2026-03-02',
      facts: {
        systemContracts: [{ acceptanceDate: '2025-12-01', totalPriceFen: 1 }],
        serviceContracts: [contract('c1', '2026-03-01', '2027-02-28', 5)],
      },
      expected: { basis: 'service_contract', visitsLeft: 5 },
    },
    {
      name: 'contract ended yesterday → expired',
      today: '2027-01-01',
      facts: { serviceContracts: [contract('c1', '2026-01-01', '2026-12-31')] },
      expected: { basis: 'expired', explanationKey: 'expired_contract', until: '2026-12-31' },
    },
    {
      name: 'running unaccepted under six months → still in implementation',
      today: '2026-03-02',
      facts: { modules: [running('2025-09-03')] },
      expected: { basis: 'unaccepted_running', explanationKey: 'unaccepted_recent' },
    },
    {
      name: 'running unaccepted six months, not classified → asks staff to classify',
      today: '2026-03-02',
      facts: { modules: [running('2025-09-02')] },
      expected: { basis: 'unaccepted_running', explanationKey: 'unaccepted_unclassified' },
    },
    ...([1, 2, 3, 4] as const).map((c) => ({
      name: `running unaccepted over six months, case ${c}`,
      today: '2026-03-02',
      facts: { modules: [running('2025-06-01')], project: { initialAcceptanceDate: null, unacceptedCase: c } },
      expected: { basis: 'unaccepted_running', case: c, explanationKey: `unaccepted_case_${c}` },
    })),
    {
      name: 'acceptance in the future does not count yet',
      today: '2026-03-02',
      facts: { systemContracts: [{ acceptanceDate: '2026-04-01', totalPriceFen: 0 }] },
      expected: { basis: 'none' },
    },
  ];

  test.each(cases)('$name', ({ today, facts, expected }) => {
    const result = entitlement({ at: at(today), timeZone: ZONE, facts: { ...empty, ...facts } });
    expect(result).toMatchObject(expected);
    if (!('case' in expected)) expect(result.case).toBeUndefined();
    expect(explain(result, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(explain(result, 'en')).toMatch(/^[\x20-\x7e’¥]+$/);
  });

  test('the local date is taken in the service zone: 16:30 UTC on 31 May is already 1 June in Shanghai', () => {
    const facts = { ...empty, systemContracts: [{ acceptanceDate: '2025-06-01', totalPriceFen: 0 }] };
    expect(entitlement({ at: new Date('2026-05-31T16:30:00Z'), timeZone: ZONE, facts }).basis).toBe('expired');
    expect(entitlement({ at: new Date('2026-05-31T16:30:00Z'), timeZone: 'UTC', facts }).basis).toBe('free_maintenance');
  });

  test('explanations in both languages; zh-CN unless English is preferred', () => {
    const e = entitlement({
      at: at('2026-03-02'),
      timeZone: ZONE,
      facts: { ...empty, modules: [running('2025-01-01')], project: { initialAcceptanceDate: null, unacceptedCase: 1 } },
    });
    expect(explain(e, 'zh-CN')).toContain('两周');
    expect(explain(e, 'en')).toContain('two weeks');
    expect([pickLocale(undefined), pickLocale('zh-CN,zh;q=0.9,en;q=0.5'), pickLocale('en-US,en;q=0.9'), pickLocale('en')]).toEqual([
      'zh-CN',
      'zh-CN',
      'en',
      'en',
    ]);
  });
});

describe('per-visit fee (002: travel + (lodging + 1,000 CNY) × days, per person)', () => {
  const base = { people: 1, travelPerPersonFen: 80_000, lodgingPerPersonDayFen: 30_000, dailyFeePerPersonDayFen: DEFAULT_DAILY_FEE_FEN };
  test.each([
    { name: 'same-day visit is one day', people: 1, arrival: '2026-03-02', departure: '2026-03-02', days: 1, total: 80_000 + 130_000 },
    {
      name: 'arrive Monday, leave Wednesday: three days',
      people: 1,
      arrival: '2026-03-02',
      departure: '2026-03-04',
      days: 3,
      total: 80_000 + 3 * 130_000,
    },
    {
      name: 'two engineers for two days',
      people: 2,
      arrival: '2026-02-28',
      departure: '2026-03-01',
      days: 2,
      total: 2 * (80_000 + 2 * 130_000),
    },
  ])('$name', ({ people, arrival, departure, days, total }) => {
    const d = billedDays(arrival, departure);
    expect(d).toBe(days);
    expect(visitFeeFen({ ...base, people, arrivalDate: arrival, departureDate: departure }, d).totalFen).toBe(total);
  });

  test.each([
    ['negative money', { ...base, travelPerPersonFen: -1 }],
    ['fractional fen', { ...base, lodgingPerPersonDayFen: 10.5 }],
    ['no people', { ...base, people: 0 }],
  ])('refuses %s', (_name, input) => {
    expect(() => visitFeeFen({ ...input, arrivalDate: '2026-03-02', departureDate: '2026-03-02' }, 1)).toThrow(MoneyError);
  });

  test('departure before arrival is refused; totals never leave the safe-integer range', () => {
    expect(() => billedDays('2026-03-02', '2026-03-01')).toThrow(MoneyError);
    expect(() =>
      visitFeeFen(
        { ...base, travelPerPersonFen: Number.MAX_SAFE_INTEGER, people: 2, arrivalDate: '2026-03-02', departureDate: '2026-03-02' },
        1,
      ),
    ).toThrow(MoneyError);
  });

  test('CNY formatting', () => {
    expect(formatCny(12_345_678)).toBe('¥123,456.78');
    expect(formatCny(5, 'en')).toBe('CN¥0.05');
  });
});

describe('system contract terms', () => {
  test.each([
    { total: 300_000_000, fee: 30_000_000 },
    { total: 12_345, fee: 1_235 }, // 1,234.5 fen rounds half up
    { total: 12_344, fee: 1_234 },
    { total: 0, fee: 0 },
  ])('10% of $total fen is $fee fen', ({ total, fee }) => {
    expect(suggestedMaintenanceFeeFen(total)).toBe(fee);
  });

  test('acceptance on a leap day: free year to 28 Feb, upgrades and warranty three years', () => {
    expect(systemContractTerms({ acceptanceDate: '2024-02-29', totalPriceFen: 100 })).toEqual({
      freeMaintenanceUntil: '2025-02-28',
      freeUpgradesUntil: '2027-02-28',
      hardwareWarrantyUntil: '2027-02-28',
      suggestedYearlyMaintenanceFeeFen: 10,
    });
    expect(systemContractTerms({ acceptanceDate: null, totalPriceFen: 0 }).freeMaintenanceUntil).toBeNull();
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('visit quota windows', () => {
  const c = { id: 'c', startDate: '2026-03-15', endDate: '2028-03-14' };
  test.each([
    ['2026-03-15', { from: '2026-03-15', to: '2027-03-14' }],
    ['2027-03-14', { from: '2026-03-15', to: '2027-03-14' }],
    ['2027-03-15', { from: '2027-03-15', to: '2028-03-14' }],
    ['2028-03-15', null],
    ['2026-03-14', null],
  ])('%s', (date, window) => {
    expect(contractYearWindow(c, date)).toEqual(window);
  });
  test('visits of the previous contract year and paid over-quota visits do not count', () => {
    const visits = [
      { serviceContractId: 'c', visitDate: '2026-05-01', isOverQuota: false },
      { serviceContractId: 'c', visitDate: '2027-04-01', isOverQuota: false },
      { serviceContractId: 'c', visitDate: '2027-05-01', isOverQuota: true },
      { serviceContractId: 'other', visitDate: '2027-05-01', isOverQuota: false },
    ];
    expect(visitsUsed(c, visits, '2027-06-01')).toBe(1);
  });
});

describe('renewal reminders on an injected clock', () => {
  const endDate = '2026-12-31';
  test('due dates', () => {
    expect([60, 30, 7].map((d) => reminderDueDate(endDate, d))).toEqual(['2026-11-01', '2026-12-01', '2026-12-24']);
  });
  // Walks a clock day by day through the contract's last 70 days: each reminder fires exactly once, on its day.
  test('each reminder fires once, on its date', () => {
    const sent: number[] = [];
    const fired: [string, number][] = [];
    for (let t = new Date('2026-10-20T16:30:00Z'); t < new Date('2027-01-10T00:00:00Z'); t = new Date(t.getTime() + 86_400_000)) {
      const today = localDateOf(t, ZONE);
      const { fire, skip } = dueReminders({ endDate, today, alreadySent: sent });
      if (fire !== null) {
        fired.push([today, fire]);
        sent.push(fire);
      }
      sent.push(...skip);
    }
    expect(fired).toEqual([
      ['2026-11-01', 60],
      ['2026-12-01', 30],
      ['2026-12-24', 7],
    ]);
  });
  test('entered late: only the most urgent fires, the others are recorded as skipped', () => {
    expect(dueReminders({ endDate, today: '2026-12-25', alreadySent: [] })).toEqual({ fire: 7, skip: [30, 60] });
    expect(dueReminders({ endDate, today: '2027-01-01', alreadySent: [] })).toEqual({ fire: null, skip: [] });
    expect(dueReminders({ endDate, today: '2026-12-25', alreadySent: [7] })).toEqual({ fire: null, skip: [30, 60] });
  });
});
