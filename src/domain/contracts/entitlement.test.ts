import { describe, expect, test } from 'vitest';
import { type ArchiveFacts, entitlement, explain } from './entitlement.ts';
import { systemContractTerms } from './system-contract.ts';

// Issue 14: two acceptances, a stated free period, the four unaccepted cases with their teeth,
// genuine licences, the 30 on-site days. One row per case; both languages are checked for each.
const ZONE = 'Asia/Shanghai';
const at = (date: string) => new Date(`${date}T04:00:00Z`);
const empty: ArchiveFacts = { systemContracts: [], modules: [], project: null, serviceContracts: [], visits: [] };
const running = (goLiveDate: string, extra: Partial<ArchiveFacts['modules'][number]> = {}) => ({
  acceptanceState: 'running_unaccepted' as const,
  goLiveDate,
  acceptanceDate: null,
  system: 'HIS',
  ...extra,
});
const project = (p: Partial<NonNullable<ArchiveFacts['project']>>): NonNullable<ArchiveFacts['project']> => ({
  initialAcceptanceDate: null,
  finalAcceptanceDate: null,
  unacceptedCase: null,
  ...p,
});
const silver = { code: 'silver', nameZh: '银牌级', nameEn: 'Silver' };

type Case = {
  name: string;
  today: string;
  facts: Partial<ArchiveFacts>;
  expected: Record<string, unknown>;
  zh: string;
  en: string;
};

