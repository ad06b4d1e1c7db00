import type { VisitType } from '../field/work-orders.ts';
import { addDays, addMonths, addYears, localDateOf, maxDate } from './local-date.ts';
import { formatCny, suggestedMaintenanceFeeFen } from './money.ts';
import { visitsLeft, visitsUsed } from './visits.ts';
import type { AcceptanceState, UnacceptedCase } from './vocabulary.ts';

export const ENTITLEMENT_BASES = ['free_maintenance', 'service_contract', 'unaccepted_running', 'expired', 'none'] as const;
export type EntitlementBasis = (typeof ENTITLEMENT_BASES)[number];
export type Locale = 'zh-CN' | 'en';

/** What the archive knows about a customer, as far as entitlement goes. */
export type ArchiveFacts = {
  systemContracts: { acceptanceDate: string | null; totalPriceFen: number }[];
  modules: { acceptanceState: AcceptanceState; goLiveDate: string | null; acceptanceDate: string | null }[];
  project: { initialAcceptanceDate: string | null; unacceptedCase: UnacceptedCase | null } | null;
  serviceContracts: {
    id: string;
    startDate: string;
    endDate: string;
    visitQuota: number | null;
    tier: { code: string; nameZh: string; nameEn: string };
  }[];
  visits: { serviceContractId: string | null; visitDate: string; isOverQuota: boolean; type?: VisitType }[];
};

export type ExplanationKey =
  | 'free_maintenance'
  | 'service_contract'
  | 'unaccepted_recent'
  | 'unaccepted_unclassified'
  | 'unaccepted_case_1'
  | 'unaccepted_case_2'
  | 'unaccepted_case_3'
  | 'unaccepted_case_4'
  | 'expired_free'
  | 'expired_contract'
  | 'none';

export type Entitlement = {
  basis: EntitlementBasis;
  tier?: { code: string; nameZh: string; nameEn: string };
  /** Visits left in the current contract year; null = unlimited. Only with a service contract. */
  visitsLeft?: number | null;
  /** One of DOMAIN.md §5's four "running unaccepted over six months" cases, once staff classified it. */
  case?: UnacceptedCase;
  /** The last day covered by the basis (free maintenance or the contract), when there is one. */
  until?: string;
  serviceContractId?: string;
  explanationKey: ExplanationKey;
  explanationParams: Record<string, string | number>;
};

/** Months a project must have run unaccepted before it is one of the four cases (002: 半年以上). */
export const UNACCEPTED_MONTHS = 6;

/**
 * What the customer is owed on the local date of `at` in the service zone (DOMAIN.md §5, 002 二):
 * a paid contract in force → its tier and visits left; else accepted (wholly or some modules) and
 * within the free year → free maintenance; else running unaccepted → one of four cases once over six
 * months; else a free year or contract that has ended → expired (paid per visit); else none.
 * A paid contract wins over the free year when both hold: it carries the tier the SLA selects on.
 */
export function entitlement({ at, timeZone, facts }: { at: Date; timeZone: string; facts: ArchiveFacts }): Entitlement {
  const today = localDateOf(at, timeZone);

  const inForce = facts.serviceContracts.find((c) => c.startDate <= today && today <= c.endDate);
  if (inForce) {
    const used = visitsUsed(inForce, facts.visits, today);
    const left = visitsLeft(inForce.visitQuota, used);
    return {
      basis: 'service_contract',
      tier: inForce.tier,
      visitsLeft: left,
      until: inForce.endDate,
      serviceContractId: inForce.id,
      explanationKey: 'service_contract',
      explanationParams: { tierZh: inForce.tier.nameZh, tierEn: inForce.tier.nameEn, until: inForce.endDate, left: left ?? -1 },
    };
  }

  // "Accepted" includes a project of which only some modules signed acceptance (002 二(一)).
  const acceptanceDates = [
    ...facts.systemContracts.map((c) => c.acceptanceDate),
    facts.project?.initialAcceptanceDate ?? null,
    ...facts.modules.filter((m) => m.acceptanceState === 'accepted').map((m) => m.acceptanceDate),
  ].filter((d): d is string => d !== null && d <= today);
  const latestAcceptance = maxDate(acceptanceDates);
  if (latestAcceptance) {
    const freeUntil = addDays(addYears(latestAcceptance, 1), -1);
    if (today <= freeUntil) {
      return {
        basis: 'free_maintenance',
        until: freeUntil,
        explanationKey: 'free_maintenance',
        explanationParams: { accepted: latestAcceptance, until: freeUntil },
      };
    }
  }

  const lastContract = facts.serviceContracts.filter((c) => c.endDate < today).sort((a, b) => (a.endDate < b.endDate ? 1 : -1))[0];
  if (!latestAcceptance) {
    const running = facts.modules.filter((m) => m.acceptanceState === 'running_unaccepted' && m.goLiveDate && m.goLiveDate <= today);
    const firstGoLive = running.map((m) => m.goLiveDate as string).sort()[0];
    if (firstGoLive && !lastContract) {
      const overSixMonths = addMonths(firstGoLive, UNACCEPTED_MONTHS) <= today;
      if (!overSixMonths) {
        return { basis: 'unaccepted_running', explanationKey: 'unaccepted_recent', explanationParams: { since: firstGoLive } };
      }
      const c = facts.project?.unacceptedCase ?? null;
      if (c === null) {
        return { basis: 'unaccepted_running', explanationKey: 'unaccepted_unclassified', explanationParams: { since: firstGoLive } };
      }
      return { basis: 'unaccepted_running', case: c, explanationKey: `unaccepted_case_${c}`, explanationParams: { since: firstGoLive } };
    }
  }

  const systemTotal = facts.systemContracts.reduce((sum, c) => sum + c.totalPriceFen, 0);
  const fee = Number.isSafeInteger(systemTotal) ? suggestedMaintenanceFeeFen(systemTotal) : 0;
  if (lastContract) {
    return {
      basis: 'expired',
      until: lastContract.endDate,
      explanationKey: 'expired_contract',
      explanationParams: { ended: lastContract.endDate, feeFen: fee },
    };
  }
  if (latestAcceptance) {
    const ended = addDays(addYears(latestAcceptance, 1), -1);
    return { basis: 'expired', until: ended, explanationKey: 'expired_free', explanationParams: { ended, feeFen: fee } };
  }
  return { basis: 'none', explanationKey: 'none', explanationParams: {} };
}

