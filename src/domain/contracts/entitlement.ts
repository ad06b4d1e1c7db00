import type { VisitType } from '../field/work-orders.ts';
import { addDays, addMonths, addYears, localDateOf, maxDate } from './local-date.ts';
import { formatCny, suggestedMaintenanceFeeFen } from './money.ts';
import { visitsLeft, visitsUsed } from './visits.ts';
import {
  type AcceptanceState,
  ON_SITE_DAYS_AFTER_ACCEPTANCE,
  type UnacceptedCase,
  URGE_DEADLINE_DAYS,
  type UrgeLetterMethod,
} from './vocabulary.ts';

/** `no_service`: the seeds say no further service (case 1 after its deadline, or no genuine licence). */
export const ENTITLEMENT_BASES = ['free_maintenance', 'service_contract', 'unaccepted_running', 'expired', 'no_service', 'none'] as const;
export type EntitlementBasis = (typeof ENTITLEMENT_BASES)[number];
export type Locale = 'zh-CN' | 'en';

/**
 * What the archive knows about a customer, as far as entitlement goes. A system contract's or the
 * project's `acceptanceDate`/`initialAcceptanceDate` is the initial acceptance (初验); a missing
 * (undefined) `finalAcceptanceDate` means a single acceptance date, which counts as both.
 */
export type ArchiveFacts = {
  systemContracts: {
    acceptanceDate: string | null;
    finalAcceptanceDate?: string | null;
    /** The last day of the free service period the contract states (002 二(三)), if it states one. */
    freeServiceUntil?: string | null;
    totalPriceFen: number;
  }[];
  modules: {
    acceptanceState: AcceptanceState;
    goLiveDate: string | null;
    acceptanceDate: string | null;
    system?: string;
    /** false = the customer runs this system without a genuine licence (002: genuine licences only). */
    genuineLicence?: boolean;
  }[];
  project: {
    initialAcceptanceDate: string | null;
    finalAcceptanceDate?: string | null;
    unacceptedCase: UnacceptedCase | null;
    urgeLetterDate?: string | null;
    urgeLetterMethod?: UrgeLetterMethod | null;
    refundFen?: number | null;
    negotiationDueDate?: string | null;
  } | null;
  serviceContracts: {
    id: string;
    startDate: string;
    endDate: string;
    visitQuota: number | null;
    tier: { code: string; nameZh: string; nameEn: string };
  }[];
  visits: { serviceContractId: string | null; visitDate: string; isOverQuota: boolean; type?: VisitType }[];
  /** Staff decisions to serve despite a "no further service" answer, each with a reason, from..until (dates). */
  overrides?: { reason: string; from: string; until: string }[];
};

export type ExplanationKey =
  | 'free_maintenance'
  | 'initial_accepted'
  | 'service_contract'
  | 'unaccepted_recent'
  | 'unaccepted_unclassified'
  | 'unaccepted_case_1'
  | 'unaccepted_case_1_urged'
  | 'unaccepted_case_1_lapsed'
  | 'unaccepted_case_2'
  | 'unaccepted_case_3'
  | 'unaccepted_case_4'
  | 'unlicensed'
  | 'expired_free'
  | 'expired_free_unaccepted'
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
  /** The last day of the 30 days of on-site service after (final) acceptance, while they run (000). */
  onSiteUntil?: string;
  /** Case 1: the last day of the two weeks the formal letter gave the hospital. */
  urgeDeadline?: string;
  /** A staff override of a "no further service" answer is in force. */
  overridden?: boolean;
  serviceContractId?: string;
  explanationKey: ExplanationKey;
  explanationParams: Record<string, string | number>;
};

/** Months a project must have run unaccepted before it is one of the four cases (002: 半年以上). */
export const UNACCEPTED_MONTHS = 6;

const onOrBefore =
  (today: string) =>
  (d: string | null | undefined): d is string =>
    !!d && d <= today;

/**
 * What the customer is owed on the local date of `at` in the service zone (DOMAIN.md §5, 002 二, 003 6.2/6.7):
 * a system without a genuine licence → no service (unless overridden); a paid contract in force → its tier
 * and visits left; else finally accepted (wholly or some modules) and within the free year → free
 * maintenance (with the 30 on-site days after acceptance); else a stated free period that ran out
 * without acceptance → expired; else initially accepted only → served (the free year waits for 终验);
 * else running unaccepted → one of four cases once over six months (case 1 with the letter's
 * two-week deadline); else a free year or contract that has ended → expired (paid per visit); else none.
 * A paid contract wins over the free year when both hold: it carries the tier the SLA selects on.
 */