const cases: Case[] = [
  {
    name: 'initial acceptance only → served by the centre, free year not started',
    today: '2026-03-02',
    facts: { project: project({ initialAcceptanceDate: '2026-01-10' }) },
    expected: { basis: 'free_maintenance', explanationKey: 'initial_accepted', until: undefined },
    zh: '已于 2026-01-10 初验',
    en: 'Initial acceptance on 2026-01-10',
  },
  {
    name: 'free year runs from final acceptance, not from initial',
    today: '2027-01-20',
    facts: { project: project({ initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: '2026-03-01' }) },
    expected: { basis: 'free_maintenance', until: '2027-02-28', explanationKey: 'free_maintenance' },
    zh: '2026-03-01 终验，至 2027-02-28',
    en: 'final acceptance 2026-03-01, until 2027-02-28',
  },
  {
    name: 'system contract: initial and final on the contract',
    today: '2027-02-01',
    facts: { systemContracts: [{ acceptanceDate: '2026-01-05', finalAcceptanceDate: '2026-04-01', totalPriceFen: 100_000_000 }] },
    expected: { basis: 'free_maintenance', until: '2027-03-31' },
    zh: '至 2027-03-31',
    en: 'until 2027-03-31',
  },
  {
    name: 'the 30 on-site days after final acceptance show while they run',
    today: '2026-03-30',
    facts: { project: project({ initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: '2026-03-01' }) },
    expected: { basis: 'free_maintenance', onSiteUntil: '2026-03-30' },
    zh: '验收后 30 天现场服务至 2026-03-30',
    en: 'the 30 days of on-site service after acceptance run until 2026-03-30',
  },
  {
    name: 'the 31st day: no on-site days any more',
    today: '2026-03-31',
    facts: { project: project({ initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: '2026-03-01' }) },
    expected: { basis: 'free_maintenance', onSiteUntil: undefined },
    zh: '含上门服务。',
    en: 'on-site service included.',
  },
  {
    name: 'the stated free period ran out without any acceptance → expired, not unaccepted',
    today: '2026-03-02',
    facts: {
      systemContracts: [{ acceptanceDate: null, finalAcceptanceDate: null, freeServiceUntil: '2026-01-31', totalPriceFen: 200_000_000 }],
      modules: [running('2025-01-01')],
      project: project({ unacceptedCase: 1 }),
    },
    expected: { basis: 'expired', explanationKey: 'expired_free_unaccepted', until: '2026-01-31' },
    zh: '合同约定的免费服务期已于 2026-01-31 到期',
    en: 'the free service period the contract states ended on 2026-01-31',
  },
  {
    name: 'the stated free period still running, not accepted → the unaccepted rules apply',
    today: '2026-03-02',
    facts: {
      systemContracts: [{ acceptanceDate: null, finalAcceptanceDate: null, freeServiceUntil: '2026-12-31', totalPriceFen: 1 }],
      modules: [running('2025-01-01')],
    },
    expected: { basis: 'unaccepted_running', explanationKey: 'unaccepted_unclassified' },
    zh: '超过半年仍未验收',
    en: 'over six months without acceptance',
  },
  {
    name: 'case 1 without a letter → urge by formal letter',
    today: '2026-03-02',
    facts: { modules: [running('2025-01-01')], project: project({ unacceptedCase: 1 }) },
    expected: { basis: 'unaccepted_running', case: 1, explanationKey: 'unaccepted_case_1' },
    zh: '正式发函督促医院两周内验收',
    en: 'urge acceptance by formal letter within two weeks',
  },
  {
    name: 'case 1, letter sent, on the last day of the two weeks → still served',
    today: '2026-03-15',
    facts: {
      modules: [running('2025-01-01')],
      project: project({ unacceptedCase: 1, urgeLetterDate: '2026-03-01', urgeLetterMethod: 'courier' }),
    },
    expected: { basis: 'unaccepted_running', case: 1, urgeDeadline: '2026-03-15', explanationKey: 'unaccepted_case_1_urged' },
    zh: '已于 2026-03-01以快递方式正式发函督促验收，期限至 2026-03-15',
    en: 'sent 2026-03-01 by courier, deadline 2026-03-15',
  },
  {
    name: 'case 1, the day after the deadline → no further service',
    today: '2026-03-16',
    facts: {
      modules: [running('2025-01-01')],
      project: project({ unacceptedCase: 1, urgeLetterDate: '2026-03-01', urgeLetterMethod: 'fax' }),
    },
    expected: { basis: 'no_service', case: 1, explanationKey: 'unaccepted_case_1_lapsed', overridden: undefined },
    zh: '不再提供后续服务',
    en: 'no further service',
  },
  {
    name: 'case 1 lapsed, staff override in force → served, with the reason',
    today: '2026-03-20',
    facts: {
      modules: [running('2025-01-01')],
      project: project({ unacceptedCase: 1, urgeLetterDate: '2026-03-01' }),
      overrides: [{ reason: '院长承诺月底验收', from: '2026-03-18', until: '2026-03-31' }],
    },
    expected: { basis: 'unaccepted_running', case: 1, overridden: true },
    zh: '【已人工放行至 2026-03-31：院长承诺月底验收】',
    en: '[Served by staff override until 2026-03-31: 院长承诺月底验收]',
  },
  {
    name: 'case 1 lapsed, the override has ended → no service again',
    today: '2026-04-01',
    facts: {
      modules: [running('2025-01-01')],
      project: project({ unacceptedCase: 1, urgeLetterDate: '2026-03-01' }),
      overrides: [{ reason: 'x', from: '2026-03-18', until: '2026-03-31' }],
    },
    expected: { basis: 'no_service', explanationKey: 'unaccepted_case_1_lapsed' },
    zh: '2026-03-15 届满',
    en: 'ran out on 2026-03-15',
  },
  {
    name: 'case 2 → launched modules accepted one by one, the others on hold',
    today: '2026-03-02',
    facts: {
      modules: [running('2025-01-01'), { acceptanceState: 'on_hold', goLiveDate: null, acceptanceDate: null, system: 'HIS' }],
      project: project({ unacceptedCase: 2 }),
    },
    expected: { basis: 'unaccepted_running', case: 2, explanationParams: { since: '2025-01-01', onHold: 1 } },
    zh: '1 个未上线模块已搁置',
    en: '1 unlaunched module(s) on hold',
  },
  {
    name: 'case 2 after the launched modules were accepted → free maintenance, modules on hold shown',
    today: '2026-03-02',
    facts: {
      modules: [
        { acceptanceState: 'accepted', goLiveDate: '2025-01-01', acceptanceDate: '2026-02-01', system: 'HIS' },
        { acceptanceState: 'on_hold', goLiveDate: null, acceptanceDate: null, system: 'HIS' },
      ],
      project: project({ unacceptedCase: 2 }),
    },
    expected: { basis: 'free_maintenance', until: '2027-01-31' },
    zh: '1 个未上线模块已搁置',
    en: 'on hold',
  },
  {
    name: 'case 3 with the refund recorded',
    today: '2026-03-02',
    facts: { modules: [running('2025-01-01')], project: project({ unacceptedCase: 3, refundFen: 1_234_500 }) },
    expected: { basis: 'unaccepted_running', case: 3, explanationParams: { since: '2025-01-01', refundFen: 1_234_500 } },
    zh: '已登记退款 ¥12,345.00',
    en: 'refund recorded: CN¥12,345.00',
  },
  {
    name: 'case 3 without a refund yet',
    today: '2026-03-02',
    facts: { modules: [running('2025-01-01')], project: project({ unacceptedCase: 3 }) },
    expected: { basis: 'unaccepted_running', case: 3 },
    zh: '退款金额尚未登记',
    en: 'refund not yet recorded',
  },
  {
    name: 'case 4 with a negotiation due date, overdue',
    today: '2026-03-02',
    facts: { modules: [running('2025-01-01')], project: project({ unacceptedCase: 4, negotiationDueDate: '2026-03-01' }) },
    expected: { basis: 'unaccepted_running', case: 4, explanationParams: { since: '2025-01-01', due: '2026-03-01', overdue: 1 } },
    zh: '协商任务期限 2026-03-01，已逾期',
    en: 'negotiation due 2026-03-01, overdue',
  },
  {
    name: 'case 4 due today is not overdue',
    today: '2026-03-01',
    facts: { modules: [running('2025-01-01')], project: project({ unacceptedCase: 4, negotiationDueDate: '2026-03-01' }) },
    expected: { basis: 'unaccepted_running', case: 4, explanationParams: { since: '2025-01-01', due: '2026-03-01', overdue: 0 } },
    zh: '协商任务期限 2026-03-01）',
    en: 'negotiation due 2026-03-01)',
  },
  {
    name: 'a system without a genuine licence → no service, even under a paid contract',
    today: '2026-03-02',
    facts: {
      modules: [
        { acceptanceState: 'accepted', goLiveDate: '2025-01-01', acceptanceDate: '2025-06-01', system: 'PACS', genuineLicence: false },
      ],
      serviceContracts: [{ id: 'c1', startDate: '2026-01-01', endDate: '2026-12-31', visitQuota: 10, tier: silver }],
    },
    expected: { basis: 'no_service', explanationKey: 'unlicensed', explanationParams: { systems: 'PACS' } },
    zh: 'PACS 未登记为正版授权',
    en: 'PACS is not recorded as genuinely licensed',
  },
  {
    name: 'no genuine licence, overridden → the contract answers, with the override',
    today: '2026-03-02',
    facts: {
      modules: [
        { acceptanceState: 'accepted', goLiveDate: '2025-01-01', acceptanceDate: '2025-06-01', system: 'PACS', genuineLicence: false },
      ],
      serviceContracts: [{ id: 'c1', startDate: '2026-01-01', endDate: '2026-12-31', visitQuota: 10, tier: silver }],
      overrides: [{ reason: '授权证书补办中', from: '2026-03-01', until: '2026-03-31' }],
    },
    expected: { basis: 'service_contract', overridden: true, serviceContractId: 'c1' },
    zh: '授权证书补办中',
    en: 'Silver service contract until 2026-12-31',
  },
];

