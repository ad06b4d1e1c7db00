// Small form helpers shared by the contract, tier, visit and quote forms.
import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { yuanToFen } from '../../lib/money.ts';
import { issueMessage } from '../../lib/schema-form.ts';

/** An amount in yuan typed as text (kept as the string the user typed; converted to fen exactly on submit). */
export function YuanInput(props: InputProps) {
  return <Input prefix="¥" inputMode="decimal" autoComplete="off" className="money-input" {...props} />;
}

/** antd rule: a non-negative yuan amount with at most two decimals (optional unless `required`). */
export function yuanRule(t: TFunction, required = true): Rule {
  return {
    required,
    validator: async (_rule, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) {
        if (required) throw new Error(t('validation.required'));
        return;
      }
      if (yuanToFen(text) === null) throw new Error(t('contracts.yuanInvalid'));
    },
  };
}

export function toLocalDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function fromLocalDate(value: string | null | undefined): Dayjs | undefined {
  return value ? dayjs(value, 'YYYY-MM-DD') : undefined;
}

/** Puts a server schema's issues on the form fields they concern; returns true if it did. */
export function schemaIssuesToFields(
  result: z.ZodSafeParseResult<unknown>,
  t: TFunction,
  setFields: (fields: { name: string; errors: string[] }[]) => void,
): boolean {
  if (result.success) return false;
  setFields(
    result.error.issues.map((issue) => ({
      name: String(issue.path[0] ?? ''),
      errors: [issue.code === 'custom' ? customMessage(String(issue.message), t) : issueMessage(issue, t)],
    })),
  );
  return true;
}

/** The server schemas' refinements speak English; their meaning, in the user's language. */
function customMessage(message: string, t: TFunction): string {
  if (message.includes('before')) return t('contracts.dateOrder');
  if (message.includes('required')) return t('validation.required');
  return t('validation.invalid');
}
