import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_CALENDARS } from '../../server/features/calendars/calendars.service.ts';
import { DEFAULT_POLICY_NAME } from '../../server/features/sla/sla.service.ts';
import { fixedTranslations } from '../i18n/testing.ts';
import { BUILTIN_CALENDAR_NAMES, BUILTIN_POLICY_NAME, calendarName, policyName } from './builtin-names.ts';

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  ({ zh, english } = await fixedTranslations());
});

describe('built-in calendar and policy names are shown in the reader’s language', () => {
  test('the web knows the names the server stores for its built-ins', () => {
    expect(BUILTIN_CALENDAR_NAMES).toEqual([BUILTIN_CALENDARS.allDay.name, BUILTIN_CALENDARS.workingHours.name]);
    expect(BUILTIN_POLICY_NAME).toBe(DEFAULT_POLICY_NAME);
  });

  test('built-in calendars: Chinese on Chinese screens, English on English ones', () => {
    const allDay = { name: BUILTIN_CALENDARS.allDay.name, isBuiltin: true };
    const office = { name: BUILTIN_CALENDARS.workingHours.name, isBuiltin: true };
    expect(calendarName(zh, allDay)).toBe('7×24 全天候');
    expect(calendarName(english, allDay)).toBe('Around the clock (7×24)');
    expect(calendarName(zh, office)).toBe('5×8 工作时间（含法定节假日与调休）');
    expect(calendarName(english, office)).toBe('Working hours (5×8, public holidays and make-up days)');
  });

  test('the default policy: one language at a time, not both', () => {
    const policy = { name: DEFAULT_POLICY_NAME, isBuiltin: true };
    expect(policyName(zh, policy)).toBe('默认服务承诺');
    expect(policyName(english, policy)).toBe('Default service commitments');
  });

  test('user-made and renamed ones show as stored, in every language', () => {
    const mine = { name: '7×24 全天候', isBuiltin: false };
    expect(calendarName(english, mine)).toBe('7×24 全天候');
    const renamed = { name: '本院服务承诺', isBuiltin: true };
    expect(policyName(english, renamed)).toBe('本院服务承诺');
    expect(calendarName(english, renamed)).toBe('本院服务承诺');
  });
});