describe('entitlement: issue 14 cases', () => {
  test.each(cases)('$name', ({ today, facts, expected, zh, en }) => {
    const e = entitlement({ at: at(today), timeZone: ZONE, facts: { ...empty, ...facts } });
    for (const [key, value] of Object.entries(expected)) expect(e[key as keyof typeof e], key).toEqual(value);
    expect(explain(e, 'zh-CN')).toContain(zh);
    expect(explain(e, 'en')).toContain(en);
  });
});

describe('system contract terms follow final acceptance (003 6.2)', () => {
  test('warranty and free upgrades from 终验; a single date counts as both', () => {
    expect(systemContractTerms({ acceptanceDate: '2026-01-05', finalAcceptanceDate: '2026-04-01', totalPriceFen: 0 })).toMatchObject({
      freeMaintenanceUntil: '2027-03-31',
      hardwareWarrantyUntil: '2029-03-31',
      freeUpgradesUntil: '2029-03-31',
    });
    expect(
      systemContractTerms({ acceptanceDate: '2026-01-05', finalAcceptanceDate: null, totalPriceFen: 0 }).hardwareWarrantyUntil,
    ).toBeNull();
    expect(systemContractTerms({ acceptanceDate: '2026-01-05', totalPriceFen: 0 }).hardwareWarrantyUntil).toBe('2029-01-04');
  });
});
