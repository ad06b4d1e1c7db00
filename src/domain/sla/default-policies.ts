// The product's own default SLA policies (issue 14; docs/service-rules.md). Pure: calendar ids in,
// targets out. Where a seed states a number it is used; the rest is the product's choice, documented
// and changeable in Settings → SLA policies.
import type { ServiceWindow } from '../contracts/vocabulary.ts';
import type { PolicyTargets, SeverityTargets } from '../sla.ts';
import type { ServiceClass } from '../vocabulary.ts';

export type BuiltinCalendarIds = { allDayId: string; workingHoursId: string };

const HOUR = 60;
/** 000: same city ≤ 2 h, same province ≤ 24 h, nationwide ≤ 48 h. */
const ON_SITE_MINUTES = { same_city: 2 * HOUR, same_province: 24 * HOUR, elsewhere: 48 * HOUR };

function rules(
  firstResponse: { minutes: number; calendarId: string },
  later: string,
  minutes: { solution: number; resolution: number },
): SeverityTargets {
  return {
    first_response: firstResponse,
    // 001: fax/email requests get an oral and written answer within 4 h.
    reply: { minutes: 4 * HOUR, calendarId: later },
    // 002: a solution proposal within 24 h.
    solution: { minutes: minutes.solution, calendarId: later },
    resolution: { minutes: minutes.resolution, calendarId: later },
    on_site: { calendarId: later, minutes: ON_SITE_MINUTES },
  };
}

/**
 * The default policy (everyone without a more specific one). First response: 001's 10/30/60 minutes,
 * always on 7×24 — 001 promises a 7×24 hotline for every request. Critical and urgent requests run
 * their later promises on 7×24 too; a normal request's written reply, solution and resolution run on
 * working time. Resolution 24 h (critical), 48 h (urgent) and 10 working days (normal) are the
 * product's own choice: no seed states them.
 */
export function defaultPolicyTargets({ allDayId, workingHoursId }: BuiltinCalendarIds): PolicyTargets {
  return {
    critical: rules({ minutes: 10, calendarId: allDayId }, allDayId, { solution: 24 * HOUR, resolution: 24 * HOUR }),
    urgent: rules({ minutes: 30, calendarId: allDayId }, allDayId, { solution: 24 * HOUR, resolution: 48 * HOUR }),
    normal: rules({ minutes: 60, calendarId: allDayId }, workingHoursId, { solution: 24 * HOUR, resolution: 10 * 8 * HOUR }),
  };
}

/**
 * A tier's policy follows its service window (no seed ties a tier to a window: Diamond/Gold 7×24 and
 * Silver/Bronze 5×8 is the product's default mapping, set on the tier). A 7×24 tier runs every clock
 * on 7×24; a 5×8 tier has the default policy's clocks. A tier with priority on major issues (002:
 * Diamond) gets its critical and urgent solution within 12 h and critical resolution within 12 h.
 */
export function tierPolicyTargets(ids: BuiltinCalendarIds, tier: { serviceWindow: ServiceWindow; hasPriority: boolean }): PolicyTargets {
  const base = defaultPolicyTargets(ids);
  const on = (t: SeverityTargets, calendarId: string): SeverityTargets => ({
    first_response: t.first_response,
    reply: { ...t.reply, calendarId },
    solution: { ...t.solution, calendarId },
    resolution: { ...t.resolution, calendarId },
    on_site: { ...t.on_site, calendarId },
  });
  const windowed: PolicyTargets =
    tier.serviceWindow === '7x24'
      ? { critical: on(base.critical, ids.allDayId), urgent: on(base.urgent, ids.allDayId), normal: on(base.normal, ids.allDayId) }
      : base;
  if (!tier.hasPriority) return windowed;
  return {
    ...windowed,
    critical: {
      ...windowed.critical,
      solution: { ...windowed.critical.solution, minutes: 12 * HOUR },
      resolution: { ...windowed.critical.resolution, minutes: 12 * HOUR },
    },
    urgent: { ...windowed.urgent, solution: { ...windowed.urgent.solution, minutes: 12 * HOUR } },
  };
}