export function entitlement({ at, timeZone, facts }: { at: Date; timeZone: string; facts: ArchiveFacts }): Entitlement {
  const today = localDateOf(at, timeZone);
  const override = (facts.overrides ?? []).filter((o) => o.from <= today && today <= o.until).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  const withOverride = (e: Entitlement, of: 'unlicensed' | 'case_1'): Entitlement =>
    override
      ? {
          ...e,
          overridden: true,
          explanationParams: { ...e.explanationParams, overrideOf: of, overrideReason: override.reason, overrideUntil: override.until },
        }
      : e;

  const unlicensed = [...new Set(facts.modules.filter((m) => m.genuineLicence === false).map((m) => m.system ?? '—'))].sort();
  if (unlicensed.length > 0) {
    if (!override) return { basis: 'no_service', explanationKey: 'unlicensed', explanationParams: { systems: unlicensed.join(', ') } };
    return withOverride(decide(today, facts, withOverride), 'unlicensed');
  }
  return decide(today, facts, withOverride);
}

function decide(
  today: string,
  facts: ArchiveFacts,
  withOverride: (e: Entitlement, of: 'unlicensed' | 'case_1') => Entitlement,
): Entitlement {
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

  const project = facts.project;
  const isOn = onOrBefore(today);
  // Final acceptance (终验) starts the free year (003 6.2); a module is accepted once, and "accepted"
  // includes a project of which only some modules signed acceptance (002 二(一)).
  const finals = [
    ...facts.systemContracts.map((c) => (c.finalAcceptanceDate === undefined ? c.acceptanceDate : c.finalAcceptanceDate)),
    project ? (project.finalAcceptanceDate === undefined ? project.initialAcceptanceDate : project.finalAcceptanceDate) : null,
    ...facts.modules.filter((m) => m.acceptanceState === 'accepted').map((m) => m.acceptanceDate),
  ].filter(isOn);
  const initials = [...facts.systemContracts.map((c) => c.acceptanceDate), project?.initialAcceptanceDate ?? null].filter(isOn);
  const latestAcceptance = maxDate(finals);
  const latestInitial = maxDate(initials);
  const onHold = facts.modules.filter((m) => m.acceptanceState === 'on_hold').length;
  if (latestAcceptance) {
    const freeUntil = addDays(addYears(latestAcceptance, 1), -1);
    if (today <= freeUntil) {
      const onSiteUntil = addDays(latestAcceptance, ON_SITE_DAYS_AFTER_ACCEPTANCE - 1);
      const onSite = today <= onSiteUntil;
      return {
        basis: 'free_maintenance',
        until: freeUntil,
        ...(onSite ? { onSiteUntil } : {}),
        explanationKey: 'free_maintenance',
        explanationParams: {
          accepted: latestAcceptance,
          until: freeUntil,
          ...(onSite ? { onSiteUntil } : {}),
          ...(onHold ? { onHold } : {}),
        },
      };
    }
  }

  const systemTotal = facts.systemContracts.reduce((sum, c) => sum + c.totalPriceFen, 0);
  const fee = Number.isSafeInteger(systemTotal) ? suggestedMaintenanceFeeFen(systemTotal) : 0;
  const lastContract = facts.serviceContracts.filter((c) => c.endDate < today).sort((a, b) => (a.endDate < b.endDate ? 1 : -1))[0];
  if (!latestAcceptance && !lastContract) {
    // 002 二(三): "虽未签署过验收报告但免费服务期已到期" — the contract's own free period ran out.
    const stated = maxDate(facts.systemContracts.map((c) => c.freeServiceUntil));
    if (stated && stated < today) {
      return {
        basis: 'expired',
        until: stated,
        explanationKey: 'expired_free_unaccepted',
        explanationParams: { ended: stated, feeFen: fee },
      };
    }
    if (latestInitial) {
      // 003 6.7: service takes over at 初验; the free year (and the warranty) start at 终验.
      return {
        basis: 'free_maintenance',
        ...(stated ? { until: stated } : {}),
        explanationKey: 'initial_accepted',
        explanationParams: { initial: latestInitial, ...(onHold ? { onHold } : {}) },
      };
    }
    const running = facts.modules.filter((m) => m.acceptanceState === 'running_unaccepted' && m.goLiveDate && m.goLiveDate <= today);
    const firstGoLive = running.map((m) => m.goLiveDate as string).sort()[0];
    if (firstGoLive) {
      const overSixMonths = addMonths(firstGoLive, UNACCEPTED_MONTHS) <= today;
      if (!overSixMonths) {
        return { basis: 'unaccepted_running', explanationKey: 'unaccepted_recent', explanationParams: { since: firstGoLive } };
      }
      const c = project?.unacceptedCase ?? null;
      const since = firstGoLive;
      if (c === null) return { basis: 'unaccepted_running', explanationKey: 'unaccepted_unclassified', explanationParams: { since } };
      if (c === 1) {
        const letter = project?.urgeLetterDate ?? null;
        if (!letter || letter > today)
          return { basis: 'unaccepted_running', case: 1, explanationKey: 'unaccepted_case_1', explanationParams: { since } };
        const deadline = addDays(letter, URGE_DEADLINE_DAYS);
        const urged: Entitlement = {
          basis: 'unaccepted_running',
          case: 1,
          urgeDeadline: deadline,
          explanationKey: 'unaccepted_case_1_urged',
          explanationParams: { since, letter, method: project?.urgeLetterMethod ?? '', deadline },
        };
        if (today <= deadline) return urged;
        const lapsed = withOverride(urged, 'case_1');
        if (lapsed.overridden) return lapsed;
        return {
          basis: 'no_service',
          case: 1,
          urgeDeadline: deadline,
          explanationKey: 'unaccepted_case_1_lapsed',
          explanationParams: { since, letter, deadline },
        };
      }
      if (c === 2) {
        return { basis: 'unaccepted_running', case: 2, explanationKey: 'unaccepted_case_2', explanationParams: { since, onHold } };
      }
      if (c === 3) {
        const refund = project?.refundFen ?? null;
        return {
          basis: 'unaccepted_running',
          case: 3,
          explanationKey: 'unaccepted_case_3',
          explanationParams: { since, ...(refund !== null ? { refundFen: refund } : {}) },
        };
      }
      const due = project?.negotiationDueDate ?? null;
      return {
        basis: 'unaccepted_running',
        case: 4,
        explanationKey: 'unaccepted_case_4',
        explanationParams: { since, ...(due ? { due, overdue: due < today ? 1 : 0 } : {}) },
      };
    }
  }

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
const onHoldZh = (p: Params) => (Number(p.onHold) > 0 ? `；${p.onHold} 个未上线模块已搁置` : '');
const onHoldEn = (p: Params) => (Number(p.onHold) > 0 ? `; ${p.onHold} unlaunched module(s) on hold` : '');
const METHOD: Record<string, Record<Locale, string>> = {
  post: { 'zh-CN': '邮寄', en: 'by post' },
  courier: { 'zh-CN': '快递', en: 'by courier' },
  fax: { 'zh-CN': '传真', en: 'by fax' },
  email: { 'zh-CN': '电子邮件', en: 'by email' },
  by_hand: { 'zh-CN': '专人送达', en: 'by hand' },
};
const method = (p: Params, locale: Locale) => METHOD[String(p.method)]?.[locale] ?? '';

const MESSAGES: Record<ExplanationKey, Record<Locale, (p: Params) => string>> = {
  free_maintenance: {
    'zh-CN': (p) =>
      `免费维护期内（${p.accepted} 终验，至 ${p.until}），含上门服务${p.onSiteUntil ? `；验收后 30 天现场服务至 ${p.onSiteUntil}` : ''}${onHoldZh(p)}。`,
    en: (p) =>
      `Free maintenance (final acceptance ${p.accepted}, until ${p.until}), on-site service included${p.onSiteUntil ? `; the 30 days of on-site service after acceptance run until ${p.onSiteUntil}` : ''}${onHoldEn(p)}.`,
  },
  initial_accepted: {
    'zh-CN': (p) => `已于 ${p.initial} 初验，由服务中心接手；一年免费服务与三年硬件保修自终验起算（尚未终验）${onHoldZh(p)}。`,
    en: (p) =>
      `Initial acceptance on ${p.initial}: the service centre has taken over; the free year and the 3-year hardware warranty start at final acceptance (not yet)${onHoldEn(p)}.`,
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
  unaccepted_case_1_urged: {
    'zh-CN': (p) =>
      `运行超过半年未验收（类型1：医院自身原因）：已于 ${p.letter}${method(p, 'zh-CN') ? `以${method(p, 'zh-CN')}方式` : ''}正式发函督促验收，期限至 ${p.deadline}；逾期未验收将不再提供后续服务。`,
    en: (p) =>
      `Running over six months without acceptance (case 1, the hospital’s own reasons): formal letter urging acceptance sent ${p.letter}${method(p, 'en') ? ` ${method(p, 'en')}` : ''}, deadline ${p.deadline}; after it no further service.`,
  },
  unaccepted_case_1_lapsed: {
    'zh-CN': (p) =>
      `督促验收函（${p.letter}）的两周期限已于 ${p.deadline} 届满，医院仍未验收：不再提供后续服务（可由服务人员注明原因后放行）。`,
    en: (p) =>
      `The two weeks of the letter urging acceptance (${p.letter}) ran out on ${p.deadline} without acceptance: no further service (staff may override with a reason).`,
  },
  unaccepted_case_2: {
    'zh-CN': (p) =>
      `运行超过半年未验收（类型2：医院原因部分模块未能上线）：对已上模块逐个验收，未上模块搁置，并针对已上模块洽谈服务合同${onHoldZh(p)}。`,
    en: (p) =>
      `Running over six months without acceptance (case 2, the hospital could not launch some modules): accept the launched modules one by one, put the unlaunched ones on hold, and negotiate a service contract for the launched ones${onHoldEn(p)}.`,
  },
  unaccepted_case_3: {
    'zh-CN': (p) =>
      `运行超过半年未验收（类型3：我方模块不成熟）：对已上模块验收并洽谈服务合同，未上模块按合同退款${p.refundFen !== undefined ? `（已登记退款 ${formatCny(Number(p.refundFen), 'zh-CN')}）` : '（退款金额尚未登记）'}。`,
    en: (p) =>
      `Running over six months without acceptance (case 3, the vendor’s modules were not mature): accept the launched modules and contract for them; refund the rest per contract${p.refundFen !== undefined ? ` (refund recorded: ${formatCny(Number(p.refundFen), 'en')})` : ' (refund not yet recorded)'}.`,
  },
  unaccepted_case_4: {
    'zh-CN': (p) =>
      `运行超过半年未验收（类型4：双方对未验收原因有分歧）：双方尽快协商解决方案${p.due ? `（协商任务期限 ${p.due}${Number(p.overdue) ? '，已逾期' : ''}）` : '（尚未设定协商期限）'}。`,
    en: (p) =>
      `Running over six months without acceptance (case 4, the two sides disagree on why): both sides negotiate a solution quickly${p.due ? ` (negotiation due ${p.due}${Number(p.overdue) ? ', overdue' : ''})` : ' (no negotiation due date set)'}.`,
  },
  unlicensed: {
    'zh-CN': (p) => `仅为正版软件提供服务：${p.systems} 未登记为正版授权，不提供服务（可由服务人员注明原因后放行）。`,
    en: (p) =>
      `Only genuine licences are served: ${p.systems} is not recorded as genuinely licensed, so no service (staff may override with a reason).`,
  },
  expired_free: {
    'zh-CN': (p) =>
      `免费服务期已于 ${p.ended} 到期：按次收费上门（须签报价单），或签订年度服务合同${fee(p, 'zh-CN') ? `（建议年维护费 ${fee(p, 'zh-CN')}）` : ''}。`,
    en: (p) =>
      `Free service ended on ${p.ended}: on-site work is paid per visit (signed quote), or sign a yearly service contract${fee(p, 'en') ? ` (suggested yearly fee ${fee(p, 'en')})` : ''}.`,
  },
  expired_free_unaccepted: {
    'zh-CN': (p) =>
      `虽未验收，但合同约定的免费服务期已于 ${p.ended} 到期：按次收费上门（须签报价单），或签订年度服务合同${fee(p, 'zh-CN') ? `（建议年维护费 ${fee(p, 'zh-CN')}）` : ''}。`,
    en: (p) =>
      `Not accepted, but the free service period the contract states ended on ${p.ended}: on-site work is paid per visit (signed quote), or sign a yearly service contract${fee(p, 'en') ? ` (suggested yearly fee ${fee(p, 'en')})` : ''}.`,
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

const OVERRIDE: Record<Locale, (p: Params) => string> = {
  'zh-CN': (p) => `【已人工放行至 ${p.overrideUntil}：${p.overrideReason}】`,
  en: (p) => `[Served by staff override until ${p.overrideUntil}: ${p.overrideReason}]`,
};

export function explain(e: Pick<Entitlement, 'explanationKey' | 'explanationParams'>, locale: Locale): string {
  const text = MESSAGES[e.explanationKey][locale](e.explanationParams);
  return e.explanationParams.overrideReason !== undefined
    ? `${OVERRIDE[locale](e.explanationParams)}${locale === 'en' ? ' ' : ''}${text}`
    : text;
}

/** zh-CN unless the caller prefers English (Accept-Language or the user's locale). */
export function pickLocale(preferred: string | null | undefined): Locale {
  return preferred && /^en\b/i.test(preferred.trim()) ? 'en' : 'zh-CN';
}
