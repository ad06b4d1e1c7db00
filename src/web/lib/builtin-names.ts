import type { TFunction } from 'i18next';

/**
 * The names the server stores for the built-in calendars and the default SLA policy
 * (src/server/features/calendars/calendars.service.ts, sla/sla.service.ts; builtin-names.test.ts
 * pins that they agree). Stored names are one language; these show in the reader's.
 */
const BUILTIN_CALENDAR_KEYS: Readonly<Record<string, 'allDay' | 'workingHours'>> = {
  '7×24 全天候': 'allDay',
  '5×8 工作时间（含法定节假日与调休）': 'workingHours',
};
export const BUILTIN_POLICY_NAME = '默认服务承诺 Default service commitments';

type Named = { name: string; isBuiltin: boolean };

/** A calendar's name in the UI language: a built-in one (not renamed) is translated, any other shows as stored. */
export function calendarName(t: TFunction, calendar: Named): string {
  const key = calendar.isBuiltin ? BUILTIN_CALENDAR_KEYS[calendar.name] : undefined;
  return key ? t(`builtins.calendars.${key}`) : calendar.name;
}

/** A policy's name in the UI language: the built-in default (not renamed) is translated, any other shows as stored. */
export function policyName(t: TFunction, policy: Named): string {
  return policy.isBuiltin && policy.name === BUILTIN_POLICY_NAME ? t('builtins.defaultPolicy') : policy.name;
}

/** The stored names of the built-in calendars, for the test that pins them to the server's. */
export const BUILTIN_CALENDAR_NAMES = Object.keys(BUILTIN_CALENDAR_KEYS);