type Params = Record<string, string | number>;
const fee = (p: Params, locale: Locale) => (Number(p.feeFen) > 0 ? formatCny(Number(p.feeFen), locale) : '');

const MESSAGES: Record<ExplanationKey, Record<Locale, (p: Params) => string>> = {
  free_maintenance: {
    'zh-CN': (p) => `免费维护期内（${p.accepted} 验收，至 ${p.until}），含上门服务。`,
    en: (p) => `Free maintenance (accepted ${p.accepted}, until ${p.until}), on-site service included.`,
  },
  service_contract: {
    'zh-CN': (p) =>
      `${p.tierZh}服务合同有效至 ${p.until}；本合同年度剩余上门次数：${Number(p.left) < 0 ? '不限' : `${p.left} 次`}${Number(p.left) === 0 ? '，超出次数须签按次服务报价单' : ''}。`,
    en: (p) =>
      `${p.tierEn} service contract until ${p.until}; on-site visits left this contract year: ${Number(p.left) < 0 ? 'unlimited' : p.left}${Number(p.left) === 0 ? '; further visits need a signed per-visit quote' : ''}.`,
  },
  unaccepted_recent: {
    'zh-CN': (p) => `系统自 ${p.since} 运行，未验收且未满半年：仍在实施期，由实施组负责。`,
    en: (p) => `Running since ${p.since}, not accepted, under six months: still in implementation, handled by the project team.`,
  },
  unaccepted_unclassified: {
    'zh-CN': (p) => `系统自 ${p.since} 运行已超过半年仍未验收：请在项目档案中确认属于四类情形中的哪一类。`,
    en: (p) =>
      `Running since ${p.since}, over six months without acceptance: classify which of the four cases applies in the project history.`,
  },
  unaccepted_case_1: {
    'zh-CN': () => '运行超过半年未验收（类型1：医院自身原因）：正式发函督促医院两周内验收，否则无法提供后续服务。',
    en: () =>
      'Running over six months without acceptance (case 1, the hospital’s own reasons): urge acceptance by formal letter within two weeks; otherwise no further service.',
  },
  unaccepted_case_2: {
    'zh-CN': () => '运行超过半年未验收（类型2：医院原因部分模块未能上线）：对已上模块验收，并针对这些模块洽谈服务合同。',
    en: () =>
      'Running over six months without acceptance (case 2, the hospital could not launch some modules): accept the launched modules and negotiate a service contract for them.',
  },
  unaccepted_case_3: {
    'zh-CN': () => '运行超过半年未验收（类型3：我方模块不成熟）：对已上模块验收并洽谈服务合同，未上模块按合同退款。',
    en: () =>
      'Running over six months without acceptance (case 3, the vendor’s modules were not mature): accept the launched modules and contract for them; refund the rest per contract.',
  },
  unaccepted_case_4: {
    'zh-CN': () => '运行超过半年未验收（类型4：双方对未验收原因有分歧）：双方尽快协商解决方案。',
    en: () =>
      'Running over six months without acceptance (case 4, the two sides disagree on why): both sides negotiate a solution quickly.',
  },
  expired_free: {
    'zh-CN': (p) =>
      `免费服务期已于 ${p.ended} 到期：按次收费上门（须签报价单），或签订年度服务合同${fee(p, 'zh-CN') ? `（建议年维护费 ${fee(p, 'zh-CN')}）` : ''}。`,
    en: (p) =>
      `Free service ended on ${p.ended}: on-site work is paid per visit (signed quote), or sign a yearly service contract${fee(p, 'en') ? ` (suggested yearly fee ${fee(p, 'en')})` : ''}.`,
  },
  expired_contract: {
    'zh-CN': (p) =>
      `服务合同已于 ${p.ended} 到期：按次收费上门（须签报价单），或续签服务合同${fee(p, 'zh-CN') ? `（建议年维护费 ${fee(p, 'zh-CN')}）` : ''}。`,
    en: (p) =>
      `Service contract ended on ${p.ended}: on-site work is paid per visit (signed quote), or renew${fee(p, 'en') ? ` (suggested yearly fee ${fee(p, 'en')})` : ''}.`,
  },
  none: {
    'zh-CN': () => '无免费维护或服务合同：按次收费上门服务，须客户签署报价单（补充协议）后派员。',
    en: () => 'No free maintenance or service contract: on-site work is paid per visit, dispatched once the customer signs the quote.',
  },
};

export function explain(e: Pick<Entitlement, 'explanationKey' | 'explanationParams'>, locale: Locale): string {
  return MESSAGES[e.explanationKey][locale](e.explanationParams);
}

/** zh-CN unless the caller prefers English (Accept-Language or the user's locale). */
export function pickLocale(preferred: string | null | undefined): Locale {
  return preferred && /^en\b/i.test(preferred.trim()) ? 'en' : 'zh-CN';
}