/** 000's alternative: "any request answered within 1–30 minutes" — first response 10/30/30 min, all on 7×24. Seeded inactive. */
export function answerWithin30MinutesTargets(ids: BuiltinCalendarIds): PolicyTargets {
  const base = defaultPolicyTargets(ids);
  return { ...base, normal: { ...base.normal, first_response: { minutes: 30, calendarId: ids.allDayId } } };
}

/** 000: on-site faults are cleared within 24 hours of arrival — the default for a visit. */
export const ON_SITE_FAULT_CLEARED_HOURS = 24;

/** 003's service classes and the promise each carries by default (shown at intake and on the request). */
export const SERVICE_CLASS_PROMISES: Record<ServiceClass, { 'zh-CN': string; en: string }> = {
  general_fault: {
    'zh-CN': '一般性故障：2 小时内响应，确定坏损件情况，决定排除故障或更换坏损件并立即通知客户。',
    en: 'General fault: respond within 2 h, find the damaged part, decide repair or replace and tell the customer at once.',
  },
  catastrophic_fault: {
    'zh-CN': '灾难性（重大）故障：2 小时内响应并尽快提供解决方案，以最快捷的交通工具派工程师到现场。',
    en: 'Catastrophic fault: respond within 2 h with a solution as soon as possible; engineers go on site by the fastest transport.',
  },
  routine_maintenance: {
    'zh-CN': '日常维护：按服务等级的例行维护计划（每月/季/半年/年）上门。',
    en: 'Routine maintenance: on the tier’s routine schedule (monthly, quarterly, half-yearly, yearly).',
  },
  upgrade_patch: {
    'zh-CN': '升级、打补丁：每年至少一次版本升级（001），三年内免费升级（000）。',
    en: 'Upgrade/patch: at least one version upgrade a year (001), free upgrades for three years (000).',
  },
};

/** The response minutes 003 promises per service class (first response), when a policy is scoped to it. */
export const SERVICE_CLASS_RESPONSE_MINUTES: Partial<Record<ServiceClass, number>> = {
  general_fault: 2 * HOUR,
  catastrophic_fault: 2 * HOUR,
};

/**
 * 003's service classes as seeded policies (issue 14). A general fault: answered within 2 h (the default's
 * 10/30/60 minutes are already within it and stay), and the repair-or-replace decision told to the customer
 * within 2 h — the solution clock, on 7×24. A catastrophic fault: answered within 2 h, a solution as soon as
 * possible — every clock on 7×24, the solution within 2 h. Routine maintenance and upgrades keep the default
 * policy (null). The 2-hour decision and the 7×24 catastrophic clocks are the product's reading of 003.
 */
export function serviceClassPolicyTargets(ids: BuiltinCalendarIds, serviceClass: ServiceClass): PolicyTargets | null {
  const minutes = SERVICE_CLASS_RESPONSE_MINUTES[serviceClass];
  if (minutes === undefined) return null;
  const base = defaultPolicyTargets(ids);
  const allDay = serviceClass === 'catastrophic_fault';
  const adjust = (t: SeverityTargets): SeverityTargets => {
    const cal = (rule: { calendarId: string }) => (allDay ? ids.allDayId : rule.calendarId);
    return {
      first_response: { minutes: Math.min(t.first_response.minutes, minutes), calendarId: ids.allDayId },
      reply: { ...t.reply, calendarId: cal(t.reply) },
      solution: { minutes: Math.min(t.solution.minutes, minutes), calendarId: ids.allDayId },
      resolution: { ...t.resolution, calendarId: cal(t.resolution) },
      on_site: { ...t.on_site, calendarId: cal(t.on_site) },
    };
  };
  return { critical: adjust(base.critical), urgent: adjust(base.urgent), normal: adjust(base.normal) };
}
